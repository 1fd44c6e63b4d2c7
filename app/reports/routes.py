"""Report endpoints: the PDF of a revision, its improvement plan (CSV, XLSX), verification."""

from flask import Response, current_app, jsonify, request
from flask.views import MethodView
from flask_smorest import Blueprint

from app.api import response_headers
from app.assessments.submissions import get_submission
from app.auth import policy
from app.auth.models import REGULATOR
from app.db import db
from app.errors import ApiError, not_found
from app.i18n import current_language, localise
from app.messages.report_downloads import FILE_NAMES, RENDER_FAILED, REPORT_PENDING
from app.questionnaires.contacts import CONTACTS_DIGEST, with_contacts
from app.questionnaires.representation import localise_tree
from app.questionnaires.service import published
from app.storage.downloads import file_response

from . import plan_export, service
from .schemas import (
    PendingSchema,
    PlanArgsSchema,
    ReportArgsSchema,
    ReportStatusSchema,
    RevocationSchema,
    VerificationSchema,
)
from .verification import revoke_code, verify_code, verify_page

blp = Blueprint(
    "reports",
    __name__,
    url_prefix="/api/v1",
    description="The improvement report (PDF), the plan as a spreadsheet, report verification.",
)

PDF = "application/pdf"
BINARY = {"type": "string", "format": "binary"}  # a file: documented, never serialised
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HTML_DOC = "The facts (JSON); a browser (Accept: text/html) gets them as a page"


def _revision(assessment_id: int, revision: int | None):
    """The assessment (through the policy) and the submitted revision asked for."""
    assessment = policy.assessment_for_read(policy.current_principal(), assessment_id)
    return assessment, get_submission(assessment=assessment, revision=revision)


def _names(kind: str, assessment, submission, lang: str, extension: str) -> dict:
    _, _, definition = published(submission.questionnaire_version_id)
    enterprise = assessment.enterprise
    name = localise(FILE_NAMES[kind], lang).format(
        name=enterprise.name,
        title=localise_tree(definition["title"], lang),
        rev=submission.revision,
    )
    suffix = "-en" if lang == "en" else ""
    fallback = f"{kind}-{enterprise.uscc}-{assessment.questionnaire_key}-r{submission.revision}"
    return {"filename": f"{name}.{extension}", "fallback": f"{fallback}{suffix}.{extension}"}


@blp.route("/assessments/<int:assessment_id>/report.pdf")
class AssessmentReport(MethodView):
    @policy.allow("enterprise", "regulator")
    @blp.arguments(ReportArgsSchema, location="query")
    @blp.response(
        200,
        BINARY,
        content_type=PDF,
        description="The report; ETag is its SHA-256",
        headers=response_headers("ETag"),
    )
    @blp.alt_response(
        202,
        schema=PendingSchema,
        description="Being rendered; see Retry-After",
        headers=response_headers("Retry-After"),
    )
    @blp.alt_response(
        304, description="Not modified (If-None-Match)", headers=response_headers("ETag")
    )
    @blp.alt_response(404, description="Not in your scope, never submitted, or no such revision")
    @blp.alt_response(
        503,
        description="Rendering failed just now (logged) or storage unreachable; see Retry-After",
        headers=response_headers("Retry-After"),
    )
    @blp.doc(operationId="getAssessmentReport")
    def get(self, args, assessment_id):
        """The improvement report of a submitted revision, A4, rendered once and stored."""
        assessment, submission = _revision(assessment_id, args.get("revision"))
        lang = args["lang"]
        delivery = service.deliver_report(submission=submission, lang=lang)
        wait = str(current_app.config["REPORT_RETRY_AFTER"])
        if delivery.blob is None:
            if not delivery.queued:
                raise ApiError(503, RENDER_FAILED, headers={"Retry-After": wait})
            status, detail = delivery.report.status, localise(REPORT_PENDING)
            pending = jsonify({"status": status, "detail": detail, "retry_after": int(wait)})
            pending.status_code = 202
            pending.headers.update({"Retry-After": wait, "Cache-Control": "no-store"})
            return pending
        response = file_response(
            lambda: delivery.blob,
            etag=delivery.report.sha256,
            mimetype=PDF,
            headers={"Content-Language": lang},
            **_names("report", assessment, submission, lang, "pdf"),
        )
        response.call_on_close(delivery.blob.close)  # a 304 never reads it
        return response


