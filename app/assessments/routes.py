"""The assessment endpoints: drafts, answers, submission, results, events."""

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from app import signals
from app.api import response_headers
from app.assessments import listing, service
from app.assessments.carry import carry_last_answers
from app.assessments.events import data_as_regulators_read, list_events
from app.assessments.facts import assessment_facts, facts_of_many, submitted_facts
from app.assessments.idempotency import replay_or_run
from app.assessments.queue_schemas import AssessmentListArgsSchema
from app.assessments.records import as_last_submitted
from app.assessments.representation import assessment_repr, event_repr, result_repr
from app.assessments.result_schemas import ResultSchema
from app.assessments.schemas import (
    AnswersPatchSchema,
    AssessmentCreateSchema,
    AssessmentPageSchema,
    AssessmentSchema,
    EventListSchema,
    RevisionArgsSchema,
)
from app.assessments.submissions import get_submission, submit_assessment
from app.assessments.yearly import year_over_year
from app.assessments.yearly_schemas import YearOverYearSchema
from app.audit.models import LIST
from app.auth import policy
from app.auth.names import actor_names
from app.db import db, without_transaction
from app.dumping import compile_dump, json_response
from app.errors import ApiError
from app.evidence.lifecycle import freeze_evidence
from app.pagination import link_headers, next_link
from app.reports import service as reports

blp = Blueprint(
    "assessments",
    __name__,
    url_prefix="/api/v1/assessments",
    description="Self-assessments: drafts saved a few answers at a time, submission, results.",
)


# Drafts are read and saved on every step of every phone: dumped by the compiled schema.
_dump_assessment = compile_dump(AssessmentSchema())


def _with_etag(body: dict, status: int = 200):
    return json_response(_dump_assessment, body), status, {"ETag": f'"{body["version"]}"'}


@blp.route("")
class Assessments(MethodView):
    @policy.allow("enterprise")
    @blp.arguments(AssessmentCreateSchema)
    @blp.response(201, AssessmentSchema, headers=response_headers("ETag"))
    @blp.alt_response(
        200,
        schema=AssessmentSchema,
        description="The open draft already existed",
        headers=response_headers("ETag"),
    )
    @blp.doc(operationId="createAssessment")
    def post(self, body):
        """Create a draft of the latest version of a questionnaire (one open draft each)."""
        principal = policy.require_role("enterprise")
        assessment, created = service.create_assessment(
            enterprise=principal.enterprise,
            questionnaire_key=body["questionnaire"],
            actor=principal,
        )
        if created and body["start_from"] == "last":
            carry_last_answers(
                assessment=assessment, facts=assessment_facts(assessment), actor=principal
            )
        db.session.commit()
        return _with_etag(assessment_repr(assessment), 201 if created else 200)

    @policy.allow("enterprise", "regulator")
    @blp.arguments(AssessmentListArgsSchema, location="query")
    @blp.response(200, AssessmentPageSchema, headers=response_headers("Link"))
    @blp.doc(operationId="listAssessments")
    def get(self, args):
        """List own assessments (enterprise) or the jurisdiction's queue (regulator).

        A regulator sees every submitted assessment of the enterprises in its jurisdiction,
        never a draft that was not submitted yet.
        """
        principal = policy.require_role("enterprise", "regulator")
        args.setdefault("sort", listing.default_sort(principal))
        rows, next_cursor = listing.list_assessments(principal=principal, **args)
        if principal.role == "regulator":  # who looked up which firms (the query is kept too)
            policy.note_access(
                LIST,
                enterprises=list(dict.fromkeys(a.enterprise_id for a in rows)),
                assessments=[a.id for a in rows],
            )
        filters = {k: v for k, v in args.items() if k not in ("sort", "cursor", "limit")}
        facts = facts_of_many(rows)
        link = next_link(next_cursor)
        counts = listing.count_by_status(principal=principal, **filters)
        body = {
            "items": [assessment_repr(a, include_answers=False, facts=facts[a.id]) for a in rows],
            "next_cursor": next_cursor,
            "next": link,
            "sort": args["sort"],
            "counts": counts,
            "total": counts.get(filters["status"], 0)
            if filters.get("status")
            else sum(counts.values()),
        }
        return body, 200, link_headers(link)


@blp.route("/<int:assessment_id>")
class AssessmentItem(MethodView):
    @without_transaction
    @policy.allow("enterprise", "regulator")
    @blp.response(200, AssessmentSchema, headers=response_headers("ETag"))
    @blp.alt_response(
        304, description="Not modified (If-None-Match)", headers=response_headers("ETag")
    )
    @blp.alt_response(404, description="No such assessment in your scope")
    @blp.doc(operationId="getAssessment")
    def get(self, assessment_id):
        """One assessment with its answers and progress."""
        principal = policy.current_principal()
        assessment = policy.assessment_for_read(principal, assessment_id, record=True)
        facts = None
        if principal.role == "regulator" and assessment.status != "submitted":
            assessment = as_last_submitted(assessment)  # never the edits after a return
            facts = submitted_facts(assessment.id)  # nor today's profile
        etag = f'"{assessment.version}"'
        if request.if_none_match.contains(etag.strip('"')):
            return "", 304, {"ETag": etag}
        return _with_etag(assessment_repr(assessment, facts=facts))


