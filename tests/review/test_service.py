"""The diff of two revisions, computed directly from (fake) submitted revisions."""

from types import SimpleNamespace

from app.review.diff import answer_changes, score_changes

DEFINITION = {
    "sections": [
        {
            "key": "s",
            "questions": [
                {
                    "id": "level",
                    "type": "single",
                    "text": {"zh": "水平如何？", "en": "What level?"},
                    "options": [
                        {"id": "low", "text": {"zh": "低", "en": "Low"}},
                        {"id": "high", "text": {"zh": "高", "en": "High"}},
                    ],
                },
                {
                    "id": "kinds",
                    "type": "multiple",
                    "text": {"zh": "哪些？", "en": "Which?"},
                    "options": [
                        {"id": "a", "text": {"zh": "甲", "en": "A"}},
                        {"id": "b", "text": {"zh": "乙", "en": "B"}},
                    ],
                },
                {"id": "count", "type": "number", "text": {"zh": "几个？", "en": "How many?"}},
                {"id": "note", "type": "text", "text": {"zh": "说明", "en": "Note"}},
            ],
        }
    ]
}


def revision(answers, overall, dimensions, level=3, red_flags=(), trace=()):
    return SimpleNamespace(
        answers=answers,
        questionnaire_version=SimpleNamespace(definition=DEFINITION),
        result={
            "overall": overall,
            "maturity": {"level": level},
            "red_flags": list(red_flags),
            "dimensions": [
                {"key": k, "title": {"zh": f"维度{k}", "en": f"Dim {k}"}, "score": v}
                for k, v in dimensions.items()
            ],
            "trace": list(trace),
        },
    )


def test_answers_added_removed_and_changed_in_questionnaire_order():
    before = revision({"level": "low", "kinds": ["a", "b"], "note": "旧"}, 40.0, {"x": 40.0})
    after = revision({"level": "high", "kinds": ["b", "a"], "count": 3}, 60.0, {"x": 60.0})
    changes = answer_changes(before, after, "zh")
    assert [(c["question"], c["change"]) for c in changes] == [
        ("level", "changed"),
        ("count", "added"),
        ("note", "removed"),
    ]  # reordered choices of `kinds` are no change
    level = changes[0]
    assert (level["text"], level["before_label"], level["after_label"]) == (
        "水平如何？",
        "低",
        "高",
    )
    assert changes[1]["before_label"] is None and changes[1]["after"] == 3
    assert answer_changes(before, after, "en")[0]["text"] == "What level?"


def test_scores_move_per_dimension_even_when_a_dimension_appears_or_stops_applying():
    before = revision({}, 50.0, {"x": 40.0, "y": None}, level=2, red_flags=[{"q": 1}])
    after = revision({}, 72.5, {"x": 65.0, "y": 80.0}, level=4)
    moved = score_changes(before, after, "zh")
    assert moved["overall"] == {"before": 50.0, "after": 72.5, "delta": 22.5}
    assert moved["maturity"] == {"before": 2, "after": 4}
    assert moved["red_flags"] == {"before": 1, "after": 0}
    assert moved["dimensions"] == [
        {"key": "x", "title": "维度x", "before": 40.0, "after": 65.0, "delta": 25.0},
        {"key": "y", "title": "维度y", "before": None, "after": 80.0, "delta": None},
    ]
