"""A red flag standing in one questionnaire keeps level 5 out of reach in the others."""

from sqlalchemy import select

from app.assessments.models import Assessment, Submission
from app.db import db
from tests.fixtures.actors import COMPLETE_PROFILE
from tests.fixtures.answering import complete_answers

USES_EQUIPMENT = {**COMPLETE_PROFILE, "business": ["special_equipment"]}


def file(company, definition, key, given=None) -> dict:
    """The questionnaire filled at its best (but for `given`) and submitted: its result."""
    answers = complete_answers(definition(key), company.facts, "best", given)
    assessment = company.submit(company.fill(key, answers))
    url = f"/api/v1/assessments/{assessment['id']}/result"
    return {"id": assessment["id"], **company.client.get(url, headers=company.headers).get_json()}


def test_unregistered_special_equipment_keeps_the_brand_result_from_the_benchmark_level(
    make_enterprise, definition
):
    clean = make_enterprise(profile=USES_EQUIPMENT)
    file(clean, definition, "quality")
    benchmark = file(clean, definition, "brand")
    assert benchmark["maturity"]["level"] == 5

    flagged = make_enterprise(profile=USES_EQUIPMENT)
    quality = file(flagged, definition, "quality", {"special_equipment": "unregistered"})
    assert quality["capped"] is True
    assert [f["question"] for f in quality["red_flags"]] == ["special_equipment"]
    brand = file(flagged, definition, "brand")
    assert brand["capped"] is False  # the flag caps its own questionnaire, not this one
    assert brand["overall"] == benchmark["overall"]  # the same answers, the same score
    assert brand["maturity"]["level"] == 4
    assert brand["maturity"]["limited_by"] == ["red_flag_elsewhere"]
    # Frozen with the submission: a later quality filing never changes this result.
    frozen = db.session.scalar(
        select(Submission.facts).where(Submission.assessment_id == brand["id"])
    )
    assert frozen["red_flags_elsewhere"] == [
        {"questionnaire": "quality", "question": "special_equipment", "option": "unregistered"}
    ]


def test_the_profiles_red_lines_are_not_counted_twice(make_enterprise, definition):
    listed = make_enterprise(profile={**COMPLETE_PROFILE, "dishonesty_list": "listed"})
    assert file(listed, definition, "quality")["capped"] is True
    brand = file(listed, definition, "brand")
    assert brand["maturity"]["limited_by"] == ["red_flag"]  # its own cap, from the profile
    frozen = db.session.scalar(
        select(Submission.facts).where(Submission.assessment_id == brand["id"])
    )
    assert "red_flags_elsewhere" not in frozen


def test_a_flag_from_a_filing_older_than_last_year_no_longer_counts(make_enterprise, definition):
    """Spot checks and accidents are asked over two years; so is the window for other filings."""
    firm = make_enterprise(profile=USES_EQUIPMENT)
    quality = file(firm, definition, "quality", {"special_equipment": "unregistered"})
    filed = db.session.get(Assessment, quality["id"])
    filed.year -= 2  # filed two campaigns ago, not since
    db.session.commit()
    assert file(firm, definition, "brand")["maturity"]["level"] == 5
