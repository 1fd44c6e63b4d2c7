"""GET /aggregates and its exports: figures over many enterprises, never one."""

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from app.aggregates import service
from app.aggregates.schemas import AggregateArgsSchema, AggregateSchema
from app.auth import policy

blp = Blueprint(
    "aggregates",
    __name__,
    url_prefix="/api/v1/aggregates",
    description="Aggregates for associations (published snapshots) and regulators; small "
    "groups suppressed (docs/disclosure-control.md).",
)


def answer(args) -> dict:
    query = service.resolve_query(principal=policy.current_principal(), args=args)
    return service.read_aggregates(query=query, min_cell=current_app.config["MIN_CELL"])


@blp.route("")
class Aggregates(MethodView):
    @policy.allow("association", "regulator", "admin")
    @blp.arguments(AggregateArgsSchema, location="query")
    @blp.response(200, AggregateSchema)
    def get(self, args):
        """Count, mean, quartiles, maturity and answer shares per group; small ones hidden."""
        return answer(args)
