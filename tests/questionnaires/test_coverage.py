"""The three questionnaires against the plan: cited clauses exist, the required ones are cited."""

import pytest

from app.questionnaires.conditions import visible_questions
from app.questionnaires.definition import questions
from app.questionnaires.loader import load_file
from app.questionnaires.plan import plan_clauses
from app.questionnaires.service import QUESTIONNAIRE_DIR
from tests.scoring.ladders import everywhere, with_profile

KEYS = ("brand", "standards", "quality")
# A towel maker, a cashmere knitter, a machine builder, a food maker, a retailer, a hotel, unknown.
SHOWN_FOR = (
    {"industry": "C1772", "size": "large"},
    {"industry": "C1829", "size": "large"},
    {"industry": "C3670", "size": "large"},
    {"industry": "C1410", "size": "medium"},
    {"industry": "F5211", "size": "small"},
    {"industry": "H6110", "size": "small"},
    {},
)
REQUIRED_CLAUSES = (
    "一（一）", "一（二）", "一（三）", "一（四）", "一（五）",
    "二（一）", "二（二）", "二（三）", "二（四）",
    "三（二）", "四（二）", "四（三）", "五（一）", "五（二）",
)  # fmt: skip


@pytest.fixture(scope="module")
def definitions():
    return {key: load_file(QUESTIONNAIRE_DIR / f"{key}.yaml") for key in KEYS}


def cited(definition):
    """Every clause a question or a recommendation of the definition cites."""
    for _, question in questions(definition):
        yield from question["clause"]
        for option in question.get("options", []) + question.get("bands", []):
            if option.get("recommendation"):
                yield from option["recommendation"]["clause"]
        for recommendation in (question.get("recommendations") or {}).values():
            yield from recommendation["clause"]


def test_every_cited_clause_exists_in_the_plan(definitions):
    known = set(plan_clauses())
    for key, definition in definitions.items():
        unknown = set(cited(definition)) - known
        assert not unknown, f"{key} cites clauses not in the plan: {unknown}"


def test_every_enterprise_facing_clause_is_cited_by_a_question(definitions):
    by_questions = {c for d in definitions.values() for _, q in questions(d) for c in q["clause"]}
    assert set(REQUIRED_CLAUSES) - by_questions == set()


@pytest.mark.parametrize("key", KEYS)
def test_questionnaire_size_fits_a_phone(definitions, key):
    definition = definitions[key]
    # The file may hold modules that only some firms see (service firms, industry clusters);
    # what fits a phone is what one firm is shown, with every profile option ticked (the
    # enterprise profile's activities, and the questionnaire's own path questions).
    assert 15 <= sum(1 for _ in questions(definition)) <= 40
    for facts in SHOWN_FOR:
        facts = with_profile(facts, wide=True)
        shown = visible_questions(definition, everywhere(definition, 4, wide=True), facts)
        assert 15 <= len(shown) <= 30, (facts, len(shown))
    assert 3 <= len(definition["dimensions"]) <= 6
    assert definition["estimated_minutes"] <= 15
    assert definition["title"].get("en")
    assert all(d["title"].get("en") for d in definition["dimensions"])
