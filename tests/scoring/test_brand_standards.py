"""Brand and standards content (issue 22): the supplier path, coverage scoring, programmes."""

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.questionnaires.definition import questions
from app.questionnaires.loader import QUESTIONNAIRES, QuestionnaireError, load_file, load_text
from app.scoring import score
from tests.scoring.ladders import everywhere

BRAND = load_file(QUESTIONNAIRES / "brand.yaml")
STANDARDS = load_file(QUESTIONNAIRES / "standards.yaml")
QUALITY = load_file(QUESTIONNAIRES / "quality.yaml")
# A parts maker for a car plant (C3670) and a towel maker (C1772), both small.
PARTS = {"industry": "C3670", "size": "small"}
TOWELS = {"industry": "C1772", "size": "small"}
# The questions whose answers assume a consumer brand; a supplier must never see them.
OWN_BRAND_ONLY = {
    "brand_strategy",
    "own_brand_share",
    "trademark_coverage",
    "brand_sales_trend",
    "brand_reach_trend",
}


def status(result: dict) -> dict:
    return {t["question"]: t["status"] for t in result["trace"]}


def as_model(definition: dict, rung: int, model: str, wide: bool = False) -> dict:
    return everywhere(definition, rung, wide=wide) | {"business_model": model}


@pytest.mark.parametrize("wide", [False, True])
@pytest.mark.parametrize("rung", [0, 1, 2, 3, 4])
def test_a_supplier_scores_the_same_as_an_own_brand_firm_on_the_same_rung(rung, wide):
    own = score(BRAND, as_model(BRAND, rung, "own_brand", wide), PARTS)
    supplier = score(BRAND, as_model(BRAND, rung, "supplier", wide), PARTS)
    assert supplier["overall"] == own["overall"]
    if rung:  # on rung 0 the red-flag-free weakest answer of ip_record scores 1, on both paths
        assert own["overall"] == 25.0 * rung
    assert supplier["maturity"]["level"] == own["maturity"]["level"]
    assert [d["score"] for d in supplier["dimensions"]] == [d["score"] for d in own["dimensions"]]


def test_a_supplier_answering_the_top_rung_everywhere_reaches_level_5_like_an_own_brand_firm():
    own = score(BRAND, as_model(BRAND, 4, "own_brand"), PARTS)
    supplier = score(BRAND, as_model(BRAND, 4, "supplier"), PARTS)
    assert supplier["overall"] == own["overall"] == 100.0
    assert supplier["maturity"]["level"] == own["maturity"]["level"] == 5


def test_a_supplier_never_sees_the_questions_that_assume_a_consumer_brand():
    result = score(BRAND, as_model(BRAND, 3, "supplier", wide=True), PARTS)
    shown = {q for q, s in status(result).items() if s != "hidden"}
    assert OWN_BRAND_ONLY.isdisjoint(shown)
    assert {"company_brand_strategy", "supplier_rating", "customer_recognition"} <= shown
    assert "customer_reach_trend" in shown


def test_an_own_brand_firm_never_sees_the_supplier_questions():
    result = score(BRAND, as_model(BRAND, 3, "own_brand", wide=True), TOWELS)
    hidden = {q for q, s in status(result).items() if s == "hidden"}
    supplier_only = {
        "company_brand_strategy",
        "supplier_rating",
        "customer_recognition",
        "customer_reach_trend",
    }
    assert supplier_only <= hidden
    assert OWN_BRAND_ONLY.isdisjoint(hidden)


def test_the_reviews_supplier_at_deployed_everywhere_scores_75_not_51():
    # The review: level 3 everywhere is 75.0, and "no own brand" dropped the same firm to 51.0.
    result = score(BRAND, as_model(BRAND, 3, "supplier"), PARTS)
    assert result["overall"] == 75.0
    assert result["maturity"]["level"] == 3


