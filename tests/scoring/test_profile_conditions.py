"""The `profile` condition form, section conditions, the sections listed, caps from the profile."""

import copy

import pytest

from app.profiles.definition import load_profile_definition
from app.questionnaires.conditions import evaluate, visible_questions, visible_sections
from app.questionnaires.definition import question_map
from app.questionnaires.loader import QUESTIONNAIRES, QuestionnaireError, load_file, load_text
from app.scoring import score
from tests.scoring.ladders import NARROW_PROFILE, everywhere, with_profile

DEFINITIONS = {
    key: load_file(QUESTIONNAIRES / f"{key}.yaml") for key in ("quality", "brand", "standards")
}
TOWELS = {"industry": "C1772", "size": "small"}
SHOP = {"industry": "F5211", "size": "small"}
# The red-line facts with legal effect, as the profile states them.
RED_LINES = {
    "dishonesty_list": {"dishonesty_list": "listed"},
    "spot_check_failure": {"spot_check_failure": "unrectified"},
    "major_accident": {"major_accident": "major"},
    "licence_status": {"business": ["licensed"], "licence_status": "missing"},
}


# --- evaluation: true, false, unknown ------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "profile", "holds"),
    [
        ({"profile": "ownership", "in": ["private"]}, {"ownership": "private"}, True),
        ({"profile": "ownership", "in": ["private"]}, {"ownership": "state"}, False),
        ({"profile": "business", "contains_any": ["food"]}, {"business": ["export", "food"]}, True),
        ({"profile": "business", "contains_any": ["food"]}, {"business": ["none"]}, False),
        ({"profile": "staff_count", "gte": 50}, {"staff_count": 50}, True),
        ({"profile": "staff_count", "lte": 49}, {"staff_count": 50}, False),
        ({"profile": "staff_count", "answered": True}, {"staff_count": 8}, True),
    ],
)
def test_a_profile_condition_reads_the_profile_facts(condition, profile, holds):
    assert evaluate(condition, {}, {"profile": profile}) is holds


@pytest.mark.parametrize("facts", [{}, {"profile": {}}, {"profile": None}, {"profile": "x"}])
def test_an_unknown_profile_fact_fails_every_operator_but_answered_false(facts):
    assert evaluate({"profile": "ownership", "in": ["private", "state"]}, {}, facts) is False
    assert evaluate({"profile": "business", "contains_any": ["none"]}, {}, facts) is False
    assert evaluate({"profile": "staff_count", "gte": 0}, {}, facts) is False
    assert evaluate({"profile": "ownership", "answered": False}, {}, facts) is True
    # So a question hidden only for a red-line fact stays shown while the profile is unknown.
    assert evaluate({"not": {"profile": "dishonesty_list", "in": ["listed"]}}, {}, facts) is True


def test_a_profile_condition_never_reads_the_questionnaire_answers():
    condition = {"profile": "ownership", "in": ["private"]}
    assert evaluate(condition, {"ownership": "private"}, {}) is False


# --- the loader ----------------------------------------------------------------------------

MINIMAL = """
version: 1
key: t
title: {zh: 测试}
description: {zh: 测试}
estimated_minutes: 1
rationale: {zh: 测试}
dimensions: [{key: d, title: {zh: 维度}, weight: 100}]
sections:
  - key: s
    title: {zh: 部分}
    %s
    questions:
      - id: q
        type: single
        text: {zh: 题}
        required: true
        weight: 1
        dimension: d
        clause: [一（一）]
        %s
        options:
          - id: a
            text: {zh: 甲}
            points: 0
            recommendation: {text: {zh: 改进}, clause: [一（一）], departments: [省质监局]}
          - {id: b, text: {zh: 乙}, points: 1}
"""


def problems(section_condition: str = "", question_condition: str = "") -> list[str]:
    try:
        load_text(MINIMAL % (section_condition, question_condition), "t.yaml")
    except QuestionnaireError as error:
        return [f"{p.field}: {p.message}" for p in error.problems]
    return []


