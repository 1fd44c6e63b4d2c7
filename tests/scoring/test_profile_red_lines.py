"""Red lines of the enterprise profile cap every questionnaire; the new and the fixed red lines."""

from pathlib import Path

import pytest

from app.profiles.definition import load_profile_definition, missing_fields, red_lines
from app.questionnaires.loader import load_file
from app.scoring import score
from tests.fixtures.actors import COMPLETE_PROFILE
from tests.fixtures.answering import complete_answers

ROOT = Path(__file__).resolve().parents[2] / "questionnaires"
DEFINITIONS = {key: load_file(ROOT / f"{key}.yaml") for key in ("quality", "brand", "standards")}
REGISTRATION = {"industry": "C1772", "size": "small"}
FACTS = {**REGISTRATION, "profile": COMPLETE_PROFILE}
# Each red-line fact of the profile, as a firm would state it.
RED_LINE_FACTS = {
    "dishonesty_list": {"dishonesty_list": "listed"},
    "spot_check_failure": {"spot_check_failure": "unrectified"},
    "major_accident": {"major_accident": "major"},
    "licence_status": {"business": ["licensed"], "licence_status": "missing"},
}


def best(key: str) -> dict:
    return complete_answers(DEFINITIONS[key], FACTS, "best")


@pytest.mark.parametrize("key", DEFINITIONS)
@pytest.mark.parametrize("fact", RED_LINE_FACTS)
def test_a_profile_red_line_caps_every_questionnaire_answered_at_its_best(key, fact):
    definition = DEFINITIONS[key]
    clean = score(definition, best(key), {**FACTS, "profile": COMPLETE_PROFILE})
    profile = {**COMPLETE_PROFILE, **RED_LINE_FACTS[fact]}
    capped = score(definition, best(key), {**FACTS, "profile": profile})
    assert clean["capped"] is False and clean["overall"] > definition["red_flag_cap"]
    assert capped["capped"] is True
    assert capped["overall"] == definition["red_flag_cap"]
    assert capped["maturity"]["level"] <= 2
    assert capped["overall_uncapped"] == clean["overall_uncapped"]
    (flag,) = capped["red_flags"]
    assert flag["source"] == "profile" and flag["question"] == fact


def test_the_scorer_takes_no_profile_as_no_red_line():
    assert score(DEFINITIONS["brand"], best("brand"), REGISTRATION)["red_flags"] == []


def test_a_spot_check_failure_under_legal_retest_or_review_is_no_red_line():
    profile = {**COMPLETE_PROFILE, "spot_check_failure": "disputed"}
    result = score(DEFINITIONS["quality"], best("quality"), {**FACTS, "profile": profile})
    assert result["red_flags"] == [] and result["capped"] is False
    assert red_lines(load_profile_definition(), profile) == []


def test_a_disputed_spot_check_in_the_questionnaire_scores_without_a_flag():
    answers = {**best("quality"), "spot_check": "disputed"}
    result = score(DEFINITIONS["quality"], answers, FACTS)
    assert result["red_flags"] == [] and result["capped"] is False


def test_contesting_a_spot_check_never_scores_above_rectifying_the_failure():
    """A failure rectified and re-inspected is no worse than one still contested: the other
    order would reward filing a 复检 over fixing the product."""
    scores = {
        option: score(DEFINITIONS["quality"], {**best("quality"), "spot_check": option}, FACTS)[
            "overall"
        ]
        for option in ("failed_fixed", "disputed", "not_sampled")
    }
    assert scores["failed_fixed"] >= scores["disputed"]
    assert scores["not_sampled"] > scores["disputed"]


@pytest.mark.parametrize(
    ("question", "option"),
    [("spot_check", "failed_open"), ("accidents", "major"), ("credit_record", "serious")],
)
def test_the_quality_questionnaire_no_longer_asks_a_profile_red_line(question, option):
    # The legal-effect red lines are profile facts (answered once); the questions keep only
    # the answers below them, and none of their options raises a red flag.
    (q,) = [
        q for s in DEFINITIONS["quality"]["sections"] for q in s["questions"] if q["id"] == question
    ]
    assert option not in {o["id"] for o in q["options"]}
    assert not any(o["red_flag"] for o in q["options"])


def test_a_recall_of_the_firms_own_accord_scores_no_lower_than_hiding_the_problem():
    base = best("quality")
    own = score(DEFINITIONS["quality"], {**base, "accidents": "own_recall"}, FACTS)
    hid = score(DEFINITIONS["quality"], {**base, "accidents": "clean"}, FACTS)
    ordered = score(DEFINITIONS["quality"], {**base, "accidents": "incident"}, FACTS)
    assert own["overall_uncapped"] >= hid["overall_uncapped"] > ordered["overall_uncapped"]


@pytest.mark.parametrize(
    ("key", "question", "option", "facts", "extra"),
    [
        (
            "quality",
            "special_equipment",
            "unregistered",
            {**REGISTRATION, "profile": {**COMPLETE_PROFILE, "business": ["special_equipment"]}},
            {},
        ),
        (
            "standards",
            "energy_result",
            "above_limit",
            {"industry": "C3011", "size": "large", "profile": COMPLETE_PROFILE},
            {},
        ),
        (
            "standards",
            "q_standard_process",
            "below_mandatory",
            FACTS,
            {"std_types": ["national", "enterprise"]},
        ),
    ],
)
def test_the_new_red_lines_cap_their_questionnaire(key, question, option, facts, extra):
    definition = DEFINITIONS[key]
    answers = {**complete_answers(definition, facts, "best"), **extra, question: option}
    result = score(definition, answers, facts)
    assert question in {f["question"] for f in result["red_flags"]}, result["red_flags"]
    assert result["capped"] is True
    assert result["overall"] <= definition["red_flag_cap"]


def test_the_profile_names_the_fields_still_missing():
    definition = load_profile_definition()
    assert missing_fields(definition, COMPLETE_PROFILE) == []
    licensed = {**COMPLETE_PROFILE, "business": ["licensed"]}
    assert missing_fields(definition, licensed) == ["licence_status"]
    assert "staff_count" in missing_fields(definition, {})
