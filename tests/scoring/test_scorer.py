"""The scorer on worked examples whose figures were computed by hand."""

import json
import re
from pathlib import Path

import pytest

from app.questionnaires.loader import load_file, load_text
from app.scoring import score

ROOT = Path(__file__).resolve().parents[2]
REALISTIC = load_file(Path(__file__).parent / "fixtures" / "realistic.yaml")
SMALL_TOWEL_MAKER = {"industry": "C1772", "size": "small"}
Q_STANDARD = {
    "code": "Q/SJZ 001-2024",
    "name": "毛巾",
    "disclosed": True,
    "indicators_disclosed": True,
    "test_methods_disclosed": False,
}
GB_STANDARD = {"code": "GB/T 22864-2009", "name": "毛巾", "disclosed": True}
ANSWERS = {
    "sales_channels": ["offline"],
    "cqo": "appointed",  # 2 of 4, weight 3
    "qms": "certified",  # 2 of 4, weight 2
    "qc_activities": ["qc_circle", "diagnosis"],  # 3 of 4, weight 2
    "qc_projects": 1,  # band 1–2: 2 of 4, weight 1
    "reliability": "no_design",  # not applicable
    "declared_standards": [GB_STANDARD, Q_STANDARD],  # one of two without a gap
    # group_standards unanswered: applies, scores 0 (weight 1)
    "spot_check": "passed",  # 3 of 4, weight 2
    "incidents": ["none"],  # 4 of 4, weight 1
}


def result_for(answers=ANSWERS, facts=SMALL_TOWEL_MAKER, **kw):
    return score(REALISTIC, answers, facts, **kw)


def test_dimension_scores_renormalise_over_applicable_questions():
    dims = {d["key"]: d for d in result_for()["dimensions"]}
    assert dims["leadership"]["score"] == 50.0  # cqo_routine hidden: cqo is not trained
    assert dims["methods"]["score"] == 60.0  # (2·.5 + 2·.75 + 1·.5) / 5, reliability N/A
    assert dims["standards"]["score"] == 33.3  # (2·.5 + 1·0) / 3, one_standard hidden
    assert dims["safety"]["score"] == 83.3  # (2·.75 + 1·1) / 3, traceability hidden
    assert dims["methods"]["applicable_questions"] == 3
    assert dims["safety"]["weight"] == 20


def test_overall_is_the_weighted_mean_of_dimensions():
    result = result_for()
    # (30·50 + 30·60 + 20·33.33 + 20·83.33) / 100
    assert result["overall"] == 56.3
    assert result["overall_uncapped"] == 56.3
    assert result["capped"] is False
    assert result["scoring_model"] == 2
    assert result["maturity"]["level"] == 2  # 56.3 is below the level-3 anchor 62.5
    assert result["maturity"]["label"] == {"zh": "基础", "en": "Foundation"}
    # Model 1 (fifths of the score) still gives what it gave, for results it froze.
    old = result_for(model=1)
    assert old["scoring_model"] == 1 and old["overall"] == 56.3
    assert old["maturity"]["level"] == 3
    assert old["maturity"]["label"] == {"zh": "体系稳定级", "en": "Stable formal system"}


def test_recommendations_rank_by_gain_then_questionnaire_order():
    recs = result_for()["recommendations"]
    assert [(r["question"], r["source"], r["gain"]) for r in recs] == [
        ("cqo", "appointed", 15.0),
        ("declared_standards", "test_methods", 6.7),
        ("group_standards", "none", 6.7),  # unanswered: the weakest option's advice
        ("qms", "certified", 6.0),
        ("spot_check", "passed", 3.3),
        ("qc_activities", "trusted_team", 3.0),  # what was not chosen
        ("qc_activities", "benchmarking", 3.0),
        ("qc_projects", "bands[1]", 3.0),
    ]
    first = recs[0]
    assert first["question_text"]["zh"] == "是否设立首席质量官或质量安全总监？"
    assert first["clause"] == ["四（三）"]
    assert first["departments"][1] == {
        "dept_2016": "省人力资源社会保障厅",
        "dept_current": "河北省人力资源和社会保障厅",
    }


def test_trace_contributions_add_up_to_the_overall():
    result = result_for()
    trace = {t["question"]: t for t in result["trace"]}
    assert sum(t["contribution"] for t in trace.values()) == pytest.approx(56.333, abs=0.002)
    assert trace["cqo"] == {
        "question": "cqo",
        "dimension": "leadership",
        "status": "answered",
        "applicable": True,
        "points": 2.0,
        "max_points": 4,
        "weight": 3,
        "contribution": 15.0,
    }
    assert trace["reliability"]["status"] == "not_applicable"
    assert trace["traceability"]["status"] == "hidden"
    assert trace["group_standards"]["status"] == "unanswered"
    assert trace["group_standards"]["applicable"] is True
    assert trace["declared_standards"]["points"] == 2.0
    assert "sales_channels" not in trace and "about" not in trace  # weight 0


