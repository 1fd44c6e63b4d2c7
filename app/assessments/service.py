"""Drafts: one created per enterprise and questionnaire, answers saved with optimistic concurrency.

What a draft is evaluated with is in facts.py; submitting it, in submissions.py.
"""

from dataclasses import replace

from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from app.assessments import filing
from app.assessments.answers import merge_answers
from app.assessments.events import record_event
from app.assessments.facts import assessment_facts, definition_of
from app.assessments.models import OPEN_STATUSES, Assessment
from app.assessments.records import AssessmentRecord
from app.db import commit_asynchronously, db, utcnow
from app.errors import ApiError
from app.messages.assessments import NOT_EDITABLE, STALE
from app.messages.common import UNKNOWN_QUESTIONNAIRE
from app.questionnaires import service as questionnaires


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