def test_the_loader_accepts_profile_conditions_on_questions_and_sections():
    assert problems("condition: {profile: business, contains_any: [food]}") == []
    assert problems("", "condition: {profile: ownership, in: [private]}") == []
    assert problems("", "condition: {not: {profile: dishonesty_list, in: [listed]}}") == []
    assert problems("", "condition: {profile: staff_count, gte: 50}") == []


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ("{profile: turnover, gte: 1}", "unknown profile field 'turnover'"),
        ("{profile: ownership, contains_any: [state]}", "needs a multiple profile field"),
        ("{profile: business, contains_any: [mining]}", "'mining' is not one of the option ids"),
        ("{profile: staff_count, gte: many}", "must be a number"),
        ("{profile: ownership, answered: 1}", "must be true or false"),
        ("{profile: ownership}", "unknown condition"),
    ],
)
def test_the_loader_names_what_is_wrong_with_a_profile_condition(condition, message):
    found = problems("", f"condition: {condition}")
    assert any(message in p for p in found), found
    # The same checks apply to a section's condition, named at the section.
    at_section = problems(f"condition: {condition}")
    assert any(p.startswith("sections[s].condition") and message in p for p in at_section)


def test_profile_conditions_name_only_fields_the_profile_has():
    fields = {f["id"] for f in load_profile_definition()["fields"]}
    for definition in DEFINITIONS.values():
        for question in question_map(definition).values():
            for name in _profile_fields(question.get("condition")):
                assert name in fields, (definition["key"], question["id"], name)


def _profile_fields(condition):
    if not isinstance(condition, dict):
        return
    if "profile" in condition:
        yield condition["profile"]
    for key in ("all", "any"):
        for part in condition.get(key, ()):
            yield from _profile_fields(part)
    yield from _profile_fields(condition.get("not"))


# --- the three questionnaires read the profile --------------------------------------------


def test_no_questionnaire_asks_a_profile_question_any_more():
    asked = {q for d in DEFINITIONS.values() for q in question_map(d)}
    gone = {"business", "ownership", "staff_count", "std_profile", "business_profile"}
    assert asked & gone == set()
    assert not {s["key"] for d in DEFINITIONS.values() for s in d["sections"]} & {"profile"}


@pytest.mark.parametrize(
    ("key", "question", "profile"),
    [
        ("quality", "special_equipment", {"business": ["special_equipment"]}),
        ("quality", "food_safety", {"business": ["food"]}),
        ("quality", "energy_metering", {"business": ["energy_key"]}),
        ("quality", "online_shop", {"sales_channels": ["online"]}),
        ("quality", "succession", {"ownership": "private"}),
        ("brand", "soe_appraisal", {"ownership": "state"}),
        ("brand", "online_ip", {"sales_channels": ["cross_border"]}),
        ("brand", "export_image", {"business": ["export"]}),
        ("brand", "gi_certification", {"business": ["food"]}),
        ("standards", "ecommerce_display", {"sales_channels": ["online"]}),
        ("standards", "one_standard_two_markets", {"business": ["export"]}),
        ("standards", "energy_standards", {"business": ["energy_key"]}),
    ],
)
def test_a_question_is_shown_by_the_profile_fact_it_depends_on(key, question, profile):
    definition = DEFINITIONS[key]
    answers = everywhere(definition, 4)
    machine = {"industry": "C3670", "size": "small"}  # none of these by its industry
    assert question in visible_questions(definition, answers, with_profile(machine, **profile))
    # The same firm with that fact taken back (another ownership, or "none" of the activities).
    field = next(iter(profile))
    without = with_profile(machine, **{field: "other" if field == "ownership" else ["none"]})
    assert question not in visible_questions(definition, answers, without)


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("spot_check", "spot_check_failure"),
        ("accidents", "major_accident"),
        ("credit_record", "dishonesty_list"),
    ],
)
def test_a_question_whose_worst_answer_is_a_profile_red_line_is_not_asked_again(question, fact):
    definition = DEFINITIONS["quality"]
    answers = everywhere(definition, 4)
    assert question in visible_questions(definition, answers, with_profile(TOWELS))
    red = with_profile(TOWELS, **RED_LINES[fact])
    assert question not in visible_questions(definition, answers, red)


# --- sections: not listed when nothing in them applies -------------------------------------


