"""GET /questionnaires, /questionnaires/{key}, /questionnaires/{key}/versions/{n}."""

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from app.api import response_headers
from app.compression import matching_etag
from app.errors import not_found
from app.i18n import current_language
from app.questionnaires import service
from app.questionnaires.representation import definition_body, summary
from app.questionnaires.schemas import QuestionnaireDefinitionSchema, QuestionnaireListSchema

blp = Blueprint(
    "questionnaires",
    __name__,
    url_prefix="/api/v1/questionnaires",
    description="Published questionnaire definitions (public; cacheable with ETag).",
)

LATEST_CACHE = "public, no-cache"  # may be superseded by a new version: always revalidate
VERSION_CACHE = "public, max-age=31536000, immutable"  # a published version never changes


def _definition_response(row, cache_control: str) -> Response:
    body, etag = definition_body(row, current_language())
    matched = matching_etag(etag)
    response = Response(None if matched else body, mimetype="application/json")
    response.set_etag(matched or etag)
    response.headers["Cache-Control"] = cache_control
    response.vary.add("Accept-Language")
    response.vary.add("Accept-Encoding")
    response.headers["Content-Language"] = current_language()
    if matched:
        response.status_code = 304
        return response
    return response.make_conditional(request)


@blp.route("")
class Questionnaires(MethodView):
    @blp.response(200, QuestionnaireListSchema)
    @blp.doc(operationId="listQuestionnaires")
    def get(self):
        """List the published questionnaires, newest version of each."""
        lang = current_language()
        return {
            "items": [summary(version_id, lang) for version_id in service.list_latest_versions()]
        }


@blp.route("/<string:key>")
class LatestQuestionnaire(MethodView):
    @blp.response(200, QuestionnaireDefinitionSchema, headers=response_headers("ETag"))
    @blp.alt_response(
        304, description="Not modified (If-None-Match)", headers=response_headers("ETag")
    )
    @blp.alt_response(404, description="No such questionnaire")
    @blp.doc(operationId="getQuestionnaire")
    def get(self, key):
        """The latest published version of a questionnaire."""
        row = service.latest_version(key=key)
        if row is None:
            raise not_found()
        return _definition_response(row, LATEST_CACHE)


@blp.route("/<string:key>/versions/<int:version>")
class QuestionnaireVersion(MethodView):
    @blp.response(200, QuestionnaireDefinitionSchema, headers=response_headers("ETag"))
    @blp.alt_response(
        304, description="Not modified (If-None-Match)", headers=response_headers("ETag")
    )
    @blp.alt_response(404, description="No such questionnaire or version")
    @blp.doc(operationId="getQuestionnaireVersion")
    def get(self, key, version):
        """One published version of a questionnaire."""
        row = service.get_version(key=key, version=version)
        if row is None:
            raise not_found()
        return _definition_response(row, VERSION_CACHE)
