"""Liveness (/healthz) and readiness (/readyz)."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import text

from app.api import response_headers
from app.db import db
from app.errors import ApiError

from .checks import run_checks

blp = Blueprint("health", __name__, description="Liveness and readiness")


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})


class ReadinessSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})
    checks = fields.Dict(
        keys=fields.String(),
        values=fields.String(),
        required=True,
        metadata={"example": {"database": "ok", "redis": "not configured"}},
    )


@blp.route("/healthz")
class Health(MethodView):
    @blp.response(200, HealthSchema)
    @blp.alt_response(503, schema=HealthSchema, description="The database does not answer")
    @blp.doc(operationId="getHealth")
    def get(self):
        """Answer 200 when the database answers, 503 otherwise."""
        try:
            db.session.execute(text("SELECT 1"))
        except Exception:  # any driver error means "not healthy", which is the answer asked for
            db.session.rollback()
            return {"status": "unavailable"}, 503
        return {"status": "ok"}


@blp.route("/readyz")
class Ready(MethodView):
    @blp.response(200, ReadinessSchema)
    @blp.alt_response(
        503,
        description="A service the app needs does not answer (problem+json)",
        headers=response_headers("Retry-After"),
    )
    @blp.doc(operationId="getReadiness")
    def get(self):
        """200 when every configured service answers (database, Redis, ...); 503 otherwise."""
        checks = run_checks()
        unavailable = [name for name, outcome in checks.items() if outcome == "unavailable"]
        if unavailable:
            raise ApiError(
                503,
                "not_ready",
                extra={"checks": checks},
                headers={"Retry-After": "5"},
                unavailable=", ".join(unavailable),
            )
        return {"status": "ok", "checks": checks}
