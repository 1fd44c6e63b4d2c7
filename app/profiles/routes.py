"""GET/PUT /profile (own), GET /enterprises/{id}/profile, GET /profile/definition."""

from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth import policy
from app.db import db
from app.i18n import current_language
from app.profiles import service
from app.profiles.definition import load_profile_definition
from app.profiles.schemas import ProfileDefinitionSchema, ProfileSchema, ProfileUpdateSchema
from app.questionnaires.representation import localise_tree

blp = Blueprint(
    "profiles",
    __name__,
    url_prefix="/api/v1",
    description="The enterprise profile: facts answered once, used by every questionnaire.",
)


def _body(enterprise_id: int) -> dict:
    profile = service.get_profile(enterprise_id=enterprise_id)
    return localise_tree(
        service.profile_repr(profile, enterprise_id=enterprise_id), current_language()
    )


@blp.route("/profile")
class OwnProfile(MethodView):
    @policy.allow("enterprise")
    @blp.response(200, ProfileSchema)
    @blp.doc(operationId="getProfile")
    def get(self):
        """The signed-in enterprise's profile (empty answers until first saved)."""
        principal = policy.require_role("enterprise")
        return _body(principal.enterprise_id)

    @policy.allow("enterprise")
    @blp.arguments(ProfileUpdateSchema)
    @blp.response(200, ProfileSchema)
    @blp.doc(operationId="putProfile")
    def put(self, body):
        """Replace the profile's answers; results already submitted keep the copy they froze."""
        principal = policy.require_role("enterprise")
        service.save_profile(
            enterprise_id=principal.enterprise_id, answers=body["answers"], actor=principal
        )
        db.session.commit()
        return _body(principal.enterprise_id)


@blp.route("/profile/definition")
class ProfileDefinition(MethodView):
    @policy.allow_anyone
    @blp.response(200, ProfileDefinitionSchema)
    @blp.doc(operationId="getProfileDefinition")
    def get(self):
        """The profile's fields and options, in the caller's language."""
        return localise_tree(load_profile_definition(), current_language())


@blp.route("/enterprises/<int:enterprise_id>/profile")
class EnterpriseProfile(MethodView):
    @policy.allow("enterprise", "regulator")
    @blp.response(200, ProfileSchema)
    @blp.doc(operationId="getEnterpriseProfile")
    def get(self, enterprise_id):
        """An enterprise's current profile: the enterprise itself, or a regulator of its region."""
        principal = policy.require_role("enterprise", "regulator")
        enterprise = policy.enterprise_for_read(principal, enterprise_id)
        return _body(enterprise.id)
