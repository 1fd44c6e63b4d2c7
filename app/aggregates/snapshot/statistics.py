"""Grouped statistics for the levels of the cube: no sort and no window in the database.

- The overall score, per level, in one SQL scan: percentile_cont on PostgreSQL; on SQLite, which
  has none, each level's own covering index on aggregate_members (models.COARSE_LEVELS, and the
  cube index for the finest cells) is walked in (group, score) order, and the quartiles are read
  from each group's sorted values by position (quantiles.py). About the cost of count(*).
- Dimension scores, and the overall score of sources without those indexes (live answers):
  one grouped scan at the finest level (region × division × size) gives each finest cell its
  count, its exact sum (scores have one decimal, so sums are taken in integer tenths) and its
  values as one list (json_group_array; array_agg); every level is a union of finest cells, so
  counts and sums add up, and a coarse cell's quartiles come from its cells' values merged
  (sorted lists concatenated and sorted again: Python's sort merges the runs) with
  percentile_cont's formula (quantiles.quartiles).
- On SQLite, the levels of at most 4 cells (the province, the sizes): from their histogram of
  (score, level) counts, a walk of the same index with less work per row (histogram.py).
- Answer counts: per finest cell in SQL, summed up each level in SQL (choices.py).

Before issue 14, SQLite ranked every coarse level with window functions: 47× a plain count by
region at 100k submissions. tests/aggregates/reference.py keeps that SQL; the tests compare.
"""

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from sqlalchemy import Integer, Select, cast, func, literal, select, text

from app.aggregates.cube import ALL, CellKey
from app.aggregates.models import COARSE_LEVELS, level_index
from app.aggregates.protect.figures import CellStats, Measured
from app.aggregates.snapshot.choices import choice_counts
from app.aggregates.snapshot.histogram import FEW_CELLS, histogram_stats
from app.aggregates.snapshot.quantiles import (
    from_sorted_scan,
    literal_sql,
    quartiles,
    walks_in_order,
)
from app.aggregates.snapshot.sources import Source, dialect
from app.db import db

QUANTILES = (("p25", 0.25), ("median", 0.5), ("p75", 0.75))
LEVELS_OF_MATURITY = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Grouping:
    """Which coordinates a query groups by; the others take the constant in labels."""

    region: bool
    industry: str | None  # "division", "section" or None
    size: bool


# The 12 levels of the cube: every cell is a group of exactly one of them.
CUBE = tuple(
    Grouping(region, industry, size)
    for region in (True, False)
    for industry in ("division", "section", None)
    for size in (True, False)
)
NO_LABELS = {"region": ALL, "industry": ALL, "size": ALL}
FINEST = Grouping(True, "division", True)


def key_of(grouping: Grouping, labels: dict) -> Callable[[str, str, str], CellKey]:
    """The cell of a grouping that a finest cell (region, division, size) lies in."""
    region, industry, size = labels["region"], labels["industry"], labels["size"]

    def key(r: str, division: str, s: str) -> CellKey:
        if grouping.industry == "division":
            i = division
        else:
            i = division[0] if grouping.industry == "section" else industry
        return CellKey(r if grouping.region else region, i, s if grouping.size else size)

    return key


def _values(column):
    """A group's values as one list: a JSON array on SQLite, an array on PostgreSQL."""
    if dialect() == "postgresql":
        return func.array_agg(column)
    return func.json_group_array(column)


def _listed(values) -> list:
    return sorted(json.loads(values) if isinstance(values, str) else values)


# Every member has a level from 1 to 5, so the last is n less the others: one filtered count
# fewer per row (about 4% of a level's ordered scan on SQLite).
COUNTED_LEVELS = LEVELS_OF_MATURITY[:-1]


def _levels(table) -> list:
    # count(*) FILTER (WHERE …) is cheaper than sum(CASE …) on SQLite and equal on PostgreSQL.
    return [
        func.count().filter(table.c.maturity_level == level).label(f"level_{level}")
        for level in COUNTED_LEVELS
    ]


def _level_counts(n: int, counted: Sequence[int]) -> dict[str, int]:
    """The count at every level, from n and the counts of COUNTED_LEVELS."""
    found = {str(level): c for level, c in zip(COUNTED_LEVELS, counted, strict=True)}
    return found | {str(LEVELS_OF_MATURITY[-1]): n - sum(counted)}


def finest_overall(source: Source) -> Select:
    """Per finest cell: n, the sum of the overall score in tenths, levels, the values."""
    rows = source.rows
    cell = (rows.c.region, rows.c.division, rows.c.size)
    return select(
        *cell,
        func.count().label("n"),
        func.sum(rows.c.overall_tenths).label("total"),
        *_levels(rows),
        _values(rows.c.overall_tenths).label("values_"),
    ).group_by(*cell)


def _columns(grouping: Grouping) -> tuple[str, ...]:
    return tuple(
        name
        for name, used in (
            ("region", grouping.region),
            (grouping.industry, grouping.industry),
            ("size", grouping.size),
        )
        if used
    )


INDEXES = {FINEST: "ix_aggregate_members_cube"} | {
    grouping: level_index(_columns(grouping))
    for grouping in CUBE
    if _columns(grouping) in COARSE_LEVELS
}


_SCANS: dict[tuple, str] = {}


