"""The report's context from a submission: answers in words, findings, the peer benchmark."""

from app.reports.answer_text import answer_text
from app.reports.build import benchmark_summary, cohort_label, peer_medians

SINGLE = {
    "type": "single",
    "options": [
        {"id": "none", "text": {"zh": "未开展", "en": "Not done"}},
        {"id": "done", "text": {"zh": "已开展"}},
    ],
}
MULTIPLE = {**SINGLE, "type": "multiple"}
PERCENT = {"type": "number", "unit": {"zh": "%"}}
PEOPLE = {"type": "number", "unit": {"zh": "人", "en": "people"}}
STANDARDS = {"type": "standard_list"}


def test_answers_read_as_words_in_the_report_language():
    assert answer_text(SINGLE, "none", "zh") == "未开展"
    assert answer_text(SINGLE, "none", "en") == "Not done"
    assert answer_text(SINGLE, "done", "en") == "已开展"  # no English: the Chinese text
    assert answer_text(MULTIPLE, ["none", "done"], "zh") == "未开展；已开展"
    assert answer_text(PERCENT, 12.5, "zh") == "12.5%"
    assert answer_text(PEOPLE, 1386, "zh") == "1,386 人"
    assert answer_text(PEOPLE, 3, "en") == "3 people"
    assert answer_text({"type": "text"}, "按计划推进", "zh") == "按计划推进"
    assert answer_text(SINGLE, None, "zh") == "未作答"
    assert answer_text(STANDARDS, [], "zh") == "未列出任何标准"


def test_a_standard_names_the_gaps_it_has():
    own = {
        "code": "Q/TSRF 001-2024",
        "name": "清水离心泵",
        "disclosed": True,
        "indicators_disclosed": True,
        "test_methods_disclosed": False,
    }
    national = {"code": "GB/T 5656-2008", "name": "离心泵 技术条件", "disclosed": False}
    text = answer_text(STANDARDS, [own, national], "zh")
    assert text.split("；") == [
        "Q/TSRF 001-2024 清水离心泵（已公开，未写明检验方法）",
        "GB/T 5656-2008 离心泵 技术条件（未公开）",
    ]
    assert (
        answer_text(STANDARDS, [national], "en") == "GB/T 5656-2008 离心泵 技术条件 (not disclosed)"
    )


AGGREGATES_BENCHMARK = {
    "cohort": {"industry": "C17", "region": "130100", "label": "石家庄市 · 纺织业"},
    "n": 12,
    "percentile": 75,
    "overall": {"mean": 50.1, "median": 48.0},
    "dimensions": [
        {"key": "leadership", "cohort_mean": 40.0, "cohort_median": 41.7},
        {"key": "system", "cohort_mean": None, "cohort_median": None},
    ],
    "snapshot": {"id": 3, "taken_at": "2026-11-01T00:00:00+00:00"},
}


def test_the_benchmark_of_app_aggregates_becomes_the_reports_peer_figures():
    assert peer_medians(AGGREGATES_BENCHMARK) == {"leadership": 41.7}
    assert benchmark_summary(AGGREGATES_BENCHMARK, "zh") == {
        "cohort_label": "石家庄市纺织业",
        "n": 12,
        "quartile": 4,
        "median": 48.0,
    }
    too_few_to_place = {**AGGREGATES_BENCHMARK, "percentile": None}
    assert benchmark_summary(too_few_to_place, "zh")["quartile"] is None
    assert benchmark_summary(None, "zh") is None
    assert peer_medians(None) == {}


def test_cohort_labels():
    assert cohort_label({"region": "130000", "industry": None}, "zh") == "河北省全部行业"
    assert cohort_label({"region": "130000", "industry": "C"}, "zh") == "河北省制造业"
    assert cohort_label({"region": "130100", "industry": "C17"}, "en") == (
        "industry C17 (纺织业), Shijiazhuang"
    )
