"""A new draft that starts from the enterprise's last submitted answers (next year's filing).

Answers are carried by question id, as year-over-year compares them (design.md, "Year"): those
the new version still asks, still valid against it, and shown under today's facts. Evidence
files are not carried: they belong to the revision they were submitted with.
"""

from sqlalchemy import select

from app.assessments.events import record_event
from app.assessments.models import Assessment, Submission
from app.db import db
from app.questionnaires.answers import check_answer
from app.questionnaires.conditions import has_answer, visible_questions
from app.questionnaires.definition import question_map
from app.questionnaires.service import published


def last_submission(*, enterprise_id: int, questionnaire_key: str) -> Submission | None:
    """The enterprise's latest submitted revision of the questionnaire, any assessment."""
    return db.session.scalar(
        select(Submission)
        .join(Assessment, Assessment.id == Submission.assessment_id)
        .where(
            Assessment.enterprise_id == enterprise_id,
            Assessment.questionnaire_key == questionnaire_key,
        )
        .order_by(Submission.submitted_at.desc(), Submission.id.desc())
        .limit(1)
    )


def carried_answers(definition: dict, answers: dict, facts: dict) -> dict:
    """Of earlier answers, those the definition asks, in a form it accepts, and shows."""
    by_id = question_map(definition)
    kept = {
        q: v
        for q, v in answers.items()
        if q in by_id and has_answer(v) and check_answer(by_id[q], v) is None
    }
    # Dropping an answer may hide a question that depended on it: narrow until nothing changes.
    while True:
        shown = set(visible_questions(definition, kept, facts))
        narrowed = {q: v for q, v in kept.items() if q in shown}
        if narrowed == kept:
            return kept
        kept = narrowed


def carry_last_answers(*, assessment: Assessment, facts: dict, actor) -> Submission | None:
    """Fill a new, empty draft from the last submission; the submission carried from, if any."""
    source = last_submission(
        enterprise_id=assessment.enterprise_id, questionnaire_key=assessment.questionnaire_key
    )
    if source is None:
        return None
    definition = published(assessment.questionnaire_version_id)[2]
    answers = carried_answers(definition, source.answers, facts)
    assessment.answers = answers
    record_event(
        assessment=assessment,
        actor=actor,
        action="save",
        data={
            "questions": sorted(answers),
            "carried_from": {"assessment_id": source.assessment_id, "revision": source.revision},
        },
    )
    return source