def test_red_flag_caps_overall_and_level():
    result = result_for(ANSWERS | {"spot_check": "failed_open"})
    assert result["overall_uncapped"] == 46.3
    assert result["overall"] == 40.0
    assert result["capped"] is True
    assert result["maturity"]["level"] == 2  # 40.0 alone would be level 3
    assert result["red_flags"] == [
        {
            "question": "spot_check",
            "option": "failed_open",
            "text": {"zh": "存在未整改的监督抽查不合格", "en": "An unrectified spot-check failure"},
        }
    ]


def test_red_flag_below_the_cap_keeps_the_score():
    answers = {"incidents": ["accident", "penalty"], "spot_check": "failed_fixed"}
    result = result_for(answers)
    assert result["capped"] is True
    assert result["overall"] == result["overall_uncapped"] < 40
    recs = [(r["question"], r["source"]) for r in result["recommendations"]]
    assert ("incidents", "accident") in recs  # a chosen zero-point option advises


def test_multiple_sums_points_up_to_max_points():
    everything = ["qc_circle", "trusted_team", "diagnosis", "benchmarking"]  # 5 points, cap 4
    trace = {t["question"]: t for t in result_for(ANSWERS | {"qc_activities": everything})["trace"]}
    assert trace["qc_activities"]["points"] == 4.0


def test_number_bands_and_hidden_dependants():
    facts = {"industry": "C1451", "size": "small"}  # food: traceability shown
    answers = ANSWERS | {"traceability": "batch", "traceable_share": 50}
    trace = {t["question"]: t for t in result_for(answers, facts)["trace"]}
    assert trace["traceable_share"]["points"] == 0.0  # 50 is in the first band [0, 50]
    answers["traceable_share"] = 50.01
    trace = {t["question"]: t for t in result_for(answers, facts)["trace"]}
    assert trace["traceable_share"]["points"] == 2.0
    answers["traceability"] = "paper"  # traceable_share hidden again: its answer is ignored
    trace = {t["question"]: t for t in result_for(answers, facts)["trace"]}
    assert trace["traceable_share"]["status"] == "hidden"


def test_standard_list_gaps():
    below = {**GB_STANDARD, "below_recommended": True, "disclosed": False}
    result = result_for(ANSWERS | {"declared_standards": [below]})
    sources = [
        r["source"] for r in result["recommendations"] if r["question"] == "declared_standards"
    ]
    assert sources == ["not_disclosed", "below_recommended"]
    result = result_for({k: v for k, v in ANSWERS.items() if k != "declared_standards"})
    sources = [
        r["source"] for r in result["recommendations"] if r["question"] == "declared_standards"
    ]
    assert sources == ["empty"]


def test_answers_that_do_not_fit_are_ignored():
    bad = ANSWERS | {"cqo": "ceo", "qc_projects": -3, "unknown_question": "x"}
    trace = {t["question"]: t for t in result_for(bad)["trace"]}
    assert trace["cqo"]["status"] == "unanswered"
    assert trace["qc_projects"]["status"] == "unanswered"


def test_best_and_worst_answers():
    best = {
        "cqo": "board",
        "cqo_routine": "yes",
        "qms": "excellence",
        "qc_activities": ["qc_circle", "trusted_team", "diagnosis"],
        "qc_projects": 7,
        "reliability": "field",
        "declared_standards": [GB_STANDARD],
        "group_standards": "lead",
        "spot_check": "passed_plus",
        "incidents": ["none"],
    }
    result = result_for(best)
    assert (result["overall"], result["maturity"]["level"], result["recommendations"]) == (
        100.0,
        5,
        [],
    )
    result = result_for({})
    assert (result["overall"], result["maturity"]["level"]) == (0.0, 1)


def test_a_dimension_with_nothing_applicable_is_null_and_left_out():
    doc = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    example = load_text(re.search(r"```yaml\n(version: 1.*?)```", doc, re.S).group(1), "doc")
    result = score(example, {"sales_channels": ["offline"], "cqo": "appointed"}, {})
    # online_id is hidden, so "methods" has no applicable question and leadership carries it all.
    assert [d["score"] for d in result["dimensions"]] == [100.0, None]
    assert result["overall"] == 100.0
    result = score(example, {"sales_channels": ["online"], "cqo": "appointed"}, {})
    assert [d["score"] for d in result["dimensions"]] == [100.0, 0.0]
    assert result["overall"] == 50.0


def test_result_is_deterministic_json_and_names_the_version():
    first = result_for(version=3)
    assert first["questionnaire"] == {"key": "realistic", "version": 3}
    assert "version" not in result_for()["questionnaire"]
    again = result_for(version=3)
    assert json.dumps(first, sort_keys=True) == json.dumps(again, sort_keys=True)
    assert json.loads(json.dumps(first)) == first
