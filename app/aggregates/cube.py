"""The fixed hierarchy aggregates are published on: region × industry × size, per year.

Region: a reporting unit, or * (the province). Industry: a GB/T 4754 division (C17), its
section (C), or * (all). Size: large, medium, small, micro, or *. Every cell of the cube is a
sum of the cells below it along each dimension; those sums are the "lines" that secondary
suppression must keep from isolating a hidden cell. Pure: no Flask, no database.
"""

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

ALL = "*"
SIZES = ("large", "medium", "small", "micro")
DIMENSIONS = ("region", "industry", "size")


class CellKey(NamedTuple):
    region: str
    industry: str
    size: str


class Coord(NamedTuple):
    """Where one enterprise's contribution lies: its finest cell."""

    region: str
    division: str
    size: str


Line = tuple[CellKey, tuple[CellKey, ...]]

PROVINCE = CellKey(ALL, ALL, ALL)


def industry_level(code: str) -> str:
    """division (C17), section (C) or all (*)."""
    if code == ALL:
        return "all"
    return "section" if len(code) == 1 else "division"


def keys_of(coord: Coord) -> tuple[CellKey, ...]:
    """The 12 cells that contain an enterprise at coord."""
    return tuple(
        CellKey(region, industry, size)
        for region in (coord.region, ALL)
        for industry in (coord.division, coord.division[0], ALL)
        for size in (coord.size, ALL)
    )


def _parents(key: CellKey) -> Iterable[tuple[str, CellKey]]:
    """(line name, parent) of every line in which key is a child."""
    if key.region != ALL:
        yield "region", key._replace(region=ALL)
    level = industry_level(key.industry)
    if level == "division":
        yield "industry", key._replace(industry=key.industry[0])
        # A query grouped by industry with no industry filter shows * and every division.
        yield "industry-flat", key._replace(industry=ALL)
    elif level == "section":
        yield "industry", key._replace(industry=ALL)
    if key.size != ALL:
        yield "size", key._replace(size=ALL)


def lines(keys: Iterable[CellKey]) -> list[Line]:
    """Every additive relation parent = Σ children among the given (non-empty) cells."""
    children: dict[tuple[str, CellKey], list[CellKey]] = defaultdict(list)
    present = set(keys)
    for key in present:
        for name, parent in _parents(key):
            children[(name, parent)].append(key)
    return [
        (parent, tuple(sorted(kids)))
        for (_, parent), kids in sorted(children.items())
        if parent in present
    ]


def groups_of(total: CellKey, group_by: str | None, keys: Iterable[CellKey]) -> list[CellKey]:
    """The cells a query grouped by one dimension shows under its total, in key order."""
    if group_by is None:
        return []
    found = []
    for key in keys:
        if group_by == "region":
            ok = key._replace(region=total.region) == total and (
                key.region != ALL if total.region == ALL else key.region == total.region
            )
        elif group_by == "size":
            ok = key._replace(size=total.size) == total and (
                key.size != ALL if total.size == ALL else key.size == total.size
            )
        else:
            ok = key._replace(industry=total.industry) == total and _finest_under(
                key.industry, total.industry
            )
        if ok:
            found.append(key)
    return sorted(found)


def _finest_under(code: str, filter_code: str) -> bool:
    """A division lying under the filter (a division itself, a section, or *)."""
    if industry_level(code) != "division":
        return False
    if filter_code == ALL:
        return True
    return code.startswith(filter_code)
