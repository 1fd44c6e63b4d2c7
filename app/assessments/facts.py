"""What an assessment is evaluated with: its questionnaire's definition and the facts."""

from sqlalchemy import and_, func, select

from app.assessments.models import OPEN_STATUSES, Assessment, Submission
from app.assessments.records import AssessmentRecord
from app.db import db
from app.profiles.service import (
    current_profile_answers,
    current_profile_answers_of,
    shown_profile_answers,
)
from app.questionnaires import service as questionnaires


def definition_of(assessment: Assessment) -> dict:
    return questionnaires.published(assessment.questionnaire_version_id)[2]


def enterprise_facts(enterprise) -> dict:
    """What conditions and scoring may know about the enterprise from its registration."""
    return {"industry": enterprise.industry, "size": enterprise.size}


def assessment_facts(assessment, *, frozen: dict | None = None) -> dict:
    """The facts an assessment's conditions are evaluated with (design.md, "Frozen results").

    Open (draft, returned): the registration and the enterprise's current profile, so a draft
    shows what the profile says today. Otherwise: the copy frozen at its last submit (`frozen`
    when the caller has it already), so a later profile change never alters what was submitted.
    """
    if assessment.status not in OPEN_STATUSES and assessment.revision:
        frozen = submitted_facts(assessment.id) if frozen is None else frozen
        if frozen is not None:
            return frozen
    if isinstance(assessment, AssessmentRecord):
        # The record's query joined the profile in: no second round trip on the hot paths.
        profile = shown_profile_answers(assessment.profile_answers)
    else:
        profile = current_profile_answers(enterprise_id=assessment.enterprise_id)
    return {**enterprise_facts(assessment.enterprise), "profile": profile}


def submitted_facts(assessment_id: int) -> dict | None:
    """The facts frozen with the latest submitted revision, or None before the first submit."""
    return db.session.scalar(
        select(Submission.facts)
        .where(Submission.assessment_id == assessment_id)
        .order_by(Submission.revision.desc())
        .limit(1)
    )


def facts_of_many(assessments: list) -> dict[int, dict]:
    """assessment id → assessment_facts, in two queries for a whole page (not one per row)."""
    closed = [a.id for a in assessments if a.status not in OPEN_STATUSES and a.revision]
    frozen: dict[int, dict] = {}
    if closed:
        rows = db.session.execute(
            select(Submission.assessment_id, Submission.revision, Submission.facts).where(
                Submission.assessment_id.in_(closed)
            )
        )
        latest: dict[int, int] = {}
        for row in rows:
            if row.revision > latest.get(row.assessment_id, 0):
                latest[row.assessment_id] = row.revision
                frozen[row.assessment_id] = row.facts
    open_firms = {a.enterprise_id for a in assessments if a.id not in frozen}
    profiles = current_profile_answers_of(open_firms) if open_firms else {}
    return {
        a.id: frozen[a.id]
        if a.id in frozen
        else {**enterprise_facts(a.enterprise), "profile": profiles.get(a.enterprise_id, {})}
        for a in assessments
    }


def red_flags_elsewhere(*, assessment, since_year: int) -> list[dict]:
    """The red flags standing in the enterprise's current filings of its other questionnaires
    (the newest assessment of each, filed in since_year or later), its profile's left out: they
    are frozen into this submission's facts and keep level 5 out of reach (docs/maturity.md)."""
    newest = (
        select(func.max(Assessment.id))
        .where(
            Assessment.enterprise_id == assessment.enterprise_id,
            Assessment.questionnaire_key != assessment.questionnaire_key,
            Assessment.revision > 0,
            Assessment.year >= since_year,
        )
        .group_by(Assessment.questionnaire_key)
    )
    rows = db.session.execute(
        select(Assessment.questionnaire_key, Submission.result)
        .join(
            Submission,
            and_(
                Submission.assessment_id == Assessment.id,
                Submission.revision == Assessment.revision,
            ),
        )
        .where(Assessment.id.in_(newest), Assessment.red_flag_count > 0)
        .order_by(Assessment.questionnaire_key)
    )
    return [
        {"questionnaire": key, "question": flag["question"], "option": flag["option"]}
        for key, result in rows
        for flag in result.get("red_flags", [])
        if flag.get("source") != "profile"  # the profile's red lines cap this one as well
    ]
