"""What happens to the files when a draft is submitted, folded, or verified by a regulator."""

from sqlalchemy import update

from app.assessments.facts import definition_of
from app.assessments.models import Assessment
from app.db import db, utcnow
from app.errors import ApiError
from app.evidence.models import REJECTED, EvidenceFile
from app.evidence.service import get_evidence, list_evidence, live_clause
from app.messages import evidence as messages
from app.questionnaires.conditions import visible_questions


def freeze_evidence(*, assessment: Assessment, revision: int, answers: dict, facts: dict) -> int:
    """Bind the draft's files on shown questions to the revision being submitted; how many."""
    shown = visible_questions(definition_of(assessment), answers, facts)
    return db.session.execute(
        update(EvidenceFile)
        .where(
            EvidenceFile.assessment_id == assessment.id,
            EvidenceFile.first_revision.is_(None),
            live_clause(),
            EvidenceFile.question_id.in_(shown),
        )
        .values(first_revision=revision)
        .execution_options(synchronize_session=False)
    ).rowcount


def carry_evidence(*, from_assessment: int, to_assessment: int) -> int:
    """Move a folded draft's files (never submitted) to the assessment it was folded into."""
    return db.session.execute(
        update(EvidenceFile)
        .where(
            EvidenceFile.assessment_id == from_assessment,
            EvidenceFile.first_revision.is_(None),
            live_clause(),
        )
        .values(assessment_id=to_assessment)
        .execution_options(synchronize_session=False)
    ).rowcount


def verify_evidence(
    *, assessment: Assessment, evidence_id: int, decision: str, reason: str | None, actor
) -> EvidenceFile:
    """A regulator's verdict on a file of the latest submitted revision."""
    evidence = get_evidence(assessment_id=assessment.id, evidence_id=evidence_id)
    in_latest = list_evidence(assessment_id=assessment.id, revision=assessment.revision)
    if evidence not in in_latest:
        raise ApiError(409, messages.NOT_IN_REVISION, extra={"current_status": assessment.status})
    reason = (reason or "").strip() or None
    if decision == REJECTED and not reason:
        raise ApiError(422, errors={"reason": [messages.REASON_REQUIRED]})
    evidence.verification = decision
    evidence.verification_reason = reason
    evidence.verified_by = actor.id
    evidence.verified_at = utcnow()
    db.session.flush()
    return evidence


def rejected_evidence(*, assessment_id: int, revision: int) -> list[dict]:
    """The revision's rejected files and the reasons, as a return tells the enterprise."""
    return [
        {
            "id": e.id,
            "question": e.question_id,
            "filename": e.filename,
            "reason": e.verification_reason,
        }
        for e in list_evidence(assessment_id=assessment_id, revision=revision)
        if e.verification == REJECTED
    ]
