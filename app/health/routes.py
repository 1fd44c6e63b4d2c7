"""Liveness and database check."""

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import text

from app.db import db

blp = Blueprint("health", __name__, description="Liveness")


class HealthSchema(Schema):
    status = fields.String(required=True, metadata={"example": "ok"})


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
