"""The statistics as the snapshot computed them before issue 14, kept as the reference.

Every level grouped in SQL: percentile_cont on PostgreSQL; on SQLite, which has none, an
ordered scan of the cube index for the finest cells (json_group_array read by position) and
window functions (ROW_NUMBER, COUNT over each group) for every coarser level. Slow on SQLite
(47x a plain count by region at 100k), but written straight from the definition of
percentile_cont: tests/aggregates/test_statistics.py checks the rolled-up statistics of
app/aggregates/snapshot/statistics.py against it, and benchmarks/aggregates.py times both.
"""

from collections.abc import Sequence

from sqlalchemy import Integer, Select, String, case, cast, func, literal, select, text
from sqlalchemy.dialects import sqlite

from app.aggregates.cube import CellKey
from app.aggregates.protect.figures import CellStats, Measured
from app.aggregates.snapshot.choices import choice_counts
from app.aggregates.snapshot.sources import Source, dialect
from app.aggregates.snapshot.statistics import (
    FINEST,
    LEVELS_OF_MATURITY,
    NO_LABELS,
    QUANTILES,
    Grouping,
)
from app.db import db


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
        return from_sorted_scan(table, value, keys, group, aggregates, QUANTILES)
    return from_ranks(table, value, grouping_keys(grouping, labels), by, extra, QUANTILES)


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


INDEX = "COVERING INDEX IX_AGGREGATE_MEMBERS_CUBE"
_PLANS: dict[tuple[str, str], bool] = {}


def streams_in_order(table, value: str, keys, group) -> bool:
    """Whether SQLite answers this GROUP BY from an index ending with value, in order."""
    probe = select(*keys, func.json_group_array(table.c[value])).group_by(*group)
    sql = str(probe.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    if sql not in _PLANS:
        steps = [row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
        plan = " ".join(steps).upper()
        _PLANS[sql] = (
            "COVERING INDEX IX_AGGREGATE_MEMBERS_CUBE" in plan and "TEMP B-TREE" not in plan
        )
    return _PLANS[sql]


def from_sorted_scan(table, value: str, keys, group, aggregates, quantiles) -> Select:
    """One ordered scan: each group's values as a sorted JSON array, quartiles by position."""
    v = table.c[value]
    n = func.count()
    ranks = []
    for _, p in quantiles:
        low = cast((n - 1) * p, Integer)
        ranks += [literal("$[") + cast(rank, String) + literal("]") for rank in (low, low + 1)]
    # One json_extract per group reads every rank needed, as a small JSON array; MATERIALIZED
    # keeps SQLite from copying that expression into each use below (and parsing it again).
    grouped = select(
        *keys,
        n.label("n"),
        func.sum(v).label("total"),
        *aggregates,
        func.json_extract(func.json_group_array(v), *ranks).label("picked_"),
    ).group_by(*group)
    grouped = grouped.cte("grouped").prefix_with("MATERIALIZED")
    out = [c for c in grouped.c if c.name != "picked_"]
    for index, (name, p) in enumerate(quantiles):
        low = func.json_extract(grouped.c.picked_, f"$[{2 * index}]")
        high = func.coalesce(func.json_extract(grouped.c.picked_, f"$[{2 * index + 1}]"), low)
        position = (grouped.c.n - 1) * p
        frac = position - cast(position, Integer)
        out.append((low + frac * (high - low)).label(name))
    return select(*out)


def from_ranks(table, value: str, keys_of, by, extra, quantiles) -> Select:
    """Windows: rank within group and group size, then pick the rows around each position."""
    _, group = keys_of(table)
    group += [table.c[name] for name in by]
    ranked = select(
        table,
        func.row_number().over(partition_by=group or None, order_by=table.c[value]).label("rank_"),
        func.count().over(partition_by=group or None).label("size_"),
    ).subquery("ranked")
    keys, group = keys_of(ranked)
    keys += [ranked.c[name] for name in by]
    group += [ranked.c[name] for name in by]
    v = ranked.c[value]
    picks = []
    for name, p in quantiles:
        position = (ranked.c.size_ - 1) * p
        low = cast(position, Integer) + 1
        picks += [
            func.max(case((ranked.c.rank_ == low, v))).label(f"{name}_low"),
            func.max(case((ranked.c.rank_ == low + 1, v))).label(f"{name}_high"),
            func.max(position - cast(position, Integer)).label(f"{name}_frac"),
        ]
    inner = select(
        *keys,
        func.count().label("n"),
        func.sum(v).label("total"),
        *picks,
        *(extra(ranked) if extra else ()),
    )
    inner = inner.group_by(*group).subquery("picked")
    parts = ("_low", "_high", "_frac")
    outer = [column for column in inner.c if not column.name.endswith(parts)]
    for name, _ in quantiles:
        low, high, frac = (inner.c[f"{name}{part}"] for part in parts)
        outer.append((low + frac * (func.coalesce(high, low) - low)).label(name))
    return select(*outer)


def collect_reference(source: Source, groupings: Sequence[tuple[Grouping, dict]]) -> dict:
    """collect_stats as it was: every grouping's statistics queried on its own."""
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