def level_overall(source: Source, grouping: Grouping, labels: dict):
    """One level's overall statistics in one SQL scan, or None where that needs a sort.

    PostgreSQL: percentile_cont. SQLite: the level's index walked in order (quantiles.py); a
    source not read from aggregate_members (live answers) has none, and is rolled up instead.
    """
    rows = source.rows
    keys = [
        (rows.c.region if grouping.region else literal(labels["region"])).label("region"),
        (rows.c[grouping.industry] if grouping.industry else literal(labels["industry"])).label(
            "industry"
        ),
        (rows.c.size if grouping.size else literal(labels["size"])).label("size"),
    ]
    group = [rows.c[name] for name in _columns(grouping)]
    v = rows.c.overall_tenths
    if dialect() == "postgresql":
        found = [func.percentile_cont(p).within_group(v).label(n) for n, p in QUANTILES]
        return select(
            *keys, func.count().label("n"), func.sum(v).label("total"), *found, *_levels(rows)
        ).group_by(*group)
    if source.released is None:
        return None
    # Building and compiling the statement costs far more than running EXPLAIN on its text.
    at = (source.released, grouping, tuple(sorted(labels.items())))
    if at not in _SCANS:
        scan = from_sorted_scan(rows, "overall_tenths", keys, group, _levels(rows), QUANTILES)
        _SCANS[at] = literal_sql(scan)
    return text(_SCANS[at]) if walks_in_order(_SCANS[at], INDEXES[grouping]) else None


def finest_dimensions(source: Source) -> Select:
    """Per finest cell and dimension: n, the sum of the score in tenths, the values."""
    rows, scores = source.rows, source.scores
    cell = (rows.c.region, rows.c.division, rows.c.size)
    # Scores have one decimal (app/scoring): summed in tenths they add up exactly, at every level.
    tenths = cast(func.round(scores.c.score * 10), Integer)
    return (
        select(
            *cell,
            scores.c.dimension,
            func.count().label("n"),
            func.sum(tenths).label("total"),
            _values(scores.c.score).label("values_"),
        )
        .join(scores, scores.c.sid == rows.c.sid)
        .group_by(*cell, scores.c.dimension)
    )


def _rollup(rows: Iterable, groupings, item: Callable, counts: Callable) -> dict:
    """(cell, item(row)) → [n, total, value lists, counts] for every grouping's cells.

    counts(row) is a tuple of further counts (the maturity levels), summed like n. Each grouping
    is summed on its own: two groupings may name the same cell (a live total and its only group).
    """
    finest = [(row, _listed(row.values_), counts(row)) for row in rows]
    found: dict = {}
    for grouping, labels in groupings:
        key = key_of(grouping, labels)
        level: dict = {}
        for row, values, extra in finest:
            at = (key(row.region, row.division, row.size), item(row))
            entry = level.get(at)
            if entry is None:
                level[at] = [row.n, row.total, [values], extra]
            else:
                entry[0] += row.n
                entry[1] += row.total
                entry[2].append(values)
                entry[3] = tuple(a + b for a, b in zip(entry[3], extra, strict=True))
        found.update(level)
    return found


def _measured(n: int, total: int, lists: list, scale: int) -> Measured:
    """n, the total (from tenths) and the quartiles (values divided by scale) of a cell."""
    # A cell of one finest cell has its list sorted; Python's sort merges the sorted runs.
    values = lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists))
    return Measured(n, total / 10, *(v / scale for v in quartiles(values, QUANTILES)))


def overall_stats(source: Source, groupings: Sequence[tuple[Grouping, dict]]) -> dict:
    """CellStats with the overall score and maturity levels, by CellKey, for every grouping."""
    found: dict[CellKey, CellStats] = {}
    rest = []
    for grouping, labels in groupings:
        if dialect() == "sqlite" and source.released and _columns(grouping) in FEW_CELLS:
            found |= histogram_stats(
                source=source,
                columns=_columns(grouping),
                labels=labels,
                quantiles=QUANTILES,
                levels=LEVELS_OF_MATURITY,
            )
            continue
        query = level_overall(source, grouping, labels)
        if query is None:
            rest.append((grouping, labels))
            continue
        result = db.session.execute(query)
        # Positions, not names: a finest level has over a thousand rows, read in a loop.
        at = {name: index for index, name in enumerate(result.keys())}
        cell = [at[name] for name in ("region", "industry", "size", "n", "total")]
        quartile = [at[name] for name, _ in QUANTILES]
        levels = [at[f"level_{level}"] for level in COUNTED_LEVELS]
        for row in result:
            region, industry, size, n, total = (row[i] for i in cell)
            found[CellKey(region, industry, size)] = CellStats(
                Measured(n, total / 10, *(row[i] / 10 for i in quartile)),
                levels=_level_counts(n, [row[i] for i in levels]),
            )
    if not rest:
        return found
    rows = db.session.execute(finest_overall(source)).all()
    names = [f"level_{level}" for level in COUNTED_LEVELS]
    rolled = _rollup(
        rows, rest, lambda row: None, lambda row: tuple(row._mapping[n] for n in names)
    )
    for (cell, _), (n, total, lists, counts) in rolled.items():
        found[cell] = CellStats(
            _measured(n, total, lists, 10),
            levels=_level_counts(n, counts),
        )
    return found


def collect_stats(source: Source, groupings: Sequence[tuple[Grouping, dict]]) -> dict:
    """Run the statistics of every grouping; CellStats by CellKey (empty cells absent)."""
    found = overall_stats(source, groupings)
    rows = db.session.execute(finest_dimensions(source)).all()
    rolled = _rollup(rows, groupings, lambda row: row.dimension, lambda row: ())
    for (cell, dimension), (n, total, lists, _) in rolled.items():
        found[cell].dimensions[dimension] = _measured(n, total, lists, 1)
    for row in db.session.execute(choice_counts(source, groupings)).mappings():
        cell = found.get(CellKey(row.region, row.industry, row.size))
        if cell is None:
            continue
        if row.option is None:
            cell.answered[row.question] = row.count
        else:
            cell.chosen.setdefault(row.question, {})[row.option] = row.count
    return found
