"""Answer values against their question's type, and the entries of a standards list."""

from pathlib import Path

import pytest

from app.questionnaires.answers import check_answer
from app.questionnaires.definition import question_map
from app.questionnaires.loader import load_file
from app.scoring import validate_standard_entry

REALISTIC = Path(__file__).resolve().parents[1] / "scoring" / "fixtures" / "realistic.yaml"
Q = question_map(load_file(REALISTIC))
GOOD_ENTRY = {"code": "GB/T 19001-2016", "name": "质量管理体系 要求", "disclosed": True}


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("cqo", "board"),
        ("reliability", "no_design"),
        ("qc_activities", ["qc_circle", "diagnosis"]),
        ("qc_activities", ["none"]),
        ("qc_activities", []),
        ("qc_projects", 0),
        ("qc_projects", 1000),
        ("qc_projects", 3.0),
        ("traceable_share", 33.3),
        ("employees", 10**6),
        ("about", "主要生产毛巾。"),
        ("declared_standards", [GOOD_ENTRY]),
        ("declared_standards", []),
        ("cqo", None),
    ],
)
def test_acceptable_answers(question, value):
    assert check_answer(Q[question], value) is None


@pytest.mark.parametrize(
    ("question", "value", "code", "en"),
    [
        ("cqo", "ceo", "not_an_option", "must be one of the options: none, informal, appointed"),
        ("cqo", ["board"], "not_an_option", "must be one of the options"),
        ("qc_activities", "qc_circle", "not_a_list", "must be a list of option ids"),
        ("qc_activities", ["qc_circle", "nope"], "not_an_option", "no such option: nope"),
        ("qc_activities", ["qc_circle", "qc_circle"], "repeated_option", "listed twice: qc_circle"),
        ("qc_activities", ["none", "qc_circle"], "exclusive_option", "option none cannot be"),
        ("qc_projects", "3", "not_a_number", "must be a number"),
        ("qc_projects", True, "not_a_number", "must be a number"),
        ("qc_projects", float("nan"), "not_a_number", "must be a number"),
        ("qc_projects", 2.5, "not_whole", "must be a whole number"),
        ("qc_projects", -1, "below_min", "must be at least 0"),
        ("qc_projects", 1001, "above_max", "must be at most 1000"),
        ("about", 12, "not_text", "must be text"),
        ("about", "字" * 501, "too_long", "must be at most 500 characters, got 501"),
        ("declared_standards", GOOD_ENTRY, "not_a_list", "must be a list of standards"),
        ("declared_standards", [GOOD_ENTRY] * 51, "too_many", "at most 50 standards"),
        ("declared_standards", [GOOD_ENTRY] * 2, "repeated_standard", "GB/T 19001-2016"),
        (
            "declared_standards",
            [{**GOOD_ENTRY, "code": "ISO 9001"}],
            "bad_standard",
            "entry 1, code",
        ),
    ],
)
def test_rejected_answers_name_what_is_wrong(question, value, code, en):
    error = check_answer(Q[question], value)
    assert error is not None and error["code"] == code
    assert en in error["en"]
    assert error["zh"] and error["zh"] != error["en"]


@pytest.mark.parametrize(
    "code",
    [
        "GB 4806.7-2016",
        "GB/T 19001-2016",
        "GB/Z 19579-2012",
        "GB/T19001-2016",
        "JB/T 1234-2015",
        "QB/T 1234.2-2019",
        "FZ/T 62006-2020",
        "HG/T 2006-2006",
        "YB/T 4001-2019",
        "SN/T 1234-2018",
        "JB 1234-2015",
        "DB13/T 1234-2020",
        "DB13 1234-2020",
        "T/CAS 290-2017",
        "T/CAQ 10201—2020",
        "Q/SJZ 001-2024",
        "Q/HBWS 0001S-2019",
    ],
)
def test_standard_codes_accepted(code):
    entry = {**GOOD_ENTRY, "code": code}
    if code.startswith("Q/"):
        entry |= {"indicators_disclosed": True, "test_methods_disclosed": False}
    assert validate_standard_entry(entry) == {}


@pytest.mark.parametrize(
    "code",
    [
        "GB/T 19001",
        "ISO 9001:2015",
        "gb/t 19001-2016",
        "GB/T 19001-16",
        "T/ 290-2017",
        "Q/-2024",
        "",
    ],
)
def test_standard_codes_rejected(code):
    assert set(validate_standard_entry({**GOOD_ENTRY, "code": code})) == {"code"}


def test_standard_entry_fields():
    assert set(validate_standard_entry("GB/T 19001-2016")) == {"entry"}
    errors = validate_standard_entry({"code": "Q/SJZ 001-2024", "name": " ", "colour": "red"})
    assert set(errors) == {
        "name",
        "colour",
        "disclosed",
        "indicators_disclosed",
        "test_methods_disclosed",
    }
    assert errors["disclosed"] == {"zh": "缺少此项（是/否）", "en": "missing (true or false)"}
    errors = validate_standard_entry({**GOOD_ENTRY, "below_recommended": "yes"})
    assert set(errors) == {"below_recommended"}
