"""A regulator's decision on a submitted revision: approve, or return it with reasons."""

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from app.assessments.events import record_event
from app.assessments.models import Assessment, Submission
from app.assessments.service import definition_of, open_draft
from app.db import db, utcnow
from app.errors import ApiError
from app.questionnaires.definition import question_map

APPROVE, RETURN = "approve", "return"
DECISIONS = (APPROVE, RETURN)
STATUS_AFTER = {APPROVE: "approved", RETURN: "returned"}

NOT_REVIEWABLE = {
    "zh": "当前状态为“{status}”，只有已提交待审核的自评才能审核。",
    "en": "The assessment is {status}; only a submitted assessment can be reviewed.",
}
COMMENT_REQUIRED = {
    "zh": "退回时须说明理由。",
    "en": "A returned assessment needs a comment giving the reasons.",
}
UNKNOWN_QUESTION = {
    "zh": "问卷中没有这道题。",
    "en": "There is no such question in this questionnaire.",
}
OPEN_DRAFT_EXISTS = {
    "zh": "该企业已另行开始填写同一问卷的新草稿，暂不能退回；可审核通过，或待其提交后再审核。",
    "en": "The enterprise has started another draft of this questionnaire, so this one cannot "
    "be returned now; approve it, or review again once the draft is submitted.",
}


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
    if decision == RETURN:
        # Returning reopens the assessment, and an enterprise has one open draft per questionnaire.
        other = open_draft(
            enterprise_id=assessment.enterprise_id, questionnaire_key=assessment.questionnaire_key
        )
        if other is not None:
            raise ApiError(409, OPEN_DRAFT_EXISTS, extra={"current_status": assessment.status})


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
    check_decision(
        assessment=assessment,
        decision=decision,
        comment=comment,
        question_comments=question_comments,
    )
    now = utcnow()
    try:
        # Compare-and-set on status and version: a second decision finds neither and gets 409.
        claimed = db.session.execute(
            update(Assessment)
            .where(
                Assessment.id == assessment.id,
                Assessment.version == assessment.version,
                Assessment.status == "submitted",
            )
            .values(
                status=STATUS_AFTER[decision],
                version=Assessment.version + 1,
                updated_at=now,
                decided_at=now,
                review_comment=comment,
                question_comments=question_comments or None,
            )
            .execution_options(synchronize_session=False)
        ).rowcount
    except IntegrityError as error:
        # The enterprise opened a draft between the check and the update.
        db.session.rollback()
        raise ApiError(409, OPEN_DRAFT_EXISTS, extra={"current_status": "submitted"}) from error
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
        )
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(assessment)
    record_event(
        assessment=assessment,
        actor=actor,
        action=decision,
        revision=assessment.revision,
        comment=comment,
        data={"question_comments": question_comments} if question_comments else None,
    )
    return assessment
