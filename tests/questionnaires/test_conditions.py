"""Conditions: each form's meaning, and which questions are shown for a set of answers."""

from pathlib import Path

import pytest

from app.questionnaires.conditions import (
    evaluate,
    has_answer,
    industry_code_ok,
    visible_answers,
    visible_questions,
)
from app.questionnaires.loader import load_file

REALISTIC = Path(__file__).resolve().parents[1] / "scoring" / "fixtures" / "realistic.yaml"
FACTS = {"industry": "C1772", "size": "small"}


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        ({"answer": "q", "in": ["a", "b"]}, {"q": "a"}, True),
        ({"answer": "q", "in": ["a", "b"]}, {"q": "c"}, False),
        ({"answer": "q", "in": ["a"]}, {}, False),
        ({"answer": "q", "in": ["a"]}, {"q": ["a"]}, False),
        ({"answer": "q", "contains_any": ["a", "b"]}, {"q": ["c", "b"]}, True),
        ({"answer": "q", "contains_any": ["a"]}, {"q": ["c"]}, False),
        ({"answer": "q", "contains_any": ["a"]}, {"q": "a"}, False),
        ({"answer": "q", "gte": 50}, {"q": 50}, True),
        ({"answer": "q", "gte": 50}, {"q": 49.5}, False),
        ({"answer": "q", "gte": 1}, {"q": True}, False),
        ({"answer": "q", "lte": 50}, {"q": 50}, True),
        ({"answer": "q", "lte": 50}, {"q": "10"}, False),
        ({"answer": "q", "answered": True}, {"q": 0}, True),
        ({"answer": "q", "answered": True}, {"q": []}, False),
        ({"answer": "q", "answered": True}, {"q": ""}, False),
        ({"answer": "q", "answered": False}, {"q": None}, True),
        ({"industry": ["C17"]}, {}, True),
        ({"industry": ["C"]}, {}, True),
        ({"industry": ["C1772"]}, {}, True),
        ({"industry": ["C18", "F52"]}, {}, False),
        ({"size": ["small", "micro"]}, {}, True),
        ({"size": ["large"]}, {}, False),
        ({"all": [{"size": ["small"]}, {"industry": ["C17"]}]}, {}, True),
        ({"all": [{"size": ["small"]}, {"industry": ["C18"]}]}, {}, False),
        ({"any": [{"size": ["large"]}, {"industry": ["C17"]}]}, {}, True),
        ({"not": {"size": ["small"]}}, {}, False),
    ],
)
def test_condition_forms(condition, answers, expected):
    assert evaluate(condition, answers, FACTS) is expected


def test_missing_facts_make_fact_conditions_false():
    assert evaluate({"industry": ["C"]}, {}, {}) is False
    assert evaluate({"size": ["small"]}, {}, {"industry": "C17"}) is False


def test_has_answer():
    assert [has_answer(v) for v in (None, "", [], 0, False, "a", ["a"])] == [
        False,
        False,
        False,
        True,
        True,
        True,
        True,
    ]


@pytest.mark.parametrize(
    ("code", "ok"),
    [("C", True), ("C17", True), ("C177", True), ("C1772", True), ("A01", True), ("T97", True)],
)
def test_industry_codes_accepted(code, ok):
    assert industry_code_ok(code) is ok


@pytest.mark.parametrize("code", ["", "Z", "c17", "C52", "C1", "C17721", "17", "F13", "CC17"])
def test_industry_codes_rejected(code):
    assert industry_code_ok(code) is False


def test_visible_questions_follow_answers_and_facts():
    definition = load_file(REALISTIC)
    shown = visible_questions(definition, {}, {"industry": "F5211", "size": "micro"})
    assert "reliability" not in shown  # manufacturing only
    assert "traceability" not in shown  # large/medium or food only
    assert "qc_projects" not in shown
    shown = visible_questions(
        definition, {"qc_activities": ["qc_circle"]}, {"industry": "C1451", "size": "micro"}
    )
    assert {"reliability", "traceability", "qc_projects"} <= set(shown)


def test_hidden_question_answer_is_absent_for_later_conditions():
    definition = load_file(REALISTIC)
    answers = {"traceability": "chain", "traceable_share": 95}
    # traceability is hidden for a small retailer, so traceable_share (which depends on it) is too.
    shown = visible_answers(definition, answers, {"industry": "F5211", "size": "small"})
    assert "traceability" not in shown and "traceable_share" not in shown
    shown = visible_answers(definition, answers, {"industry": "F5211", "size": "large"})
    assert shown["traceable_share"] == 95


def test_visible_questions_keep_file_order():
    definition = load_file(REALISTIC)
    facts = {"industry": "C1451", "size": "large"}
    answers = {"cqo": "board", "sales_channels": ["export"], "qc_activities": ["qc_circle"]}
    shown = visible_questions(definition, answers, facts)
    order = [q["id"] for s in definition["sections"] for q in s["questions"]]
    assert shown == [q for q in order if q in shown]
    assert "cqo_routine" in shown and "one_standard" in shown
