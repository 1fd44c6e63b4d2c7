"""The 2016 Hebei quality plan as data: its clause ids, headings and responsible departments."""

import re
from functools import cache
from pathlib import Path

PLAN_FILE = Path(__file__).parent / "data" / "hebei-quality-plan-2016.txt"

# A citable clause: top-level part 一..五, then the sub-clause number in full-width brackets.
CLAUSE_ID = re.compile(r"^[一二三四五]（[一二三四五六七八九十]+）$")

_PART = re.compile(r"^([一二三四五])、(.+)$")
_SUB = re.compile(r"^（([一二三四五六七八九十]+)）([^。]+)。")
_RESPONSIBLE = re.compile(r"（([^（）]+?)按职责分工负责）\s*$")


@cache
def _parse() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, ...]]]:
    """Read the plan once: parts, sub-clauses and the departments named for each sub-clause."""
    parts: dict[str, str] = {}
    clauses: dict[str, str] = {}
    departments: dict[str, tuple[str, ...]] = {}
    part = None
    for raw in PLAN_FILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip("\u3000 \t")
        if m := _PART.match(line):
            part = m.group(1)
            parts[part] = m.group(2)
        elif part and (m := _SUB.match(line)):
            clause = f"{part}（{m.group(1)}）"
            clauses[clause] = m.group(2)
            names = _RESPONSIBLE.search(line)
            departments[clause] = tuple(names.group(1).split("、")) if names else ()
    return parts, clauses, departments


def plan_parts() -> dict[str, str]:
    """The plan's five top-level parts, e.g. {"一": "增强质量和品牌提升的动力", …}."""
    return dict(_parse()[0])


def plan_clauses() -> dict[str, str]:
    """Every citable sub-clause id and its heading, e.g. {"一（四）": "鼓励采用先进的…"}."""
    return dict(_parse()[1])


def clause_departments() -> dict[str, tuple[str, ...]]:
    """The departments the plan names as responsible for each sub-clause, as printed in 2016."""
    return dict(_parse()[2])
