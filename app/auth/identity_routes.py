"""The regulator's identity checks: the enterprise list, verification, USCC reassignment."""

from flask.views import MethodView
from flask_smorest import Blueprint

from app.audit.models import LIST
from app.auth import verification
from app.auth.identity_schemas import (
    EnterpriseIdentitySchema,
    EnterpriseListArgsSchema,
    EnterpriseListSchema,
    ReassignedSchema,
    ReassignmentSchema,
    VerificationDecisionSchema,
)
from app.auth.models import REGULATOR
from app.auth.policy import (
    allow,
    current_principal,
    enterprise_for_read,
    enterprise_scope,
    note_access,
)
from app.db import db

blp = Blueprint(
    "identity", __name__, url_prefix="/api/v1", description="Who is behind an enterprise account"
)


@blp.route("/enterprises")
class Enterprises(MethodView):
    @allow(REGULATOR)
    @blp.arguments(EnterpriseListArgsSchema, location="query")
    @blp.response(200, EnterpriseListSchema)
    @blp.doc(operationId="listEnterprises")
    def get(self, args):
        """The enterprises of the regulator's jurisdiction, by id; filter by verification."""
        items, next_after = verification.list_enterprises(scope=enterprise_scope(), **args)
        # Names, USCCs and contacts of a whole jurisdiction: who read which firms is kept.
        note_access(LIST, view="enterprises", enterprises=[e.id for e in items])
        return {"items": items, "next_after": next_after}


@blp.route("/enterprises/<int:enterprise_id>/verification")
class Verification(MethodView):
    @allow(REGULATOR)
    @blp.arguments(VerificationDecisionSchema)
    @blp.response(200, EnterpriseIdentitySchema)
    @blp.alt_response(404, description="No such enterprise in the jurisdiction")
    @blp.alt_response(409, description="The account's USCC was reassigned; nothing to verify")
    @blp.doc(operationId="decideVerification")
    def post(self, body, enterprise_id):
        """Verify the enterprise with the name checked, or refuse it with the reason."""
        principal = current_principal()
        enterprise = enterprise_for_read(principal, enterprise_id)
        if body["decision"] == "verify":
            verification.verify_enterprise(
                enterprise=enterprise, name=body["name"], note=body["note"], by=principal
            )
        else:
            verification.refuse_enterprise(enterprise=enterprise, reason=body["note"], by=principal)
        db.session.commit()
        return enterprise


@blp.route("/enterprises/<int:enterprise_id>/reassignment")
class Reassignment(MethodView):
    @allow(REGULATOR)
    @blp.arguments(ReassignmentSchema)
    @blp.response(201, ReassignedSchema)
    @blp.alt_response(404, description="No such enterprise in the jurisdiction")
    @blp.alt_response(409, description="The account's USCC was reassigned already")
    @blp.doc(operationId="reassignUscc")
    def post(self, body, enterprise_id):
        """Give this account's USCC to the real company; this account is disabled, data kept."""
        principal = current_principal()
        enterprise = enterprise_for_read(principal, enterprise_id)
        if enterprise.uscc is None:
            verification.refuse_released(enterprise)
        real, password = verification.reassign_uscc(enterprise=enterprise, by=principal, **body)
        db.session.commit()
        return {"enterprise": real, "username": real.uscc, "password": password}
