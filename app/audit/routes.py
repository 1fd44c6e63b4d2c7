"""The admins' audit log."""

from flask.views import MethodView
from flask_smorest import Blueprint

from app.audit import service
from app.audit.schemas import AuditArgsSchema, AuditPageSchema
from app.auth import policy

blp = Blueprint(
    "audit",
    __name__,
    url_prefix="/api/v1/audit",
    description="Who read or exported what, sessions revoked, service tokens and their calls.",
)


@blp.route("")
class AuditLog(MethodView):
    @policy.allow("admin")
    @blp.arguments(AuditArgsSchema, location="query")
    @blp.response(200, AuditPageSchema)
    def get(self, args):
        """The audit log, newest first."""
        rows, next_cursor = service.list_audit(**args)
        return {
            "items": [service.audit_repr(entry, username) for entry, username in rows],
            "next_cursor": next_cursor,
        }
