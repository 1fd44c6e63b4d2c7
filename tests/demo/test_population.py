"""The drawn province, without a database: deterministic, valid codes, a realistic spread."""

import random
from collections import Counter
from datetime import date

import pytest
from faker import Faker

from app.assessments.answers import merge_answers, progress
from app.demo.answers import draw_answers
from app.demo.population import CHINA, CITY_WEIGHTS, COHORT, counties_of, draw_province
from app.questionnaires.loader import load_file
from app.questionnaires.service import questionnaire_files
from app.reference.codes import divisions, industry
from app.reference.uscc import validate_uscc
from app.scoring import score

TODAY = date(2026, 12, 6)
KEYS = ["brand", "quality", "standards"]


@pytest.fixture(scope="module")
def province():
    return draw_province(seed=7, enterprises=200, questionnaires=KEYS, today=TODAY)


@pytest.fixture(scope="module")
def definitions():
    return [load_file(path) for path in questionnaire_files()]


def test_the_same_seed_draws_the_same_province_and_another_seed_another(province):
    again = draw_province(seed=7, enterprises=200, questionnaires=KEYS, today=TODAY)
    other = draw_province(seed=8, enterprises=200, questionnaires=KEYS, today=TODAY)
    assert again == province
    assert [f.uscc for f in other] != [f.uscc for f in province]


def test_every_code_is_a_valid_unique_hebei_uscc_of_a_real_county(province):
    current = {d["code"] for d in divisions() if d["status"] == "current"}
    assert len({f.uscc for f in province}) == len(province)
    for firm in province:
        code = validate_uscc(firm.uscc, check_org_code=True)  # GB 11714 at 17 as well
        assert code.division_code == firm.county and firm.county in current
        assert firm.region == code.region and firm.region in CITY_WEIGHTS
        assert industry(firm.industry)["level"] == "class"
        assert len(firm.contact_phone) == 11 and firm.name.endswith("有限公司")


def test_all_eleven_cities_all_sizes_and_the_demo_cohorts_are_there(province):
    assert {f.region for f in province} == set(CITY_WEIGHTS)
    assert {f.size for f in province} == {"large", "medium", "small", "micro"}
    divisions_drawn = Counter(f.industry[:3] for f in province)
    assert divisions_drawn["C17"] >= 30 and divisions_drawn["C18"] >= 15
    assert len(divisions_drawn) >= 6
    cohort = [f for f in province if (f.industry, f.size) == COHORT[:2]]
    assert len(cohort) >= COHORT[2]


def test_filings_cover_two_china_years_with_every_outcome_this_year(province):
    filings = [filing for firm in province for filing in firm.filings]
    assert {f.year for f in filings} == {2025, 2026}
    for filing in filings:
        local = filing.submitted_at + CHINA  # the year is China's, not UTC's
        assert local.year == filing.year and 8 <= local.hour <= 17
        assert local.date() < TODAY
    assert {f.outcome for f in filings if f.year == 2025} == {"approved"}
    assert {f.outcome for f in filings if f.year == 2026} == {"approved", "returned", "waiting"}
    waiting_here = [
        f for firm in province if firm.region == "130100" for f in firm.filings
        if f.outcome == "waiting"
    ]  # fmt: skip
    assert len(waiting_here) >= 5


def test_every_city_has_counties_to_register_in():
    assert all(len(counties_of(city)) >= 3 for city in CITY_WEIGHTS)


@pytest.mark.parametrize("size", ["large", "micro"])
def test_drawn_answers_are_complete_and_valid_for_every_published_questionnaire(definitions, size):
    rng, fake = random.Random(1), Faker("zh_CN")
    for definition in definitions:
        for quality in (0.0, 0.3, 0.6, 1.0):
            facts = {"industry": "C1772", "size": size}
            answers = draw_answers(definition, facts, quality=quality, rng=rng, fake=fake)
            merged = merge_answers(definition, {}, answers, facts)
            assert not merged.errors and not merged.dropped, (definition["key"], merged.errors)
            assert progress(definition, merged.answers, facts)[0] == []


def test_drawn_answers_spread_over_maturity_levels_with_a_few_red_flags(definitions):
    rng, fake = random.Random(2), Faker("zh_CN")
    for definition in definitions:
        levels, flagged = Counter(), 0
        for _ in range(150):
            quality = rng.betavariate(2.6, 2.4)
            facts = {"industry": "C1811", "size": "medium"}
            result = score(definition, draw_answers(definition, facts, quality=quality,
                                                    rng=rng, fake=fake), facts)  # fmt: skip
            levels[result["maturity"]["level"]] += 1
            flagged += bool(result["red_flags"])
        assert len(levels) >= 4, (definition["key"], levels)
        assert max(levels.values()) < 0.6 * 150, (definition["key"], levels)
        assert flagged < 0.25 * 150
