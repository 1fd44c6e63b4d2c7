"""The flask-smorest Api: OpenAPI document and interactive docs from our marshmallow schemas."""

import swagger_ui_bundle
from flask import Blueprint, Flask, send_from_directory
from flask_smorest import Api as SmorestApi
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """<int:...> bounded to a database integer: a larger number is a 404, not a driver error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def _id_schema(converter) -> dict:
    return {"type": "integer", "minimum": 0, "maximum": MAX_ID}


class Api(SmorestApi):
    """flask-smorest's Api, leaving error handling to app.errors (problem+json for all)."""

    def _register_error_handlers(self):
        pass


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
                    "Hebei enterprises assess themselves against the 2016 quality action plan "
                    "(冀政办字〔2016〕86号); regulators review; associations read aggregates. "
                    "Errors are application/problem+json (RFC 9457)."
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
    api.init_app(app)
    api.register_converter(IdConverter, _id_schema)
    app.register_blueprint(swagger_assets)
