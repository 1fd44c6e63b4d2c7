"""The verified share of one submitted revision, read from its frozen result and its files."""

from sqlalchemy import select

from app.assessments.models import Submission
from app.db import db
from app.evidence.service import list_evidence
from app.evidence.share import verified_share


def revision_share(*, assessment_id: int, revision: int) -> dict | None:
    """「已核验」 for a submitted revision (None when there is no such revision)."""
    result = db.session.scalar(
        select(Submission.result).where(
            Submission.assessment_id == assessment_id, Submission.revision == revision
        )
    )
    if result is None:
        return None
    files = list_evidence(assessment_id=assessment_id, revision=revision)
    return verified_share(result, [(f.question_id, f.verification) for f in files])
