"""Number questions scored as a rate (`per`): the loader's rules and the scorer's arithmetic."""

import pytest

from app.questionnaires.loader import QuestionnaireError, load_text
from app.scoring import score
from app.scoring.rates import value_in_band

REC = "{text: {zh: 开展质量改进。}, clause: [一（四）], departments: [省质监局]}"


def definition(per: str = "{of: staff, scale: 100}", staff: str = "staff", extra: str = "") -> str:
    """A small questionnaire: a headcount, then projects scored per 100 of it."""
    return f"""
version: 1
key: rates
title: {{zh: 比率}}
description: {{zh: 比率题。}}
estimated_minutes: 1
rationale: {{zh: 示例。}}
dimensions:
  - {{key: system, title: {{zh: 体系}}, weight: 100}}
sections:
  - key: main
    title: {{zh: 基本情况}}
    questions:
      - id: {staff}
        type: number
        text: {{zh: 从业人员数？}}
        required: true
        weight: 0
        clause: [一（四）]
        min: 1
        integer: true
        bands: [{{min: 1, max: null, points: 0}}]
      - id: projects
        type: number
        text: {{zh: 课题数？}}
        required: true
        weight: 1
        dimension: system
        clause: [一（四）]
        min: 0
        integer: true
        per: {per}
        {extra}
        bands:
          - {{min: 0, max: 0, points: 0, recommendation: {REC}}}
          - {{min: 0, max: 1, points: 2, recommendation: {REC}}}
          - {{min: 1, max: 2, points: 3, recommendation: {REC}}}
          - {{min: 2, max: null, points: 4}}
"""


def problems(text: str) -> list[tuple[str, str, str]]:
    with pytest.raises(QuestionnaireError) as caught:
        load_text(text, "rates.yaml")
    return [(p.question_id, p.field, p.message) for p in caught.value.problems]


@pytest.fixture(scope="module")
def rates():
    return load_text(definition(), "rates.yaml")


def test_a_rate_question_loads_with_real_bands_over_integer_answers(rates):
    projects = rates["sections"][0]["questions"][1]
    assert projects["per"] == {"of": "staff", "scale": 100}
    assert projects["integer"] is True
    # Absent elsewhere, present as null (the loaded form names every optional field).
    assert rates["sections"][0]["questions"][0]["per"] is None


@pytest.mark.parametrize(
    ("per", "field", "message"),
    [
        ("{of: staff}", "per.scale", "missing"),
        ("{of: staff, scale: 0}", "per.scale", "greater than 0"),
        ("{of: Staff, scale: 100}", "per.of", "must match"),
        ("{of: staff, scale: 100, by: 1}", "per.by", "unknown field"),
    ],
)
def test_a_broken_per_is_named_by_its_field(per, field, message):
    found = problems(definition(per=per))
    assert any(f == field and message in m for _, f, m in found), found


def test_a_rate_must_start_at_zero():
    found = problems(
        definition().replace(
            "min: 0\n        integer: true\n        per",
            "min: 1\n        integer: true\n        per",
        )
    )
    assert (
        "projects",
        "min",
        "must be 0 for a rate (per): the bands start at a rate of 0, got 1",
    ) in found


def test_a_rates_bands_must_be_open_ended():
    text = definition().replace("{min: 2, max: null, points: 4}", "{min: 2, max: 50, points: 4}")
    found = problems(text)
    assert any(f == "bands[3].max" and "null" in m for _, f, m in found), found


