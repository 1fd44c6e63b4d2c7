"""A regulator's decision on a submitted revision: approve, or return it with reasons."""

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.assessments.events import record_event
from app.assessments.facts import assessment_facts, definition_of
from app.assessments.models import OPEN_STATUSES, Assessment, Submission
from app.db import db, utcnow
from app.errors import ApiError
from app.evidence.lifecycle import carry_evidence, rejected_evidence
from app.messages.common import UNKNOWN_QUESTION
from app.messages.review import BUSY, COMMENT_REQUIRED, NOT_REVIEWABLE
from app.questionnaires.answers import check_answer
from app.questionnaires.conditions import visible_questions
from app.questionnaires.definition import question_map

APPROVE, RETURN = "approve", "return"
# The status of a draft folded into a returned assessment: closed, kept for its history.
SUPERSEDED = "superseded"
# A return retries when the enterprise opens or saves a draft at the same moment.
RETURN_ATTEMPTS = 5
DECISIONS = (APPROVE, RETURN)
STATUS_AFTER = {APPROVE: "approved", RETURN: "returned"}


def not_reviewable(assessment: Assessment) -> ApiError:
    return ApiError(
        409, NOT_REVIEWABLE, status=assessment.status, extra={"current_status": assessment.status}
    )


def check_decision(
    *, assessment: Assessment, decision: str, comment: str | None, question_comments: dict
) -> None:
    """409 unless the assessment awaits review; 422 for a return without reasons or bad ids."""
    if assessment.status != "submitted":
        raise not_reviewable(assessment)
    errors: dict = {}
    if decision == RETURN and not comment:
        errors["comment"] = [COMMENT_REQUIRED]
    known = question_map(definition_of(assessment))
    unknown = {q: [UNKNOWN_QUESTION] for q in question_comments if q not in known}
    if unknown:
        errors["question_comments"] = unknown
    if errors:
        raise ApiError(422, errors=errors)


class _Moved(Exception):
    """The enterprise's open draft changed between our read and our write: read it again."""


def decide_review(
    *,
    assessment: Assessment,
    decision: str,
    comment: str | None,
    question_comments: dict[str, str],
    actor,
) -> Assessment:
    """Approve or return the latest revision; of two regulators deciding at once, one wins."""
    comment = (comment or "").strip() or None
    for _ in range(RETURN_ATTEMPTS):
        check_decision(
            assessment=assessment,
            decision=decision,
            comment=comment,
            question_comments=question_comments,
        )
        now = utcnow()
        # A return points at the revision's rejected files, with the reasons as given now.
        rejected = None
        if decision == RETURN:
            found = rejected_evidence(assessment_id=assessment.id, revision=assessment.revision)
            rejected = found or None
        try:
            folded = {}
            if decision == RETURN:
                folded = _fold_open_draft(assessment, actor=actor, now=now)
            claimed = _claim(
                assessment, decision, comment, question_comments, now, folded, rejected
            )
        except (_Moved, IntegrityError):
            # The enterprise opened or saved a draft in the meantime (the one-open-draft index
            # refused our return): undo this attempt and start over from what it holds now.
            db.session.rollback()
            continue
        break
    else:
        raise ApiError(409, BUSY, extra={"current_status": assessment.status})
    if claimed != 1:
        db.session.refresh(assessment)
        raise not_reviewable(assessment)
    db.session.execute(
        update(Submission)
        .where(
            Submission.assessment_id == assessment.id,
            Submission.revision == assessment.revision,
            Submission.decision.is_(None),
        )
        .values(
            decision=decision,
            decided_at=now,
            decided_by=actor.id,
            decision_comment=comment,
            question_comments=question_comments or None,
            rejected_evidence=rejected,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(assessment)
    data = {"question_comments": question_comments} if question_comments else {}
    if folded:
        data |= {"draft": folded["draft"], "carried": folded["carried"]}
    if rejected:
        data |= {"rejected_evidence": [e["id"] for e in rejected]}
    record_event(
        assessment=assessment,
        actor=actor,
        action=decision,
        revision=assessment.revision,
        comment=comment,
        data=data or None,
    )
    return assessment


def _claim(assessment, decision, comment, question_comments, now, folded, rejected) -> int:
    """Compare-and-set on status and version: a second decision finds neither and gets 0."""
    values = {
        "status": STATUS_AFTER[decision],
        "version": Assessment.version + 1,
        "updated_at": now,
        "decided_at": now,
        "review_comment": comment,
        "question_comments": question_comments or None,
        "rejected_evidence": rejected,
    }
    if folded:
        values |= {
            "answers": folded["answers"],
            "questionnaire_version_id": folded["questionnaire_version_id"],
        }
    return db.session.execute(
        update(Assessment)
        .where(
            Assessment.id == assessment.id,
            Assessment.version == assessment.version,
            Assessment.status == "submitted",
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount


def _fold_open_draft(assessment: Assessment, *, actor, now) -> dict:
    """Close the enterprise's other open draft of the questionnaire; what the return carries on.

    Returning reopens the assessment and an enterprise has one open draft per questionnaire, so a
    draft started after the submission is folded in: its typed answers win, over the submitted
    ones, on the draft's questionnaire version. The draft stays readable as "superseded".
    """
    draft = db.session.scalar(
        select(Assessment)
        .where(
            Assessment.enterprise_id == assessment.enterprise_id,
            Assessment.questionnaire_key == assessment.questionnaire_key,
            Assessment.status.in_(OPEN_STATUSES),
        )
        # Locked until the return commits (PostgreSQL): a save arriving meanwhile waits, then
        # finds the draft superseded (409) instead of moving it under us again and again — a
        # phone saving every second could otherwise starve the regulator's return.
        .with_for_update(of=Assessment)
        .execution_options(populate_existing=True)
    )
    if draft is None:
        return {}
    closed = db.session.execute(
        update(Assessment)
        .where(
            Assessment.id == draft.id,
            Assessment.version == draft.version,
            Assessment.status.in_(OPEN_STATUSES),
        )
        .values(status=SUPERSEDED, version=Assessment.version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if closed != 1:
        raise _Moved  # a save landed after our read: fold what it saved, not what we read
    # Its evidence files go with its answers (a file submitted nowhere has no other home).
    carry_evidence(from_assessment=draft.id, to_assessment=assessment.id)
    record_event(assessment=draft, actor=actor, action="supersede", data={"into": assessment.id})
    return {
        "draft": draft.id,
        "carried": sorted(draft.answers),
        "answers": carried_answers(draft, submitted=assessment.answers),
        "questionnaire_version_id": draft.questionnaire_version_id,
    }


def carried_answers(draft: Assessment, *, submitted: dict) -> dict:
    """The draft's answers, completed by the submitted ones its version holds and still shows."""
    definition = definition_of(draft)
    by_id = question_map(definition)
    facts = assessment_facts(draft)
    earlier = {
        q: v
        for q, v in submitted.items()
        if q in by_id and q not in draft.answers and not check_answer(by_id[q], v)
    }
    merged = {**earlier, **draft.answers}
    shown = set(visible_questions(definition, merged, facts))
    if not shown.issuperset(draft.answers):
        # An earlier answer would hide one the enterprise typed since: what it typed wins whole
        # (the earlier answers stay in the submitted revision).
        return dict(draft.answers)
    return {q: v for q, v in merged.items() if q in shown}
