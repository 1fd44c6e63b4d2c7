"""Hebei reporting units (GB/T 2260) and GB/T 4754-2017 industries, loaded once from data/."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from app.messages.reference import PROVINCE_NAME

PROVINCE_CODE = "130000"
XIONGAN_CODE = "133100"

_DATA = Path(__file__).parent / "data"
_SIX_DIGITS = re.compile(r"[0-9]{6}")
_INDUSTRY = re.compile(r"(?P<section>[A-T])?(?P<digits>[0-9]{2,4})?")


@cache
def _load(name: str) -> dict[str, Any]:
    with (_DATA / name).open(encoding="utf-8") as fh:
        doc = json.load(fh)
    # Versioned data files: refuse what this code was not written for.
    if doc.get("version") != 1:
        raise ValueError(f"{name}: unsupported version {doc.get('version')!r}")
    return doc


@cache
def _units() -> dict[str, dict[str, str]]:
    return {unit["code"]: unit for unit in _load("regions.json")["units"]}


@cache
def _divisions() -> dict[str, dict[str, Any]]:
    return {entry["code"]: entry for entry in _load("regions.json")["divisions"]}


def province() -> dict[str, str]:
    """The province itself (130000 河北省), the widest jurisdiction."""
    return dict(_load("regions.json")["province"])


def regions() -> list[dict[str, str]]:
    """The 14 reporting units: 11 prefectures, 辛集, 定州 and 雄安新区."""
    return [dict(unit) for unit in _units().values()]


def divisions() -> list[dict[str, Any]]:
    """Every county-level, city and historical Hebei code with the unit it reports to."""
    return [dict(entry) for entry in _divisions().values()]


def region_name(code: str, lang: str = "zh") -> str | None:
    """Name of a unit, the province or a known Hebei division code; English only for units."""
    if code == PROVINCE_CODE:
        return PROVINCE_NAME["en" if lang == "en" else "zh"]
    unit = _units().get(code)
    if unit is not None:
        return unit["name_en"] if lang == "en" else unit["name"]
    entry = _divisions().get(code)
    return entry["name"] if entry is not None and lang != "en" else None


def unit_for_division_code(code: str) -> str | None:
    """The reporting unit of a GB/T 2260 code (county, city, historical); None outside Hebei."""
    if not isinstance(code, str) or not _SIX_DIGITS.fullmatch(code):
        return None
    entry = _divisions().get(code)
    if entry is not None:
        return entry["unit"]
    if not code.startswith("13"):
        return None
    # Unknown Hebei codes (development zones, codes newer than our list) roll up by
    # prefecture. 辛集 and 定州 are single county codes, so they never absorb neighbours.
    candidate = code[:4] + "00"
    unit = _units().get(candidate)
    if unit is None or unit["kind"] == "direct_county":
        return None
    return candidate


def is_jurisdiction_code(code: str) -> bool:
    """True for the province (130000) or one of the reporting units."""
    return code == PROVINCE_CODE or code in _units()


def region_in_jurisdiction(region: str, jurisdiction: str) -> bool:
    """Whether a region (unit or any Hebei division code) lies in a jurisdiction."""
    if not is_jurisdiction_code(jurisdiction):
        return False
    unit = region if region in _units() else unit_for_division_code(region)
    if unit is None:
        return False
    return jurisdiction in (PROVINCE_CODE, unit)


@cache
def _industries() -> dict[str, dict[str, Any]]:
    return {entry["code"]: entry for entry in _load("industries.json")["entries"]}


@cache
def _section_of_division() -> dict[str, str]:
    return {
        entry["code"][1:]: entry["parent"]
        for entry in _industries().values()
        if entry["level"] == "division"
    }


def industries() -> list[dict[str, Any]]:
    """Every GB/T 4754-2017 entry: code, name, level and parent, in code order."""
    return [dict(entry) for entry in _industries().values()]


def industry(code: str) -> dict[str, Any] | None:
    """One industry entry by any accepted spelling of its code."""
    canonical = normalise_industry(code)
    return dict(_industries()[canonical]) if canonical else None


def normalise_industry(value: str) -> str | None:
    """Canonical lettered code (`C1772`) for `C1772`, `c1772`, `1772`, `177`, `17` or `C`."""
    if not isinstance(value, str):
        return None
    match = _INDUSTRY.fullmatch(value.strip().upper())
    if match is None or not (match["section"] or match["digits"]):
        return None
    section, digits = match["section"], match["digits"] or ""
    if digits:
        # Bare digits carry no letter: the division decides the section.
        expected = _section_of_division().get(digits[:2])
        if expected is None or (section and section != expected):
            return None
        section = expected
    code = section + digits
    return code if code in _industries() else None


def industry_ancestors(code: str) -> list[str]:
    """[section, division, group, class] down to the code's own level; [] when unknown."""
    canonical = normalise_industry(code)
    chain: list[str] = []
    while canonical is not None:
        chain.append(canonical)
        canonical = _industries()[canonical]["parent"]
    return chain[::-1]


def industry_matches(code: str, prefix: str) -> bool:
    """Whether an industry code lies under prefix (a code at any level, any spelling)."""
    canonical_prefix = normalise_industry(prefix)
    return canonical_prefix is not None and canonical_prefix in industry_ancestors(code)