@blp.route("/<int:assessment_id>/answers")
class AssessmentAnswers(MethodView):
    @policy.allow("enterprise")
    @blp.doc(
        parameters=[
            {"in": "header", "name": "If-Match", "required": True, "schema": {"type": "string"}}
        ],
    )
    @blp.arguments(AnswersPatchSchema())  # an instance: webargs would build one per request
    @blp.response(200, AssessmentSchema, headers=response_headers("ETag"))
    @blp.alt_response(412, description="Stale If-Match; the body holds the current assessment")
    @blp.alt_response(428, description="If-Match missing")
    @blp.doc(operationId="saveAnswers")
    def patch(self, body, assessment_id):
        """Save some answers to a draft; null clears one. If-Match carries the version."""
        principal = policy.require_role("enterprise")
        assessment = policy.assessment_for_write(principal, assessment_id, record=True)
        expected = service.parse_if_match(request.headers.get("If-Match"))
        if expected is None:
            raise ApiError(428)
        try:
            assessment, dropped = service.save_answers(
                assessment=assessment,
                answers=body["answers"],
                expected_version=expected,
                actor=principal,
            )
        except ApiError as error:
            db.session.rollback()
            if error.code == 412:
                current = policy.assessment_for_write(principal, assessment_id, record=True)
                error.extra["current"] = AssessmentSchema().dump(assessment_repr(current))
            raise
        db.session.commit()
        return _with_etag({**assessment_repr(assessment), "dropped": dropped})


@blp.route("/<int:assessment_id>/submit")
class AssessmentSubmit(MethodView):
    @policy.allow("enterprise")
    @blp.doc(
        parameters=[
            {
                "in": "header",
                "name": "Idempotency-Key",
                "schema": {"type": "string", "maxLength": 128},
            }
        ],
    )
    @blp.response(200, AssessmentSchema, headers=response_headers("ETag", "Idempotent-Replayed"))
    @blp.alt_response(409, description="Not in a state that can be submitted")
    @blp.alt_response(422, description="Required questions unanswered; `missing` lists them")
    @blp.doc(operationId="submitAssessment")
    def post(self, assessment_id):
        """Validate completeness, score and freeze the answers as the next revision."""
        principal = policy.require_role("enterprise")
        opened = []  # the report row this request made, when it ran rather than replayed

        def run():
            assessment = policy.assessment_for_write(principal, assessment_id)
            submission = submit_assessment(assessment=assessment, actor=principal)
            # The draft's evidence is this revision's from now on (app/evidence).
            freeze_evidence(
                assessment=assessment,
                revision=submission.revision,
                answers=submission.answers,
                facts=submission.facts,
            )
            # In the same transaction: a submission never exists without its report row.
            report = reports.open_report(submission_id=submission.id, first=True)
            db.session.flush()
            opened.append(report.id)
            body = assessment_repr(assessment, facts=submission.facts)
            return {**body, "result": result_repr(assessment, submission)}

        response, body = replay_or_run(
            user=principal,
            key=request.headers.get("Idempotency-Key"),
            run=run,
            dump=_dump_assessment,
        )
        response.headers["ETag"] = f'"{body["version"]}"'
        # Told before the render is scheduled: a report rendered in this process announces
        # report.ready, and a receiver must hear of the submission first.
        signals.announce(signals.submission_submitted, assessment_id)  # replays too
        # After the commit: render (or queue) the revision's report; it never fails the submit.
        # A replay (even one after this request's own attempt was rolled back) looks it up.
        replayed = "Idempotent-Replayed" in response.headers
        reports.schedule_render(
            assessment_id=assessment_id,
            revision=body["revision"],
            report_id=opened[0] if opened and not replayed else None,
        )
        return response


@blp.route("/<int:assessment_id>/result")
class AssessmentResult(MethodView):
    @policy.allow("enterprise", "regulator")
    @blp.arguments(RevisionArgsSchema, location="query")
    @blp.response(200, ResultSchema)
    @blp.alt_response(404, description="Never submitted, or no such revision")
    @blp.doc(operationId="getAssessmentResult")
    def get(self, args, assessment_id):
        """Scores, maturity, recommendations and trace of a submitted revision."""
        assessment = policy.assessment_for_read(policy.current_principal(), assessment_id)
        submission = get_submission(assessment=assessment, revision=args.get("revision"))
        return result_repr(assessment, submission)


@blp.route("/<int:assessment_id>/year-over-year")
class AssessmentYearOverYear(MethodView):
    @policy.allow("enterprise", "regulator")
    @blp.arguments(RevisionArgsSchema, location="query")
    @blp.response(200, YearOverYearSchema)
    @blp.alt_response(404, description="Never submitted, or no such revision")
    @blp.doc(operationId="getYearOverYear")
    def get(self, args, assessment_id):
        """A submitted revision beside the same questionnaire's in the latest earlier year."""
        principal = policy.current_principal()
        assessment = policy.assessment_for_read(principal, assessment_id)
        submission = get_submission(assessment=assessment, revision=args.get("revision"))
        body = year_over_year(assessment=assessment, submission=submission)
        if body["previous"] is not None and principal.role == "regulator":
            policy.note_access("read", body["previous"]["assessment_id"])  # read that one too
        return body


@blp.route("/<int:assessment_id>/events")
class AssessmentEvents(MethodView):
    @policy.allow("enterprise", "regulator")
    @blp.response(200, EventListSchema)
    @blp.doc(operationId="listAssessmentEvents")
    def get(self, assessment_id):
        """The append-only history of the assessment."""
        principal = policy.current_principal()
        assessment = policy.assessment_for_read(principal, assessment_id)
        events = list_events(assessment_id=assessment.id)
        # A firm reads staff by office unless they were given a name (app/auth/names.py).
        names = actor_names(
            {e.actor_id for e in events}, for_enterprise=principal.role == "enterprise"
        )
        # As with the answers (as_last_submitted): the draft after a return is the firm's own.
        if principal.role == "regulator":
            data = data_as_regulators_read(events)
        else:
            data = {e.id: e.data for e in events}
        return {"items": [event_repr(e, names.get(e.actor_id, "?"), data[e.id]) for e in events]}
