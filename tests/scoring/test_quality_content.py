"""The quality questionnaire after the domain review of 2026-12 (issue 22): content and scores."""

import re

import pytest

from app.questionnaires.conditions import visible_questions
from app.questionnaires.definition import question_map
from app.questionnaires.loader import QUESTIONNAIRES, load_file
from app.scoring import score
from tests.scoring.ladders import everywhere, with_profile

QUALITY = load_file(QUESTIONNAIRES / "quality.yaml")
BY_ID = question_map(QUALITY)
SERVICE = ("service_standards", "service_certification", "service_quality_trend")


def zh(text) -> str:
    return text["zh"] if isinstance(text, dict) else ""


def option(question_id: str, option_id: str) -> dict:
    return next(o for o in BY_ID[question_id]["options"] if o["id"] == option_id)


def top(question_id: str) -> dict:
    return max(BY_ID[question_id]["options"], key=lambda o: o["points"])


def texts(question: dict) -> str:
    """Every Chinese text of a question: the question, its help, options and recommendations."""
    parts = [zh(question["text"]), zh(question["help"])]
    for o in question.get("options") or []:
        parts += [zh(o["text"]), zh((o["recommendation"] or {}).get("text"))]
    for b in question.get("bands") or []:
        parts.append(zh((b["recommendation"] or {}).get("text")))
    return "\n".join(parts)


def shown(facts: dict, **answers) -> list[str]:
    base = everywhere(QUALITY, 4, wide=True)
    return visible_questions(QUALITY, base | answers, facts)


# --- today's legal basis: 令60/74/75/76 ----------------------------------------------------


def test_cqo_asks_for_the_quality_safety_director_of_order_75_and_76():
    cqo = BY_ID["cqo"]
    assert zh(cqo["text"]) == "企业是否按规定配备质量安全总监（或首席质量官），并以文件明确其职责？"
    assert "第75号" in zh(cqo["help"]) and "第76号" in zh(cqo["help"])
    assert "涉及人身健康和生命财产安全并有强制性国家标准要求" in zh(cqo["help"])
    # The firm trains and assesses; the regulator spot-checks; there is no "veto" in the order.
    level3 = option("cqo", "trained")
    assert zh(level3["text"]).startswith("书面任命，职责写入制度，经企业培训考核并保留记录")
    assert "任职培训" not in texts(cqo)
    assert "一票否决" not in texts(cqo)


def test_the_daily_weekly_monthly_routine_names_the_order_for_each_kind_of_firm():
    routine = zh(BY_ID["safety_routine"]["help"])
    assert all(f"第{n}号" in routine for n in (60, 74, 75, 76))
    assert "第60号" in texts(BY_ID["food_safety"]) and "日管控" in texts(BY_ID["food_safety"])
    assert "第74号" in texts(BY_ID["special_equipment"])
    assert "安全员" in zh(option("special_equipment", "compliant")["text"])
    assert "周排查" in zh(option("special_equipment", "hazard_checks")["text"])


@pytest.mark.parametrize(
    ("industry", "asked"),
    [
        ("C1320", False),  # 饲料加工: feed is not food
        ("C1329", False),
        ("C1311", True),
        ("C1351", True),
        ("C1410", True),
        ("C1512", True),
        ("C3670", False),
    ],
)
def test_food_safety_is_asked_of_food_makers_and_not_of_feed_mills(industry, asked):
    # Not a food business by the profile: only the industry code can ask it.
    facts = with_profile({"industry": industry}, business=["licensed"], licence_status="valid")
    assert ("food_safety" in shown(facts)) is asked
    # A firm whose profile says food is asked wherever it is registered, feed mills aside.
    food = with_profile({"industry": "C3670"}, business=["food"])
    assert "food_safety" in shown(food)


# --- answers that cannot be gamed ----------------------------------------------------------


def test_qc_projects_are_scored_per_100_staff():
    assert BY_ID["qc_projects"]["per"] == {"of": "staff_count", "scale": 100}
    best = everywhere(QUALITY, 4, wide=True)

    def points(staff: int, projects: int) -> float:
        # The headcount is the profile's (answered once, frozen at submit).
        facts = with_profile({"industry": "C3670", "size": "large"}, True, staff_count=staff)
        answers = best | {"qc_projects": projects}
        trace = {t["question"]: t for t in score(QUALITY, answers, facts)["trace"]}
        return trace["qc_projects"]["points"]

    # Six projects used to be full marks whatever the size; now it depends on the headcount.
    assert points(3000, 6) == 2
    assert points(200, 6) == 4
    assert points(40, 1) == 4
    assert points(150, 0) == 0


