"""The admins' audit log."""

from flask.views import MethodView
from flask_smorest import Blueprint

from app.api import response_headers
from app.audit import service
from app.audit.schemas import AuditArgsSchema, AuditPageSchema
from app.auth import policy
from app.pagination import link_headers, next_link

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
    @blp.response(200, AuditPageSchema, headers=response_headers("Link"))
    @blp.doc(operationId="listAuditEntries")
    def get(self, args):
        """The audit log, newest first."""
        rows, next_cursor = service.list_audit(**args)
        link = next_link(next_cursor)
        body = {
            "items": [service.audit_repr(entry, username) for entry, username in rows],
            "next_cursor": next_cursor,
            "next": link,
        }
        return body, 200, link_headers(link)
