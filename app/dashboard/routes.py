"""GET /dashboard: the regulator's jurisdiction at a glance."""

from flask.views import MethodView
from flask_smorest import Blueprint

from app.audit.models import LIST
from app.auth import policy
from app.dashboard.schemas import DashboardArgsSchema, DashboardSchema
from app.dashboard.service import dashboard
from app.i18n import current_language

blp = Blueprint(
    "dashboard",
    __name__,
    url_prefix="/api/v1/dashboard",
    description="The regulator's jurisdiction at a glance, per campaign or per year "
    "(docs/dashboard.md).",
)


@blp.route("")
class Dashboard(MethodView):
    @policy.allow("regulator")
    @blp.arguments(DashboardArgsSchema, location="query")
    @blp.response(200, DashboardSchema)
    @blp.alt_response(404, description="No such campaign in your jurisdiction")
    @blp.alt_response(422, description="Neither or both of campaign and year; an unknown "
                      "questionnaire or region")  # fmt: skip
    @blp.doc(operationId="getDashboard")
    def get(self, args):
        """States, response rate, scores, levels, dimension means, red flags, units.

        Figures up to DASHBOARD_CACHE_SECONDS old (60 by default; docs/dashboard.md, Freshness).
        """
        principal = policy.current_principal()
        body = dashboard(principal=principal, args=args, lang=current_language())
        policy.note_access(LIST, view="dashboard", campaign_id=args.get("campaign"))
        return body