def test_paired_questions_carry_the_same_weight_dimension_and_kind():
    qs = {q["id"]: q for _, q in questions(BRAND)}
    pairs = [
        ("brand_strategy", "company_brand_strategy"),
        ("own_brand_share", "supplier_rating"),
        ("brand_sales_trend", "customer_recognition"),
        ("brand_reach_trend", "customer_reach_trend"),
    ]
    for own, supplier in pairs:
        assert (qs[own]["weight"], qs[own]["dimension"], qs[own]["kind"]) == (
            qs[supplier]["weight"],
            qs[supplier]["dimension"],
            qs[supplier]["kind"],
        )


def test_trademarks_count_by_use_on_main_products_not_by_number_of_registrations():
    ids = {q["id"] for _, q in questions(BRAND)}
    assert "trademark_count" not in ids
    coverage = next(q for _, q in questions(BRAND) if q["id"] == "trademark_coverage")
    assert (coverage["min"], coverage["max"], coverage["unit"]["zh"]) == (0, 100, "%")
    base = as_model(BRAND, 4, "own_brand")
    full = score(BRAND, base, TOWELS)
    half = score(BRAND, base | {"trademark_coverage": 50}, TOWELS)
    assert full["overall"] > half["overall"]


@pytest.mark.parametrize(
    "definition", [BRAND, STANDARDS, QUALITY], ids=["brand", "standards", "quality"]
)
def test_no_option_or_recommendation_points_to_a_programme_that_no_longer_runs(definition):
    # The help may name one as the clause's history; what the firm picks or is told to do may not.
    dead = (
        "商标战略实施示范",
        "无公害农产品",
        "品牌培育试点",
        "知名品牌创建示范",
        "一标两市",
        "千名民营企业家后备人才培养计划",
    )
    for _, q in questions(definition):
        texts = [q["text"]["zh"]]
        for o in q.get("options") or []:
            texts.append(o["text"]["zh"])
            texts.append((o["recommendation"] or {}).get("text", {}).get("zh", ""))
        for b in q.get("bands") or []:
            texts.append((b["recommendation"] or {}).get("text", {}).get("zh", ""))
        for rec in (q.get("recommendations") or {}).values():
            texts.append(rec["text"]["zh"])
        for text in texts:
            assert not any(name in text for name in dead), (q["id"], text)


def test_descriptions_name_todays_basis_and_keep_the_2016_trace():
    for definition in (BRAND, STANDARDS, QUALITY):
        zh = definition["description"]["zh"]
        assert "《河北省质量强省建设行动方案（2023—2027年）》" in zh
        assert "冀政办字〔2016〕86号" in zh
        assert "2016年行动计划" not in zh


# --- standards: the declared-standards list is scored against the main products -----------

CLEAN = {"code": "GB/T 22864-2009", "name": "毛巾", "disclosed": True}
UNDECLARED = [
    {"code": f"GB/T 2280{i}-2009", "name": "星级饭店用纺织品", "disclosed": False} for i in range(3)
]


def list_trace(answers: dict, facts=TOWELS) -> tuple[dict, list]:
    result = score(STANDARDS, answers, facts)
    trace = next(t for t in result["trace"] if t["question"] == "declared_standards")
    sources = [
        r["source"] for r in result["recommendations"] if r["question"] == "declared_standards"
    ]
    return trace, sources


def test_one_clean_entry_for_four_main_products_scores_a_quarter_not_full_marks():
    trace, sources = list_trace({"main_product_count": 4, "declared_standards": [CLEAN]})
    assert trace["points"] == 1.0
    assert "uncovered" in sources


def test_listing_undeclared_standards_honestly_scores_no_less_than_leaving_them_out():
    left_out, _ = list_trace({"main_product_count": 4, "declared_standards": [CLEAN]})
    honest, sources = list_trace(
        {"main_product_count": 4, "declared_standards": [CLEAN, *UNDECLARED]}
    )
    assert honest["points"] == left_out["points"] == 1.0
    assert "not_disclosed" in sources and "uncovered" not in sources


def test_a_list_longer_than_the_count_is_measured_against_its_own_length():
    trace, sources = list_trace(
        {"main_product_count": 1, "declared_standards": [CLEAN, UNDECLARED[0]]}
    )
    assert trace["points"] == 2.0
    assert "uncovered" not in sources


