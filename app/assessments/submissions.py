"""Submission: a draft frozen as the next revision, scored; and a revision read back."""

from sqlalchemy import select, update
from sqlalchemy.orm.attributes import set_committed_value

from app.assessments import filing
from app.assessments.answers import progress
from app.assessments.events import record_event
from app.assessments.facts import definition_of, enterprise_facts, red_flags_elsewhere
from app.assessments.models import OPEN_STATUSES, Assessment, Submission
from app.db import db, utcnow
from app.errors import ApiError, not_found
from app.messages.assessments import NOT_SUBMITTABLE, REQUIRED_MISSING
from app.profiles.service import complete_profile
from app.questionnaires import service as questionnaires
from app.scoring import score


def submit_assessment(*, assessment: Assessment, actor) -> Submission:
    """Freeze the answers as the next revision, scored; exactly one of concurrent submits wins."""
    if assessment.status not in OPEN_STATUSES:
        raise ApiError(
            409,
            NOT_SUBMITTABLE,
            status=assessment.status,
            extra={"current_status": assessment.status},
        )
    # The profile comes first: without it no questionnaire can be scored (its red lines cap all).
    profile = complete_profile(enterprise_id=assessment.enterprise_id)
    definition = definition_of(assessment)
    facts = {**enterprise_facts(assessment.enterprise), "profile": profile}
    missing, _ = progress(definition, assessment.answers, facts)
    if missing:
        raise ApiError(
            422, errors={q: [REQUIRED_MISSING] for q in missing}, extra={"missing": missing}
        )
    now = utcnow()
    revision = assessment.revision + 1
    # Campaign, year and lateness are settled by the first submission; a resubmission after a
    # return is the regulator's request and is never late.
    filed = {}
    if assessment.revision == 0:
        terms = filing.rules().terms_for_submit(assessment=assessment, now=now)
        filed = {"campaign_id": terms.campaign_id, "year": terms.year, "late": terms.late}
    # The filings of this assessment's year and the year before: spot checks and accidents are
    # asked over two years (a 2025 campaign filed late in 2027 still meets its 2025 filings).
    year = (filed["year"] if filed else assessment.year) or now.year  # a row older than years
    elsewhere = red_flags_elsewhere(assessment=assessment, since_year=year - 1)
    if elsewhere:
        facts["red_flags_elsewhere"] = elsewhere
    result = score(
        definition,
        assessment.answers,
        facts,
        version=questionnaires.published(assessment.questionnaire_version_id)[1],
    )
    changed = {
        "status": "submitted",
        "revision": revision,
        "version": Assessment.version + 1,
        "submitted_at": now,
        "updated_at": now,
        "overall": result["overall"],
        "maturity_level": result["maturity"]["level"],
        "red_flag_count": len(result["red_flags"]),
        "review_comment": None,
        "question_comments": None,
        "rejected_evidence": None,
        "decided_at": None,
        **filed,
    }
    # The new values come back with the UPDATE, as the database stores them: one round trip
    # where a refresh of the row after it took two.
    claimed = db.session.execute(
        update(Assessment)
        .where(
            Assessment.id == assessment.id,
            Assessment.version == assessment.version,
            Assessment.status.in_(OPEN_STATUSES),
        )
        .values(changed)
        .returning(*(getattr(Assessment, name) for name in changed))
        .execution_options(synchronize_session=False)
    ).one_or_none()
    if claimed is None:
        db.session.refresh(assessment)
        raise ApiError(
            409,
            NOT_SUBMITTABLE,
            status=assessment.status,
            extra={"current_status": assessment.status},
        )
    for name, value in zip(changed, claimed, strict=True):
        set_committed_value(assessment, name, value)
    submission = Submission(
        assessment_id=assessment.id,
        revision=revision,
        questionnaire_version_id=assessment.questionnaire_version_id,
        answers=dict(assessment.answers),
        facts=facts,
        result=result,
        overall=result["overall"],
        maturity_level=result["maturity"]["level"],
        scoring_model=result["scoring_model"],
        has_red_flags=bool(result["red_flags"]),
        submitted_at=now,
        submitted_by=actor.id,
    )
    db.session.add(submission)
    db.session.flush()
    record_event(
        assessment=assessment,
        actor=actor,
        action="submit" if revision == 1 else "resubmit",
        revision=revision,
    )
    return submission


def get_submission(*, assessment: Assessment, revision: int | None = None) -> Submission:
    """A submitted revision (the latest by default); 404 when there is none."""
    query = select(Submission).where(Submission.assessment_id == assessment.id)
    if revision is None:
        query = query.order_by(Submission.revision.desc()).limit(1)
    else:
        query = query.where(Submission.revision == revision)
    submission = db.session.scalar(query)
    if submission is None:
        raise not_found()
    return submission