def test_no_unaccredited_rating_or_self_awarded_title_is_a_top_rung():
    excellence = zh(top("excellence")["text"])
    assert "第三方评价" not in excellence and "第4级" not in excellence
    assert "政府质量奖（含提名奖）" in excellence
    skills = zh(top("skills")["text"])
    assert "企业自行评选的不算" in skills
    assert "企业开展“质量工匠”评选" not in texts(BY_ID["skills"])


def test_qms_level_4_is_reachable_by_a_single_system_sme():
    level4 = zh(top("qms")["text"])
    assert "整合" not in level4 and "IATF" not in level4 and "行业质量管理体系认证" not in level4
    assert "GB/T 19004" in level4 and "绩效指标" in level4


# --- options not left out, wording fixed --------------------------------------------------


def test_an_unrepaired_other_penalty_has_its_own_option_without_a_red_line():
    unrepaired = option("credit_record", "other_open")
    assert unrepaired["points"] == 1 and unrepaired["red_flag"] is None
    assert "尚未修复或移出" in zh(unrepaired["text"])
    ids = [o["id"] for o in BY_ID["credit_record"]["options"]]
    assert ids.index("other_open") < ids.index("other_record")


def test_integrity_procedures_follow_the_law_rather_than_write_in_punitive_damages():
    assert "包括惩罚性赔偿在内" not in texts(BY_ID["integrity_mgmt"])
    documented = zh(option("integrity_mgmt", "documented")["text"])
    assert "《消费者权益保护法》《产品质量法》" in documented and "处理时限" in documented
    assert "《消费者权益保护法》" in zh(option("integrity_mgmt", "none")["recommendation"]["text"])


def test_key_problem_and_field_failure_trend_read_as_the_review_proposed():
    assert zh(BY_ID["key_problem"]["text"]) == (
        "企业是否针对影响本企业产品质量的关键技术问题立项开展质量攻关？"
    )
    assert "质量异议率" in zh(BY_ID["field_failure_trend"]["text"])


# --- service firms and the Hebei cluster module -------------------------------------------


@pytest.mark.parametrize(
    ("industry", "service"),
    [("F5211", True), ("H6110", True), ("G5430", True), ("O8010", True), ("C3670", False)],
)
def test_service_firms_get_the_service_quality_questions(industry, service):
    visible = shown({"industry": industry})
    assert all((q in visible) is service for q in SERVICE)
    assert BY_ID["service_quality_trend"]["kind"] == "comparison"
    assert {c for q in SERVICE for c in BY_ID[q]["clause"]} >= {"一（一）", "四（二）"}


def test_a_service_firm_at_the_top_everywhere_reaches_level_5_and_needs_its_trend():
    facts = with_profile({"industry": "F5211", "size": "medium"}, wide=True)
    best = everywhere(QUALITY, 4, wide=True)
    result = score(QUALITY, best, facts)
    assert (result["overall"], result["maturity"]["level"]) == (100.0, 5)
    lowered = score(QUALITY, best | {"service_quality_trend": "improving"}, facts)
    assert lowered["maturity"]["level"] == 4
    assert "results_not_at_top" in lowered["maturity"]["limited_by"]


@pytest.mark.parametrize(
    ("industry", "towel", "cashmere"),
    [
        ("C1772", True, False),
        ("C1721", False, True),
        ("C1722", False, True),
        ("C1829", False, True),
        ("C1821", False, True),
        ("C1771", False, False),
        ("F5211", False, False),
    ],
)
def test_the_cluster_module_is_shown_by_industry_code(industry, towel, cashmere):
    visible = shown({"industry": industry})
    assert ("towel_release_tests" in visible) is towel
    assert ("cashmere_fibre_content" in visible) is cashmere


def test_the_cluster_questions_name_the_items_that_fail_and_the_standards_that_apply():
    towel = texts(BY_ID["towel_release_tests"])
    for item in ("纤维含量", "吸水性", "pH值", "色牢度", "GB/T 22864", "GB 18401", "GB/T 29862"):
        assert item in towel, item
    cashmere = texts(BY_ID["cashmere_fibre_content"])
    for item in ("纤维成分", "FZ/T 73009", "GB 18401", "GB/T 29862", "GB/T 16988"):
        assert item in cashmere, item
    for q in ("towel_release_tests", "cashmere_fibre_content"):
        assert "三（二）" in BY_ID[q]["clause"]


def test_a_weak_towel_maker_is_told_what_to_test():
    facts = {"industry": "C1772", "size": "small"}
    answers = everywhere(QUALITY, 4, wide=True) | {"towel_release_tests": "none"}
    result = score(QUALITY, answers, facts)
    first = result["recommendations"][0]
    assert first["question"] == "towel_release_tests"
    assert re.search("纤维含量、吸水性、pH值、色牢度", first["text"]["zh"])