def test_the_service_section_is_listed_for_a_service_firm_and_not_for_a_manufacturer():
    definition = DEFINITIONS["quality"]
    answers = everywhere(definition, 4)
    maker = [s["key"] for s, _ in visible_sections(definition, answers, with_profile(TOWELS))]
    shop = [s["key"] for s, _ in visible_sections(definition, answers, with_profile(SHOP))]
    assert "service" not in maker and "service" in shop
    # The cluster module is listed for the towel maker only (industry code C1772).
    assert "cluster" in maker and "cluster" not in shop
    # Every listed section has a shown question; the shown questions are those of the listed.
    for facts in (with_profile(TOWELS), with_profile(SHOP)):
        listed = visible_sections(definition, answers, facts)
        assert all(ids for _, ids in listed)
        shown = visible_questions(definition, answers, facts)
        assert [q for _, ids in listed for q in ids] == shown


def test_a_section_condition_hides_all_its_questions_whatever_their_own_conditions():
    definition = copy.deepcopy(DEFINITIONS["quality"])
    service = next(s for s in definition["sections"] if s["key"] == "service")
    assert service["condition"] == {"industry": list("FGHIJKLMNOPQRS")}
    assert all(q.get("condition") is None for q in service["questions"])
    service["condition"] = {"profile": "business", "contains_any": ["export"]}
    answers = everywhere(definition, 4)
    ids = [q["id"] for q in service["questions"]]
    assert not set(ids) & set(visible_questions(definition, answers, with_profile(SHOP)))
    exporter = with_profile(TOWELS, business=["export"])
    assert set(ids) <= set(visible_questions(definition, answers, exporter))


# --- caps: from the profile's facts only, once ---------------------------------------------


@pytest.mark.parametrize("key", DEFINITIONS)
def test_a_clean_profile_never_caps_and_no_answer_raises_a_legal_effect_red_line(key):
    definition = DEFINITIONS[key]
    for rung in (0, 4):
        result = score(
            definition, everywhere(definition, rung, wide=True), with_profile(TOWELS, True)
        )
        sources = {f.get("source") for f in result["red_flags"]}
        assert "profile" not in sources
        legal = {"dishonesty_list", "spot_check", "accidents", "credit_record"}
        assert not {f["question"] for f in result["red_flags"]} & legal


@pytest.mark.parametrize("key", DEFINITIONS)
@pytest.mark.parametrize("fact", RED_LINES)
def test_each_profile_red_line_caps_each_questionnaire_once(key, fact):
    definition = DEFINITIONS[key]
    facts = with_profile(TOWELS, **RED_LINES[fact])
    result = score(definition, everywhere(definition, 4), facts)
    assert result["capped"] is True
    assert result["overall"] == definition["red_flag_cap"]
    assert result["maturity"]["level"] == 2 and result["maturity"]["limited_by"] == ["red_flag"]
    # One fact, one flag: the questionnaire does not state it a second time.
    assert [(f["source"], f["question"]) for f in result["red_flags"]] == [("profile", fact)]


def test_a_version_that_still_asks_a_red_line_caps_once_when_the_profile_states_it_too():
    # Versions published before 2026-12 still carry spot_check `failed_open`; a draft on such a
    # version keeps it. Two flags for one fact still make one cap, not a lower score.
    definition = copy.deepcopy(DEFINITIONS["quality"])
    spot = question_map(definition)["spot_check"]
    spot["condition"] = None
    spot["options"].insert(0, dict(spot["options"][0], id="failed_open", red_flag={"zh": "未整改"}))
    facts = with_profile(TOWELS, spot_check_failure="unrectified")
    both = score(definition, everywhere(definition, 4) | {"spot_check": "failed_open"}, facts)
    assert len(both["red_flags"]) == 2
    assert both["overall"] == definition["red_flag_cap"] and both["maturity"]["level"] == 2


def test_the_frozen_profile_is_what_caps_not_the_answers():
    definition = DEFINITIONS["quality"]
    answers = everywhere(definition, 4)
    assert score(definition, answers, with_profile(TOWELS))["capped"] is False
    assert score(definition, answers, with_profile(TOWELS, dishonesty_list="listed"))["capped"]
    assert NARROW_PROFILE["dishonesty_list"] == "not_listed"
