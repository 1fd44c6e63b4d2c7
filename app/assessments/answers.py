"""Merging a batch of answers into a draft: type checks, visibility, dropped answers."""

from dataclasses import dataclass, field

from app.questionnaires.answers import check_answer
from app.questionnaires.conditions import has_answer, visible_questions
from app.questionnaires.definition import question_map

UNKNOWN_QUESTION = {
    "zh": "问卷中没有这道题。",
    "en": "There is no such question in this questionnaire.",
}
HIDDEN_QUESTION = {
    "zh": "根据已有回答，这道题不显示，不能作答。",
    "en": "This question is not shown given the other answers, so it cannot be answered.",
}
REQUIRED_MISSING = {"zh": "必答题尚未作答。", "en": "This required question has not been answered."}


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
