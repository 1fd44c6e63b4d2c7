"""Merging a batch of answers into a draft: type checks, visibility, dropped answers."""

from dataclasses import dataclass, field

from app.messages.assessments import HIDDEN_QUESTION
from app.messages.common import UNKNOWN_QUESTION
from app.questionnaires.answers import check_answer
from app.questionnaires.conditions import has_answer, visible_questions, visible_sections
from app.questionnaires.definition import question_map


@dataclass
class MergeOutcome:
    answers: dict
    errors: dict[str, list] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)


def merge_answers(definition: dict, current: dict, patch: dict, facts: dict) -> MergeOutcome:
    """Apply a batch (null clears an answer); all or nothing, as the API promises."""
    by_id = question_map(definition)
    errors: dict[str, list] = {}
    for question_id, value in patch.items():
        if question_id not in by_id:
            errors[question_id] = [UNKNOWN_QUESTION]
        elif value is not None and (problem := check_answer(by_id[question_id], value)):
            errors[question_id] = [problem]
    if errors:
        return MergeOutcome(answers=current, errors=errors)

    # null, "" and [] all mean "no answer": one representation for the same fact.
    merged = {k: v for k, v in {**current, **patch}.items() if has_answer(v)}
    shown = set(visible_questions(definition, merged, facts))
    hidden_now = [q for q, v in patch.items() if has_answer(v) and q not in shown]
    if hidden_now:
        return MergeOutcome(answers=current, errors={q: [HIDDEN_QUESTION] for q in hidden_now})
    dropped = [q for q in merged if q not in shown]
    return MergeOutcome(answers={q: v for q, v in merged.items() if q in shown}, dropped=dropped)


def progress(definition: dict, answers: dict, facts: dict) -> tuple[list[str], dict]:
    """The required questions shown and unanswered, in order, and answered/total of those shown."""
    by_id = question_map(definition)
    shown = visible_questions(definition, answers, facts)
    missing = [q for q in shown if by_id[q]["required"] and q not in answers]
    return missing, {"answered": sum(1 for q in shown if q in answers), "total": len(shown)}


def section_progress(definition: dict, answers: dict, facts: dict) -> list[dict]:
    """The sections with a question shown for this enterprise, with answered/total of those.

    A section none of whose questions applies (服务质量 for a manufacturer) is not listed, so it
    counts in neither the number of sections nor the progress.
    """
    return [
        {
            "key": section["key"],
            "title": section["title"],
            "answered": sum(1 for q in shown if has_answer(answers.get(q))),
            "total": len(shown),
        }
        for section, shown in visible_sections(definition, answers, facts)
    ]