@blp.route("/assessments/<int:assessment_id>/report/status")
class AssessmentReportStatus(MethodView):
    @policy.allow("enterprise", "regulator")
    @blp.arguments(ReportArgsSchema, location="query")
    @blp.response(200, ReportStatusSchema, description="Not cached (Cache-Control: no-store)")
    @blp.alt_response(404, description="Not in your scope, never submitted, or no such revision")
    @blp.doc(operationId="getAssessmentReportStatus")
    def get(self, args, assessment_id):
        """Whether the report of a revision is ready, being rendered, or failed; renders nothing."""
        _, submission = _revision(assessment_id, args.get("revision"))
        regulator = policy.current_principal().role == REGULATOR
        facts = service.report_status(
            submission_id=submission.id, lang=args["lang"], with_error=regulator
        )
        facts.update(revision=submission.revision, lang=args["lang"])
        return facts, 200, {"Cache-Control": "no-store"}


def _plan(args, assessment_id: int, extension: str, mimetype: str, produce):
    assessment, submission = _revision(assessment_id, args.get("revision"))
    lang = args.get("lang") or current_language()
    result = {
        **submission.result,
        "recommendations": with_contacts(
            submission.result["recommendations"],
            questionnaire=assessment.questionnaire_key,
            enterprise=assessment.enterprise,
        ),
    }
    return file_response(
        lambda: produce(result, lang),
        # Weak: the workbook's bytes carry a save time, the content is the same every time.
        # The contact table's digest: a corrected contact is a new file.
        etag=f"plan-{submission.id}-{lang}-{extension}-v2-{CONTACTS_DIGEST}",
        weak=True,
        mimetype=mimetype,
        headers={"Content-Language": lang},
        **_names("plan", assessment, submission, lang, extension),
    )


@blp.route("/assessments/<int:assessment_id>/plan.csv")
class AssessmentPlanCsv(MethodView):
    @policy.allow("enterprise", "regulator")
    @blp.arguments(PlanArgsSchema, location="query")
    @blp.response(
        200,
        BINARY,
        content_type="text/csv",
        description="UTF-8 with BOM, a row an action",
        headers=response_headers("ETag"),
    )
    @blp.alt_response(
        304, description="Not modified (If-None-Match)", headers=response_headers("ETag")
    )
    @blp.alt_response(404, description="Not in your scope, never submitted, or no such revision")
    @blp.doc(operationId="getImprovementPlanCsv")
    def get(self, args, assessment_id):
        """The improvement plan as CSV, with empty owner, due-date and status columns."""
        return _plan(args, assessment_id, "csv", "text/csv", plan_export.plan_csv)


@blp.route("/assessments/<int:assessment_id>/plan.xlsx")
class AssessmentPlanXlsx(MethodView):
    @policy.allow("enterprise", "regulator")
    @blp.arguments(PlanArgsSchema, location="query")
    @blp.response(
        200,
        BINARY,
        content_type=XLSX,
        description="A row an action; bold frozen header",
        headers=response_headers("ETag"),
    )
    @blp.alt_response(
        304, description="Not modified (If-None-Match)", headers=response_headers("ETag")
    )
    @blp.alt_response(404, description="Not in your scope, never submitted, or no such revision")
    @blp.doc(operationId="getImprovementPlanXlsx")
    def get(self, args, assessment_id):
        """The improvement plan as an Excel workbook, with a status drop-down for tracking."""
        return _plan(args, assessment_id, "xlsx", XLSX, plan_export.plan_xlsx)


@blp.route("/reports/verify/<string:code>")
class ReportVerification(MethodView):
    @policy.allow_anyone
    @blp.response(200, VerificationSchema, description=HTML_DOC)
    @blp.alt_response(404, description="No report carries this code")
    @blp.doc(operationId="verifyReport")
    def get(self, code):
        """What a report's verification code confirms: company, score, level, date, SHA-256."""
        facts = verify_code(code=code, lang=current_language())
        if _wants_html():
            page = verify_page(facts, current_language())
            response = Response(page, status=200 if facts else 404, mimetype="text/html")
            response.headers["Content-Language"] = current_language()
            response.vary.add("Accept")
            return response
        if facts is None:
            raise not_found()
        return facts, 200, {"Vary": "Accept"}


@blp.route("/reports/verify/<string:code>/revocation")
class ReportRevocation(MethodView):
    @policy.allow(REGULATOR)
    @blp.arguments(RevocationSchema)
    @blp.response(200, VerificationSchema)
    @blp.alt_response(404, description="No such code, or its enterprise is outside the reach")
    @blp.doc(operationId="revokeReportCode")
    def post(self, body, code):
        """Revoke a report's code with a reason (audited); the verification page then says so."""
        if revoke_code(code=code, reason=body["reason"], by=policy.current_principal()) is None:
            raise not_found()
        db.session.commit()
        return verify_code(code=code, lang=current_language())


def _wants_html() -> bool:
    """A browser (a phone that scanned the QR code) rather than an API client (JSON on a tie)."""
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"
