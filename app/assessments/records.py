"""An assessment and its enterprise as a read-only record, loaded by one Core query.

Reading a draft and saving answers run on every phone's every step; building an ORM object costs
several times the query itself, and they change the row by compare-and-set anyway. A record has
the attributes the policy and assessment_repr read, so both accept either.
"""

from dataclasses import dataclass, fields, replace
from datetime import datetime

from sqlalchemy import bindparam, select

from app.assessments.models import Assessment, Submission
from app.auth.models import Enterprise
from app.db import db
from app.profiles.models import Profile


@dataclass(frozen=True, slots=True)
class EnterpriseRecord:
    id: int
    uscc: str
    name: str
    region: str
    county: str | None  # the policy reads it for a county regulator
    industry: str
    size: str
    verification: str
    verified_name: str | None


@dataclass(frozen=True, slots=True)
class AssessmentRecord:
    id: int
    enterprise_id: int
    questionnaire_key: str
    questionnaire_version_id: int
    status: str
    revision: int
    version: int
    answers: dict
    review_comment: str | None
    question_comments: dict | None
    rejected_evidence: list | None
    overall: float | None
    maturity_level: int | None
    red_flag_count: int
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    decided_at: datetime | None
    campaign_id: int | None
    year: int | None
    late: bool
    enterprise: EnterpriseRecord
    # The enterprise profile's current answers (None before any), joined in the same query:
    # a draft's conditions read them (assessments.facts.assessment_facts).
    profile_answers: dict | None = None


_assessments, _enterprises = Assessment.__table__, Enterprise.__table__
_profiles = Profile.__table__
_OWN = [f.name for f in fields(AssessmentRecord) if f.name not in ("enterprise", "profile_answers")]
_ENTERPRISE = len(fields(EnterpriseRecord))
_QUERY = (
    select(
        *(_assessments.c[name] for name in _OWN),
        *(_enterprises.c[f.name].label(f"enterprise_{f.name}") for f in fields(EnterpriseRecord)),
        _profiles.c.answers.label("profile_answers"),
    )
    .join_from(_assessments, _enterprises, _assessments.c.enterprise_id == _enterprises.c.id)
    .outerjoin(_profiles, _profiles.c.enterprise_id == _assessments.c.enterprise_id)
    .where(_assessments.c.id == bindparam("id"))
)


def load_record(assessment_id: int) -> AssessmentRecord | None:
    """The assessment with its enterprise, or None when there is no such id."""
    row = db.session.connection().execute(_QUERY, {"id": assessment_id}).one_or_none()
    if row is None:
        return None
    own, firm = row[: len(_OWN)], row[len(_OWN) : len(_OWN) + _ENTERPRISE]
    return AssessmentRecord(*own, EnterpriseRecord(*firm), row.profile_answers)


def as_last_submitted(record: AssessmentRecord) -> AssessmentRecord:
    """The record with the answers of its latest submitted revision, as a regulator sees it.

    After a return the enterprise edits the same row; until it submits again those edits are
    its own business (policy.assessment_scope), so a regulator reads what was submitted.
    """
    row = (
        db.session.connection()
        .execute(
            select(Submission.answers, Submission.questionnaire_version_id)
            .where(Submission.assessment_id == record.id)
            .order_by(Submission.revision.desc())
            .limit(1)
        )
        .first()
    )
    if row is None:
        return record
    return replace(
        record, answers=row.answers, questionnaire_version_id=row.questionnaire_version_id
    )