def test_every_main_product_covered_by_a_clean_entry_scores_full_marks():
    entries = [dict(CLEAN, code=f"GB/T 2286{i}-2009") for i in range(3)]
    trace, sources = list_trace({"main_product_count": 3, "declared_standards": entries})
    assert trace["points"] == 4.0
    assert sources == []


def test_coverage_of_must_name_an_earlier_whole_number_question():
    text = (QUESTIONNAIRES / "standards.yaml").read_text(encoding="utf-8")
    broken = text.replace("coverage_of: main_product_count", "coverage_of: self_declaration")
    with pytest.raises(QuestionnaireError) as caught:
        load_text(broken, "standards.yaml")
    assert any(
        p.question_id == "declared_standards" and p.field == "coverage_of"
        for p in caught.value.problems
    )


def test_coverage_of_requires_an_uncovered_recommendation():
    text = (QUESTIONNAIRES / "standards.yaml").read_text(encoding="utf-8")
    start = text.index("          uncovered:")
    end = text.index("\n\n", start)
    with pytest.raises(QuestionnaireError) as caught:
        load_text(text[:start] + text[end:], "standards.yaml")
    assert any(p.question_id == "declared_standards" for p in caught.value.problems)


def test_a_definition_without_coverage_of_keeps_the_old_share_of_clean_entries():
    old = copy.deepcopy(STANDARDS)
    for _, q in questions(old):
        if q["id"] == "declared_standards":
            q["coverage_of"] = None
            del q["recommendations"]["uncovered"]
    result = score(old, {"main_product_count": 4, "declared_standards": [CLEAN]}, TOWELS)
    trace = next(t for t in result["trace"] if t["question"] == "declared_standards")
    assert trace["points"] == 4.0


# --- standards: who is asked what -------------------------------------------------------


def shown(answers: dict, facts: dict) -> set:
    result = score(STANDARDS, answers, facts)
    return {t["question"] for t in result["trace"] if t["status"] != "hidden"}


def test_same_line_same_standard_is_asked_of_every_exporter_not_only_food():
    # Read from the enterprise profile: exports, or cross-border e-commerce sales.
    def profile(**answers):
        return {**PARTS, "profile": answers}

    assert "one_standard_two_markets" in shown({}, profile(business=["export"]))
    assert "one_standard_two_markets" in shown({}, profile(sales_channels=["cross_border"]))
    assert "one_standard_two_markets" not in shown({}, profile(sales_channels=["online"]))
    assert "one_standard_two_markets" not in shown({}, PARTS)


def test_service_firms_are_asked_about_service_standards_and_manufacturers_are_not():
    assert "service_standards" in shown({}, {"industry": "F5211"})
    assert "service_standards" in shown({}, {"industry": "L7240"})
    assert "service_standards" not in shown({}, TOWELS)


def test_a_hebei_forerunner_listing_counts_like_a_national_one():
    forerunner = next(q for _, q in questions(STANDARDS) if q["id"] == "forerunner")
    listed = next(o for o in forerunner["options"] if o["id"] == "listed")
    assert "河北省" in listed["text"]["zh"] and listed["points"] == 3


@settings(max_examples=60, deadline=None)
@given(
    count=st.integers(min_value=1, max_value=50),
    clean=st.integers(min_value=0, max_value=6),
    undeclared=st.integers(min_value=1, max_value=6),
)
def test_within_the_count_leaving_an_undeclared_standard_off_never_raises_the_score(
    count, clean, undeclared
):
    entries = [dict(CLEAN, code=f"GB/T 2286{i}-2009") for i in range(clean)]
    gaps = [dict(UNDECLARED[0], code=f"GB/T 3280{i}-2009") for i in range(undeclared)]
    honest, _ = list_trace({"main_product_count": count, "declared_standards": entries + gaps})
    # Trace points are rounded half up to two places.
    assert abs(honest["points"] - 4 * clean / max(clean + undeclared, count)) <= 0.005 + 1e-9
    if entries and clean + undeclared <= count:
        trimmed, _ = list_trace({"main_product_count": count, "declared_standards": entries})
        assert trimmed["points"] == honest["points"]
