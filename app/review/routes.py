"""Regulator review endpoints: decide, diff revisions, export the queue."""

from datetime import datetime

from flask import Response, current_app, stream_with_context
from flask.views import MethodView
from flask_smorest import Blueprint

from app import signals
from app.api import response_headers
from app.assessments.facts import submitted_facts
from app.assessments.filters import CHINA
from app.assessments.queue_schemas import QueueFilterSchema
from app.assessments.representation import assessment_repr
from app.assessments.schemas import AssessmentSchema
from app.audit.models import EXPORT, REVIEW
from app.audit.service import record_event
from app.auth import policy
from app.db import db
from app.errors import ApiError
from app.i18n import current_language, localise
from app.messages.exports import EXPORT_TOO_LARGE
from app.messages.review import SUBMISSIONS_SHEET
from app.review import exports
from app.review.diff import diff_revisions
from app.review.schemas import (
    DiffArgsSchema,
    DiffSchema,
    ReviewDecisionSchema,
)
from app.review.service import decide_review

blp = Blueprint(
    "review",
    __name__,
    url_prefix="/api/v1/assessments",
    description="Regulator review: approve or return submissions, compare revisions, export.",
)


@blp.route("/<int:assessment_id>/review")
class AssessmentReview(MethodView):
    @policy.allow("regulator")
    @blp.arguments(ReviewDecisionSchema)
    @blp.response(200, AssessmentSchema, headers=response_headers("ETag"))
    @blp.alt_response(404, description="No such assessment in your jurisdiction")
    @blp.alt_response(409, description="Not awaiting review; `current_status` says what it is")
    @blp.alt_response(422, description="A return without a comment, or unknown question ids")
    @blp.doc(operationId="reviewAssessment")
    def post(self, body, assessment_id):
        """Approve the submitted revision, or return it with reasons for the enterprise to edit."""
        principal = policy.require_role("regulator")
        assessment = policy.assessment_for_review(principal, assessment_id)
        try:
            decide_review(assessment=assessment, actor=principal, **body)
        except ApiError:
            db.session.rollback()
            raise
        # In the decision's transaction: recorded if and only if the decision stands.
        record_event(
            action=REVIEW,
            role=principal.role,
            user_id=principal.id,
            assessment_id=assessment.id,
            details={"decision": body["decision"]},
            status=200,
            in_session=True,
        )
        db.session.commit()
        signals.announce(signals.submission_decided, assessment, decision=body["decision"])
        # The regulator decided on what was submitted: the facts frozen with it, even after a
        # return reopens the assessment.
        body = assessment_repr(assessment, facts=submitted_facts(assessment.id))
        return body, 200, {"ETag": f'"{body["version"]}"'}


@blp.route("/<int:assessment_id>/diff")
class AssessmentDiff(MethodView):
    @policy.allow("enterprise", "regulator")
    @blp.arguments(DiffArgsSchema, location="query")
    @blp.response(200, DiffSchema)
    @blp.alt_response(404, description="Not in your scope, or no such revision")
    @blp.doc(operationId="diffRevisions")
    def get(self, args, assessment_id):
        """Answers added, removed and changed between two revisions, and how the scores moved."""
        assessment = policy.assessment_for_read(policy.current_principal(), assessment_id)
        return diff_revisions(assessment=assessment, lang=current_language(), **args)


def _download(chunks, *, mimetype: str, extension: str) -> Response:
    name = f"assessments-{datetime.now(CHINA):%Y%m%d-%H%M}.{extension}"
    response = Response(stream_with_context(chunks), mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _export_table(args):
    principal = policy.require_role("regulator")
    # A direct download sends its first byte only after the query's first rows; above the limit
    # the caller gets pointed to an export job instead of a minute of silence.
    limit = current_app.config["EXPORT_STREAM_MAX_ROWS"]
    rows = exports.count_rows(principal=principal, filters=args)
    if limit and rows > limit:
        raise ApiError(
            422,
            EXPORT_TOO_LARGE,
            problem="export-too-large",
            rows=rows,
            limit=limit,
            extra={"rows": rows, "limit": limit, "jobs": "/api/v1/exports"},
        )
    policy.note_access(EXPORT)
    return exports.export_table(principal=principal, filters=args, lang=current_language())


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file_doc(media_type: str) -> dict:
    return {
        "description": "One row per submitted revision in your jurisdiction, with the queue's "
        "filters (streamed as an attachment).",
        "content": {media_type: {"schema": {"type": "string", "format": "binary"}}},
    }


@blp.route("/export.csv")
class AssessmentExportCsv(MethodView):
    @policy.allow("regulator")
    @blp.arguments(QueueFilterSchema, location="query")
    @blp.doc(responses={"200": _file_doc("text/csv")})
    @blp.doc(operationId="exportAssessmentsCsv")
    def get(self, args):
        """The queue as CSV (UTF-8 with BOM), streamed."""
        header, rows = _export_table(args)
        return _download(exports.csv_chunks(header, rows), mimetype="text/csv", extension="csv")


@blp.route("/export.xlsx")
class AssessmentExportXlsx(MethodView):
    @policy.allow("regulator")
    @blp.arguments(QueueFilterSchema, location="query")
    @blp.doc(responses={"200": _file_doc(XLSX)})
    @blp.doc(operationId="exportAssessmentsXlsx")
    def get(self, args):
        """The queue as an Excel workbook, streamed."""
        header, rows = _export_table(args)
        title = localise(SUBMISSIONS_SHEET, current_language())
        return _download(
            exports.xlsx_chunks(header, rows, title=title),
            mimetype=XLSX,
            extension="xlsx",
        )
