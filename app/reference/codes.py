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


# Division kinds that are a county-level place with a bureau of its own (区、县、县级市、自治县).
COUNTY_KINDS = frozenset({"district", "county", "county_city", "autonomous_county"})


def county_code(division: str | None) -> str | None:
    """The county a USCC's division code (characters 3–8) names today; the code itself otherwise.

    A renamed or merged county follows `replaced_by` to its successor (130182 藁城市 → 130109
    藁城区), so that the county's regulator sees firms registered under the old code. A code
    that names no single county today (a city, 市辖区, a split county, a development zone) stays
    as it is: it lies in its unit and the province, in no county's jurisdiction.
    """
    if not isinstance(division, str) or not _SIX_DIGITS.fullmatch(division):
        return None
    seen = set()
    entry = _divisions().get(division)
    while entry is not None and entry.get("replaced_by") and entry["code"] not in seen:
        seen.add(entry["code"])
        division = entry["replaced_by"]
        entry = _divisions().get(division)
    return division


def county_place(code: str) -> str | None:
    """A county-level division as its bureau is named: a district with its city (石家庄市长安区,
    桥西区 being in three cities), a county or county-level city alone (正定县, 辛集市); None
    for a code that is no such division. The reference data has no English names for these."""
    entry = _divisions().get(code)
    if entry is None or entry["kind"] not in COUNTY_KINDS:
        return None
    if entry["kind"] != "district":
        return entry["name"]
    city = _divisions().get(entry["unit"])
    return f"{city['name'] if city else ''}{entry['name']}"


def county_of_uscc(uscc: str | None) -> str | None:
    """The stored county of an enterprise with this USCC; None without a Hebei code."""
    if not isinstance(uscc, str) or len(uscc) != 18 or not uscc.startswith("13", 2):
        return None
    return county_code(uscc[2:8])


def is_county_code(code: str) -> bool:
    """A current Hebei county-level code that is not itself a reporting unit (辛集, 定州)."""
    entry = _divisions().get(code) if isinstance(code, str) else None
    return (
        entry is not None
        and entry["status"] == "current"
        and entry["kind"] in COUNTY_KINDS
        and code not in _units()
    )


def is_area_code(code: str) -> bool:
    """The province (130000) or a reporting unit: the areas aggregates are published for."""
    return code == PROVINCE_CODE or code in _units()


def is_jurisdiction_code(code: str) -> bool:
    """True for the province (130000), one of the reporting units or a Hebei county."""
    return code == PROVINCE_CODE or code in _units() or is_county_code(code)


def counties_of(unit: str) -> list[str]:
    """The county jurisdictions of a reporting unit, in code order ([] for a county or 辛集)."""
    return [
        code
        for code, entry in _divisions().items()
        if entry["unit"] == unit and is_county_code(code)
    ]


def jurisdiction_unit(jurisdiction: str) -> str | None:
    """The reporting unit a jurisdiction lies in (itself for a unit); None for the province."""
    if jurisdiction in _units():
        return jurisdiction
    return _divisions()[jurisdiction]["unit"] if is_county_code(jurisdiction) else None


def region_in_jurisdiction(region: str, jurisdiction: str) -> bool:
    """Whether a region (the province, a unit or a Hebei division code) lies in a jurisdiction.

    A county jurisdiction holds only its own division (and an old code it replaced): a unit
    does not lie in one of its counties.
    """
    if is_county_code(jurisdiction):
        return region not in _units() and county_code(region) == jurisdiction
    if not is_jurisdiction_code(jurisdiction):
        return False
    unit = region if region in _units() else unit_for_division_code(region)
    if unit is None:
        return False
    return jurisdiction in (PROVINCE_CODE, unit)


def place_in_jurisdiction(*, region: str, county: str | None, jurisdiction: str) -> bool:
    """Whether an enterprise of this unit and county lies in a jurisdiction."""
    if is_county_code(jurisdiction):
        return county == jurisdiction
    return region_in_jurisdiction(region, jurisdiction)


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
