"""GET /aggregates and its exports: figures over many enterprises, never one."""

from datetime import date

from flask import Response, current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from app.aggregates.read import exports, report
from app.aggregates.read.query import definition, read_aggregates, resolve_query
from app.aggregates.read.representation import question_texts
from app.aggregates.read.years import read_years
from app.aggregates.schemas import AggregateArgsSchema, AggregateSchema, AggregateYearsSchema
from app.audit.models import AGGREGATE, EXPORT
from app.auth import policy
from app.i18n import current_language

blp = Blueprint(
    "aggregates",
    __name__,
    url_prefix="/api/v1/aggregates",
    description="Aggregates for associations (published snapshots) and regulators; small "
    "groups suppressed (docs/disclosure-control.md).",
)
FILES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def answer(args, *, action: str = AGGREGATE) -> dict:
    query = resolve_query(principal=policy.current_principal(), args=args)
    policy.note_access(action)  # the audit log keeps the query string with it
    return read_aggregates(query=query, min_cell=current_app.config["MIN_CELL"])


def _file(body: dict, kind: str, content: bytes) -> Response:
    snapshot = body["snapshot"]
    day = snapshot["date"] if snapshot else date.today().isoformat()
    name = f"aggregates-{body['questionnaire']['key']}-{body['filters']['year']}-{day}.{kind}"
    response = Response(content, mimetype=FILES[kind].split(";")[0])
    response.headers["Content-Type"] = FILES[kind]
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _documented(kind: str) -> dict:
    return {
        "200": {
            "description": "The same figures as GET /aggregates, with the same suppression",
            "content": {
                FILES[kind].split(";")[0]: {"schema": {"type": "string", "format": "binary"}}
            },
        }
    }


@blp.route("")
class Aggregates(MethodView):
    @policy.allow("association", "regulator", "admin")
    @blp.arguments(AggregateArgsSchema, location="query")
    @blp.response(200, AggregateSchema)
    @blp.doc(operationId="getAggregates")
    def get(self, args):
        """Count, mean, quartiles, maturity and answer shares per group; small ones hidden."""
        return answer(args)


@blp.route("/years")
class AggregatesByYear(MethodView):
    @policy.allow("association", "regulator", "admin")
    @blp.arguments(AggregateArgsSchema, location="query")
    @blp.response(200, AggregateYearsSchema)
    @blp.doc(operationId="getAggregatesByYear")
    def get(self, args):
        """Each year's figures for one total, and the change from the year before where safe.

        year and group_by are ignored: every year is listed, for the total alone.
        """
        query = resolve_query(principal=policy.current_principal(), args=args)
        policy.note_access(AGGREGATE)
        return read_years(query=query, min_cell=current_app.config["MIN_CELL"])


@blp.route("/export.csv")
class AggregatesCsv(MethodView):
    @policy.allow("association", "regulator", "admin")
    @blp.arguments(AggregateArgsSchema, location="query")
    @blp.doc(responses=_documented("csv"))
    @blp.doc(operationId="exportAggregatesCsv")
    def get(self, args):
        """The figures as one long CSV table (UTF-8 with a BOM)."""
        body, lang = answer(args, action=EXPORT), current_language()
        texts = question_texts(definition(body), lang)
        return _file(body, "csv", exports.to_csv(body, texts, lang))


@blp.route("/export.xlsx")
class AggregatesXlsx(MethodView):
    @policy.allow("association", "regulator", "admin")
    @blp.arguments(AggregateArgsSchema, location="query")
    @blp.doc(responses=_documented("xlsx"))
    @blp.doc(operationId="exportAggregatesXlsx")
    def get(self, args):
        """The figures as a workbook: groups, dimensions, maturity, questions."""
        body, lang = answer(args, action=EXPORT), current_language()
        texts = question_texts(definition(body), lang)
        return _file(body, "xlsx", exports.to_xlsx(body, texts, lang))


@blp.route("/report.pdf")
class AggregatesPdf(MethodView):
    @policy.allow("association", "regulator", "admin")
    @blp.arguments(AggregateArgsSchema, location="query")
    @blp.doc(responses=_documented("pdf"))
    @blp.doc(operationId="getAggregateReport")
    def get(self, args):
        """The figures as a PDF report with charts."""
        body, lang = answer(args, action=EXPORT), current_language()
        texts = question_texts(definition(body), lang)
        return _file(body, "pdf", report.render_pdf(body, texts, lang))
