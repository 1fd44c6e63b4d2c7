"""The plan text shipped with the app: its clauses, and the departments it names."""

import re
from pathlib import Path

import pytest

from app.questionnaires.departments import (
    DEPARTMENTS,
    NOT_DEPARTMENTS,
    expand_department,
    suggest_department,
)
from app.questionnaires.plan import (
    CLAUSE_ID,
    PLAN_FILE,
    clause_departments,
    plan_clauses,
    plan_parts,
)

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "hebei-quality-plan-2016.txt"


def printed_departments() -> set[str]:
    """Every name in the plan's "（…按职责分工负责）" brackets, read independently of plan.py."""
    text = PLAN_FILE.read_text(encoding="utf-8")
    groups = re.findall(r"（([^（）]*?)按职责分工负责）", text)
    assert len(groups) == 18
    return {name for group in groups for name in group.split("、")}


@pytest.mark.skipif(not SEED.exists(), reason="shared/seed is not beside the repository")
def test_app_copy_of_the_plan_matches_the_seed():
    assert PLAN_FILE.read_bytes() == SEED.read_bytes()


def test_plan_has_five_parts_and_eighteen_sub_clauses():
    assert list(plan_parts()) == ["一", "二", "三", "四", "五"]
    clauses = plan_clauses()
    assert list(clauses) == [
        *(f"一（{n}）" for n in "一二三四五"),
        *(f"二（{n}）" for n in "一二三四五六"),
        "三（一）",
        "三（二）",
        "四（一）",
        "四（二）",
        "四（三）",
        "五（一）",
        "五（二）",
    ]
    assert all(CLAUSE_ID.match(c) for c in clauses)
    assert clauses["一（四）"] == "鼓励采用先进的管理制度和先进标准"
    assert clauses["四（三）"] == "加强质量和品牌教育及文化建设"


def test_each_sub_clause_has_its_departments():
    named = clause_departments()
    assert named["一（四）"] == ("省发展改革委", "省工业和信息化厅", "省质监局", "省海洋局")
    assert named["二（五）"] == ("省质量与名牌战略领导小组成员单位", "省水利厅")
    assert all(named[c] for c in plan_clauses())


def test_every_printed_department_has_a_successor():
    printed = printed_departments()
    assert set(DEPARTMENTS) == printed - NOT_DEPARTMENTS
    assert printed >= NOT_DEPARTMENTS


@pytest.mark.parametrize(
    ("dept_2016", "dept_current"),
    [
        ("省质监局", "河北省市场监督管理局"),
        ("省工商局", "河北省市场监督管理局"),
        ("省食品药品监管局", "河北省市场监督管理局"),
        ("省知识产权局", "河北省知识产权局"),
        ("河北出入境检验检疫局", "石家庄海关"),
        ("省环境保护厅", "河北省生态环境厅"),
        ("省农业厅", "河北省农业农村厅"),
        ("省卫生计生委", "河北省卫生健康委员会"),
        ("省旅游发展委", "河北省文化和旅游厅"),
        ("省安全监管局", "河北省应急管理厅"),
        ("省海洋局", "河北省自然资源厅"),
        ("省林业厅", "河北省林业和草原局"),
        ("省粮食局", "河北省粮食和物资储备局"),
        ("省法制办", "河北省司法厅"),
        ("人行石家庄中心支行", "中国人民银行河北省分行"),
        ("河北保监局", "国家金融监督管理总局河北监管局"),
        ("省新闻出版广电局", "河北省广播电视局"),
        ("省工业和信息化厅", "河北省工业和信息化厅"),
    ],
)
def test_department_maps_to_todays_body(dept_2016, dept_current):
    assert expand_department(dept_2016) == {"dept_2016": dept_2016, "dept_current": dept_current}


def test_unchanged_bodies_are_written_out_in_full():
    for current in DEPARTMENTS.values():
        assert current.startswith(("河北省", "中共河北省", "中国人民银行", "国家", "石家庄"))


def test_unknown_department_expands_to_none_with_a_suggestion():
    assert expand_department("省质检局") is None
    assert suggest_department("省质检局") == "省质监局"
    assert suggest_department("完全无关") is None
