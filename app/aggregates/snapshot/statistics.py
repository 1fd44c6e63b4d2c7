"""Grouped statistics in SQL: counts, sums, quartiles, maturity levels, answer counts.

Quartiles follow percentile_cont (linear interpolation between the two nearest ranks). On
PostgreSQL that is percentile_cont itself. SQLite has no ordered-set aggregates, so the same
value is computed with window functions: ROW_NUMBER() and COUNT() over each group give every
row its rank r and the group's size c; the p-quantile lies at position 1 + p·(c − 1), and the
aggregate picks the rows at the two ranks around it and interpolates. One scan either way, in
the database; no row reaches Python.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Integer, Select, cast, func, literal, select, union_all

from app.aggregates.cube import ALL
from app.aggregates.snapshot import quantiles
from app.aggregates.snapshot.quantiles import streams_in_order
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


def _keys(rows, grouping: Grouping, labels: dict):
    """The three key columns (region, industry, size) and the columns to group by."""
    group = []
    region = rows.c.region if grouping.region else literal(labels["region"])
    industry = rows.c[grouping.industry] if grouping.industry else literal(labels["industry"])
    size = rows.c.size if grouping.size else literal(labels["size"])
    group += [rows.c.region] if grouping.region else []
    group += [rows.c[grouping.industry]] if grouping.industry else []
    group += [rows.c.size] if grouping.size else []
    return [region.label("region"), industry.label("industry"), size.label("size")], group


def _stats(table, value: str, grouping: Grouping, labels: dict, by=(), extra=None) -> Select:
    """n, total and quartiles of a value per group (and per the columns in by).

    extra(table) returns further aggregates over the same rows.
    """
    keys, group = _keys(table, grouping, labels)
    keys += [table.c[name] for name in by]
    group += [table.c[name] for name in by]
    aggregates = list(extra(table)) if extra else []
    if dialect() == "postgresql":
        v = table.c[value]
        quartiles = [func.percentile_cont(p).within_group(v).label(n) for n, p in QUANTILES]
        return select(
            *keys, func.count().label("n"), func.sum(v).label("total"), *quartiles, *aggregates
        ).group_by(*group)
    if not by and grouping == FINEST and streams_in_order(table, value, keys, group):
        return quantiles.from_sorted_scan(table, value, keys, group, aggregates, QUANTILES)
    return quantiles.from_ranks(table, value, grouping_keys(grouping, labels), by, extra, QUANTILES)


def grouping_keys(grouping: Grouping, labels: dict):
    """_keys as a function of a table, for queries that re-select their source."""
    return lambda table: _keys(table, grouping, labels)


def _levels(table) -> list:
    # count(*) FILTER (WHERE …) is cheaper than sum(CASE …) on SQLite and equal on PostgreSQL.
    return [
        func.count().filter(table.c.maturity_level == level).label(f"level_{level}")
        for level in LEVELS_OF_MATURITY
    ]


def overall_statistics(source: Source, grouping: Grouping, labels=NO_LABELS) -> Select:
    """Per group: n, total and quartiles of the overall score, and the count at each level."""
    return _stats(source.rows, "overall_tenths", grouping, labels, extra=_levels)


def dimension_statistics(source: Source, grouping: Grouping, labels=NO_LABELS) -> Select:
    """Per group and dimension: n, total and quartiles of the dimension score."""
    joined = (
        select(source.rows, source.scores.c.dimension, source.scores.c.score)
        .join(source.scores, source.scores.c.sid == source.rows.c.sid)
        .subquery("scored")
    )
    return _stats(joined, "score", grouping, labels, by=("dimension",))


def choice_counts(source: Source, groupings: Sequence[tuple[Grouping, dict]]) -> Select:
    """Per group, question and option: how many enterprises chose it; option None: answered.

    Counted once per finest cell, then summed up each grouping: an enterprise lies in one
    finest cell, so the sums are exact, and the large join is scanned once for all groupings.
    """
    rows, picks = source.rows, source.choices
    finest = [rows.c.region, rows.c.division, rows.c.section, rows.c.size]
    joined = select(*finest, picks.c.sid, picks.c.question, picks.c.option).join(
        picks, picks.c.sid == rows.c.sid
    )
    joined = joined.subquery("joined")
    cells = [joined.c[c.name] for c in finest]
    chosen = select(*cells, joined.c.question, joined.c.option, func.count().label("count"))
    chosen = chosen.group_by(*cells, joined.c.question, joined.c.option)
    answered = select(
        *cells,
        joined.c.question,
        literal(None).label("option"),
        func.count(joined.c.sid.distinct()).label("count"),
    ).group_by(*cells, joined.c.question)
    base = union_all(chosen, answered).cte("base").prefix_with("MATERIALIZED")
    parts = []
    for grouping, labels in groupings:
        keys, group = _keys(base, grouping, labels)
        parts.append(
            select(
                *keys,
                base.c.question,
                base.c.option,
                cast(func.sum(base.c.count), Integer).label("count"),
            ).group_by(*group, base.c.question, base.c.option)
        )
    return union_all(*parts)


def collect_stats(source: Source, groupings: Sequence[tuple[Grouping, dict]]) -> dict:
    """Run the statistics of every grouping; CellStats by CellKey (empty cells absent)."""
    from app.aggregates.cube import CellKey
    from app.aggregates.protect.figures import CellStats, Measured

    found: dict[CellKey, CellStats] = {}
    for grouping, labels in groupings:
        for row in db.session.execute(overall_statistics(source, grouping, labels)).mappings():
            tenths = [None if v is None else v / 10 for v in (row.p25, row.median, row.p75)]
            found[CellKey(row.region, row.industry, row.size)] = CellStats(
                Measured(row.n, row.total / 10, *tenths),
                levels={str(level): row[f"level_{level}"] for level in LEVELS_OF_MATURITY},
            )
        for row in db.session.execute(dimension_statistics(source, grouping, labels)).mappings():
            cell = found[CellKey(row.region, row.industry, row.size)]
            cell.dimensions[row.dimension] = Measured(
                row.n, row.total, row.p25, row.median, row.p75
            )
    for row in db.session.execute(choice_counts(source, groupings)).mappings():
        cell = found.get(CellKey(row.region, row.industry, row.size))
        if cell is None:
            continue
        if row.option is None:
            cell.answered[row.question] = row.count
        else:
            cell.chosen.setdefault(row.question, {})[row.option] = row.count
    return found
