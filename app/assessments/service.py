"""Drafts, saving answers with optimistic concurrency, submission, and reading results."""

from dataclasses import replace

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from app.assessments import filing
from app.assessments.answers import merge_answers, progress
from app.assessments.events import record_event
from app.assessments.models import OPEN_STATUSES, Assessment, Submission
from app.assessments.records import AssessmentRecord
from app.db import commit_asynchronously, db, utcnow
from app.errors import ApiError, not_found
from app.messages.assessments import NOT_EDITABLE, NOT_SUBMITTABLE, REQUIRED_MISSING, STALE
from app.messages.common import UNKNOWN_QUESTIONNAIRE
from app.profiles.service import (
    complete_profile,
    current_profile_answers,
    current_profile_answers_of,
    shown_profile_answers,
)
from app.questionnaires import service as questionnaires
from app.scoring import score


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


def definition_of(assessment: Assessment) -> dict:
    return questionnaires.published(assessment.questionnaire_version_id)[2]


def open_draft(*, enterprise_id: int, questionnaire_key: str) -> Assessment | None:
    return db.session.scalar(
        select(Assessment).where(
            Assessment.enterprise_id == enterprise_id,
            Assessment.questionnaire_key == questionnaire_key,
            Assessment.status.in_(OPEN_STATUSES),
        )
    )


def create_assessment(*, enterprise, questionnaire_key: str, actor) -> tuple[Assessment, bool]:
    """A draft of the latest version, or the enterprise's open one (created is then False)."""
    existing = open_draft(enterprise_id=enterprise.id, questionnaire_key=questionnaire_key)
    if existing is not None:
        return existing, False
    version = questionnaires.latest_version(key=questionnaire_key)
    if version is None:
        raise ApiError(422, errors={"questionnaire": [UNKNOWN_QUESTIONNAIRE]})
    now = utcnow()
    assessment = Assessment(
        enterprise_id=enterprise.id,
        questionnaire_key=questionnaire_key,
        questionnaire_version_id=version.id,
        status="draft",
        answers={},
        campaign_id=filing.rules().campaign_for_draft(
            enterprise=enterprise, questionnaire_key=questionnaire_key
        ),
        created_at=now,
        updated_at=now,
    )
    db.session.add(assessment)
    try:
        db.session.flush()
    except IntegrityError:
        # Another device created it a moment ago: the unique index chose one, return that.
        db.session.rollback()
        existing = open_draft(enterprise_id=enterprise.id, questionnaire_key=questionnaire_key)
        return existing, False
    record_event(assessment=assessment, actor=actor, action="create")
    return assessment, True


def parse_if_match(header: str | None) -> int | None:
    """The version in an If-Match header as a client may send it: "7", W/"7", "7-gzip", 7."""
    if not header:
        return None
    value = header.strip().split(",")[0].strip()
    if value.startswith("W/"):
        value = value[2:]
    value = value.strip('"')
    digits = ""
    for char in value:
        if not char.isdigit():
            break
        digits += char
    return int(digits) if digits else -1


def save_answers(
    *, assessment: AssessmentRecord, answers: dict, expected_version: int, actor
) -> tuple[AssessmentRecord, list]:
    """Merge a batch of answers into the draft: (the saved draft, ids of answers dropped)."""
    if assessment.status not in OPEN_STATUSES:
        raise ApiError(
            409, NOT_EDITABLE, status=assessment.status, extra={"current_status": assessment.status}
        )
    outcome = merge_answers(
        definition_of(assessment), assessment.answers, answers, assessment_facts(assessment)
    )
    if outcome.errors:
        raise ApiError(422, errors=outcome.errors)
    # The merge started from the version loaded: the client must have seen that one, or a write
    # landing between our read and the update below would be overwritten.
    if assessment.version != expected_version:
        raise stale(assessment.id)
    # Compare-and-set on the version: of two devices saving at once, one gets 412, none is lost.
    saved = (
        db.session.connection()
        .execute(
            _SAVE,
            {
                "assessment_id": assessment.id,
                "expected_version": expected_version,
                "new_answers": outcome.answers,
                "now": utcnow(),
            },
        )
        .one_or_none()
    )
    if saved is None:
        raise stale(assessment.id)
    # A draft save may be taken back by a database crash (the phone still holds it); a submission
    # never is. docs/performance.md says what can be lost and why that is acceptable.
    commit_asynchronously()
    record_event(
        assessment=assessment,
        actor=actor,
        action="save",
        data={"questions": sorted(answers), "dropped": outcome.dropped},
    )
    draft = replace(
        assessment, answers=outcome.answers, version=saved.version, updated_at=saved.updated_at
    )
    return draft, outcome.dropped


_table = Assessment.__table__
_SAVE = (
    update(_table)
    .where(
        _table.c.id == bindparam("assessment_id"),
        _table.c.version == bindparam("expected_version"),
        _table.c.status.in_(OPEN_STATUSES),
    )
    .values(
        answers=bindparam("new_answers", type_=_table.c.answers.type),
        version=_table.c.version + 1,
        updated_at=bindparam("now", type_=_table.c.updated_at.type),
    )
    .returning(_table.c.version, _table.c.updated_at)
)


def stale(assessment_id: int) -> ApiError:
    current = db.session.scalar(select(Assessment.version).where(Assessment.id == assessment_id))
    return ApiError(412, STALE, current=current)


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
    result = score(
        definition,
        assessment.answers,
        facts,
        version=questionnaires.published(assessment.questionnaire_version_id)[1],
    )
    now = utcnow()
    revision = assessment.revision + 1
    # Campaign, year and lateness are settled by the first submission; a resubmission after a
    # return is the regulator's request and is never late.
    filed = {}
    if assessment.revision == 0:
        terms = filing.rules().terms_for_submit(assessment=assessment, now=now)
        filed = {"campaign_id": terms.campaign_id, "year": terms.year, "late": terms.late}
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