def test_the_count_must_be_an_earlier_number_question():
    later = (
        definition(per="{of: later, scale: 100}").rstrip()
        + """
      - id: later
        type: number
        text: {zh: 后面的题}
        required: false
        weight: 0
        clause: [一（四）]
        min: 1
        bands: [{min: 1, max: null, points: 0}]
"""
    )
    assert (
        "projects",
        "per.of",
        "later comes later in the file; a rate may only use an earlier answer",
    ) in problems(later)
    single = definition().replace(
        """        type: number
        text: {zh: 从业人员数？}
        required: true
        weight: 0
        clause: [一（四）]
        min: 1
        integer: true
        bands: [{min: 1, max: null, points: 0}]""",
        """        type: single
        text: {zh: 从业人员数？}
        required: true
        weight: 0
        clause: [一（四）]
        options: [{id: few, text: {zh: 少}, points: 0}, {id: many, text: {zh: 多}, points: 0}]""",
    )
    assert ("projects", "per.of", "staff is a single question, not a number") in problems(single)


def test_a_count_not_in_the_file_is_read_from_the_facts():
    # The enterprise profile keeps the headcount; the questionnaire need not ask it again.
    loaded = load_text(definition(per="{of: staff_count, scale: 100}"), "rates.yaml")
    assert loaded["sections"][0]["questions"][1]["per"]["of"] == "staff_count"


def projects_score(rates, answers, facts=None) -> float:
    return score(rates, answers, facts or {})["trace"][0]["points"]


@pytest.mark.parametrize(
    ("staff", "projects", "points"),
    [
        (100, 0, 0),  # none
        (100, 1, 2),  # 1 per 100: the shared end point belongs to the lower band
        (101, 1, 2),
        (99, 1, 3),  # just over 1 per 100
        (100, 2, 3),
        (100, 3, 4),
        (1000, 6, 2),  # six projects is little for a thousand staff …
        (50, 2, 4),  # … and two is a lot for fifty
        (3, 1, 4),
    ],
)
def test_projects_are_scored_per_100_staff(rates, staff, projects, points):
    assert projects_score(rates, {"staff": staff, "projects": projects}) == points


def test_the_same_count_scores_less_in_a_larger_firm(rates):
    small = score(rates, {"staff": 40, "projects": 2}, {})
    large = score(rates, {"staff": 4000, "projects": 2}, {})
    assert small["overall"] == 100.0
    assert large["overall"] == 50.0
    assert large["recommendations"][0]["source"] == "bands[1]"


def test_the_count_comes_from_the_profile_then_the_answer_then_the_facts():
    rates = load_text(
        definition(per="{of: staff_count, scale: 100}", staff="staff_count"), "x.yaml"
    )
    answered = {"staff_count": 100, "projects": 3}
    facts = {"profile": {"staff_count": 1000}, "staff_count": 10}
    # The profile wins: a smaller headcount typed in the questionnaire cannot inflate the rate.
    assert projects_score(rates, answered, facts) == 2  # 0.3 per 100 from the profile
    assert projects_score(rates, answered, {"staff_count": 10}) == 4  # 3 per 100: the answer
    assert projects_score(rates, {"projects": 3}, {"staff_count": 10}) == 4  # 30 per 100


@pytest.mark.parametrize("count", [None, 0, -5, "100", True, float("nan")])
def test_without_a_usable_count_the_question_scores_as_unanswered(count):
    rates = load_text(definition(per="{of: staff_count, scale: 100}"), "x.yaml")
    facts = {} if count is None else {"staff_count": count}
    result = score(rates, {"projects": 50}, facts)
    trace = result["trace"][0]
    assert (trace["points"], result["overall"]) == (0, 0.0)
    # The advice is the lowest band's: leaving the count out never helps.
    assert [r["source"] for r in result["recommendations"]] == ["bands[0]"]


@pytest.mark.parametrize("staff", [1, 7, 100, 999, 12345])
def test_value_in_band_lands_in_the_band_it_was_asked_for(rates, staff):
    projects = rates["sections"][0]["questions"][1]
    for band in projects["bands"]:
        try:
            value = value_in_band(projects, band, staff)
        except ValueError:
            # Only a band too narrow for so few staff: one project already overshoots it.
            assert band["max"] is not None and band["max"] * staff / 100 < 1
            continue
        assert projects_score(rates, {"staff": staff, "projects": value}) == band["points"]
