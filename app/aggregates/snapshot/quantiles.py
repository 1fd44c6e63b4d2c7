"""Quartiles on SQLite, which has no percentile_cont: two equivalents of PostgreSQL's.

Both give percentile_cont's value: the p-quantile of n sorted values lies at the 0-based
position p·(n − 1), between the values at ranks ⌊p·(n − 1)⌋ and the next, linearly.

- from_sorted_scan: when the rows arrive in (group, value) order, because the GROUP BY is
  answered by walking an index that ends with the value (aggregate_members' cube index for the
  finest cells), json_group_array collects each group's values already sorted, and the
  quantiles are read from that array by position. One pass over the index, like count(*).
  The order is a property of the plan, so the plan is checked first (streams_in_order); any
  other plan uses the method below.
- from_ranks: ROW_NUMBER() and COUNT() over each group give every row its rank and its group's
  size; an aggregate picks the two rows around each position. Correct for any source, but a
  window costs a sort per group: slower, used for the cube's coarser levels and live answers.
"""

from sqlalchemy import Integer, Select, String, case, cast, func, literal, select, text
from sqlalchemy.dialects import sqlite

from app.db import db

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
