"""The flask-smorest Api: OpenAPI document and interactive docs from our marshmallow schemas.

The document tells the truth about what the app sends: every error is application/problem+json
(app.problems.ProblemSchema), and the headers sent are declared on the responses that send them.
"""

import http

import swagger_ui_bundle
from apispec import BasePlugin
from flask import Blueprint, Flask, send_from_directory
from flask_smorest import Api as SmorestApi
from werkzeug.routing import IntegerConverter

from app.errors import PROBLEM_JSON
from app.problems import ProblemSchema, types_table

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """<int:...> bounded to a database integer: a larger number is a 404, not a driver error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def _id_schema(converter) -> dict:
    return {"type": "integer", "minimum": 0, "maximum": MAX_ID}


# Response headers, registered once as components; routes name the ones they send.
HEADERS = {
    "X-Request-ID": {
        "description": "the request's id (echoed when the client sent a sane one); in the logs",
        "schema": {"type": "string", "maxLength": 64},
        "required": True,
    },
    "Content-Language": {
        "description": "the language of the texts in the body (zh or en, by Accept-Language)",
        "schema": {"type": "string", "enum": ["zh", "en"]},
        "required": True,
    },
    "ETag": {
        "description": "entity tag; send it back in If-None-Match (reads) or If-Match (saves)",
        "schema": {"type": "string"},
        "required": True,
    },
    "Retry-After": {
        "description": "seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 0},
        "required": True,
    },
    "Idempotent-Replayed": {
        "description": "present (true) when this is the stored answer to an earlier request "
        "with the same Idempotency-Key",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "Link": {
        "description": 'RFC 8288: <next page>; rel="next", sent while there is a next page',
        "schema": {"type": "string"},
    },
}


def response_headers(*names: str) -> dict:
    """The `headers` of a documented response: references to the HEADERS components."""
    unknown = set(names) - set(HEADERS)
    if unknown:
        raise ValueError(f"undeclared response headers {sorted(unknown)}: add them to HEADERS")
    return {name: name for name in names}


def _is_error(status) -> bool:
    return status == "default" or int(status) >= 400


class ResponseTruthPlugin(BasePlugin):
    """Completes every operation's responses with what app.errors and the hooks always send.

    An error response declared without a body gets the problem+json body (every HTTPException
    becomes one); every response gets X-Request-ID, and every /api/ response Content-Language.
    """

    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            for status, response in operation.get("responses", {}).items():
                if not isinstance(response, dict) or "$ref" in response:
                    continue  # a component response: complete already (Api._register_responses)
                if _is_error(status) and "content" not in response:
                    response["content"] = {PROBLEM_JSON: {"schema": "Problem"}}
                sent = ["X-Request-ID"]
                if path.startswith("/api/") or _is_error(status):
                    sent.append("Content-Language")
                response["headers"] = {**response_headers(*sent), **response.get("headers", {})}


class Api(SmorestApi):
    """flask-smorest's Api, leaving error handling to app.errors (problem+json for all)."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        pass

    def _register_responses(self):
        """The component responses for every error status: problem+json and its headers."""
        for name, header in HEADERS.items():
            self.spec.components.header(name, header)
        self.spec.components.schema("Problem", schema=ProblemSchema)
        for status in http.HTTPStatus:
            if status >= 400:
                self._register_problem_response(status.name, status.phrase)
        self._register_problem_response(self.DEFAULT_ERROR_RESPONSE_NAME, "Any other error")

    def _register_problem_response(self, name: str, description: str):
        response = {
            "description": description,
            "content": {PROBLEM_JSON: {"schema": "Problem"}},
            "headers": response_headers("X-Request-ID", "Content-Language"),
        }
        self.spec.components.response(name, response, lazy=True)

    def _register_pagination_header(self):
        """Nothing: pages are cut by cursors (next_cursor, next, Link), not page numbers."""


api = Api()

# Swagger UI is served from the package, not a CDN: the docs work on a closed network too.
swagger_assets = Blueprint("swagger_assets", __name__)


@swagger_assets.get("/api/docs/static/<path:filename>")
def swagger_asset(filename):
    return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename, max_age=86400)


def init_app(app: Flask) -> None:
    """Configure and bind the Api."""
    app.config.update(
        API_TITLE="质量自评 Quality Self-Assessment API",
        API_VERSION="1.0.0",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL="/api/docs/static/",
        API_SPEC_OPTIONS={
            "info": {
                "description": (
                    "Hebei enterprises assess themselves against the province's quality programme "
                    "and the law in force (each question traced to 冀政办字〔2016〕86号); "
                    "regulators review; associations read aggregates. "
                    "Errors are application/problem+json (RFC 9457); the `type` of each "
                    "is one of these stable URNs:\n\n" + types_table()
                )
            },
            "components": {
                "securitySchemes": {
                    "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
                }
            },
        },
    )
    app.url_map.converters["int"] = IdConverter
    api.init_app(app, spec_kwargs={"extra_plugins": [ResponseTruthPlugin()]})
    api.register_converter(IdConverter, _id_schema)
    app.register_blueprint(swagger_assets)
