"""What changed between two submitted revisions: answers, and how the scores moved."""

from app.assessments.models import Assessment, Submission
from app.assessments.submissions import get_submission
from app.evidence.representation import evidence_repr
from app.evidence.service import list_evidence
from app.questionnaires.definition import question_map
from app.questionnaires.representation import localise_tree


def _normalised(value):
    """Choices of a multiple-choice answer in a stable order, so reordering is no change."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return sorted(value)
    return value


def _label(question: dict | None, value, lang: str) -> str | None:
    """The option text(s) of a choice answer, for a reader who does not know option ids."""
    if question is None or value is None or question["type"] not in ("single", "multiple"):
        return None
    texts = {o["id"]: localise_tree(o["text"], lang) for o in question["options"]}
    chosen = value if isinstance(value, list) else [value]
    return "；".join(texts.get(v, str(v)) for v in chosen)


def _points(submission: Submission) -> dict[str, float | None]:
    return {row["question"]: row["points"] for row in submission.result.get("trace", [])}


def answer_changes(before: Submission, after: Submission, lang: str) -> list[dict]:
    """Added, removed and changed answers, in questionnaire order."""
    questions = {
        **question_map(before.questionnaire_version.definition),
        **question_map(after.questionnaire_version.definition),
    }
    order = list(question_map(after.questionnaire_version.definition))
    order += [q for q in questions if q not in order]
    points_before, points_after = _points(before), _points(after)
    changes = []
    for question_id in order:
        old, new = before.answers.get(question_id), after.answers.get(question_id)
        if _normalised(old) == _normalised(new):
            continue
        question = questions.get(question_id)
        changes.append(
            {
                "question": question_id,
                "text": localise_tree(question["text"], lang) if question else question_id,
                "change": "added" if old is None else "removed" if new is None else "changed",
                "before": old,
                "after": new,
                "before_label": _label(question, old, lang),
                "after_label": _label(question, new, lang),
                "points_before": points_before.get(question_id),
                "points_after": points_after.get(question_id),
            }
        )
    return changes


def _movement(before, after) -> dict:
    delta = None if before is None or after is None else round(after - before, 1)
    return {"before": before, "after": after, "delta": delta}


def score_changes(before: Submission, after: Submission, lang: str) -> dict:
    """Overall, maturity and per-dimension scores before and after."""
    old_dims = {d["key"]: d for d in before.result["dimensions"]}
    new_dims = {d["key"]: d for d in after.result["dimensions"]}
    keys = list(new_dims) + [k for k in old_dims if k not in new_dims]
    return {
        "overall": _movement(before.result["overall"], after.result["overall"]),
        "maturity": {
            "before": before.result["maturity"]["level"],
            "after": after.result["maturity"]["level"],
        },
        "red_flags": {
            "before": len(before.result.get("red_flags", [])),
            "after": len(after.result.get("red_flags", [])),
        },
        "dimensions": [
            {
                "key": key,
                "title": localise_tree((new_dims.get(key) or old_dims[key])["title"], lang),
                **_movement(old_dims.get(key, {}).get("score"), new_dims.get(key, {}).get("score")),
            }
            for key in keys
        ],
    }


def evidence_changes(assessment: Assessment, before: int, after: int) -> dict:
    """Files the later revision has that the earlier had not, and the other way round."""
    old = {e.id: e for e in list_evidence(assessment_id=assessment.id, revision=before)}
    new = {e.id: e for e in list_evidence(assessment_id=assessment.id, revision=after)}
    return {
        "added": [evidence_repr(e) for i, e in new.items() if i not in old],
        "removed": [evidence_repr(e) for i, e in old.items() if i not in new],
    }


def _revision_ref(submission: Submission) -> dict:
    return {
        "revision": submission.revision,
        "submitted_at": submission.submitted_at,
        "questionnaire_version": submission.questionnaire_version.version,
        "decision": submission.decision,
    }


def diff_revisions(
    *,
    assessment: Assessment,
    lang: str,
    from_revision: int | None = None,
    to_revision: int | None = None,
) -> dict:
    """The diff between two revisions (default: the latest and the one before); 404 if absent."""
    after = get_submission(assessment=assessment, revision=to_revision)
    before = get_submission(
        assessment=assessment,
        revision=from_revision if from_revision is not None else max(after.revision - 1, 1),
    )
    return {
        "from_revision": _revision_ref(before),
        "to_revision": _revision_ref(after),
        "answers": answer_changes(before, after, lang),
        "score": score_changes(before, after, lang),
        "evidence": evidence_changes(assessment, before.revision, after.revision),
    }
