"""Quartiles as PostgreSQL's percentile_cont gives them, where there is no percentile_cont.

The p-quantile of n sorted values lies at the 0-based position p·(n − 1), between the values at
ranks ⌊p·(n − 1)⌋ and the next, linearly: low + (high − low)·fraction in doubles, the steps of
PostgreSQL's float8_lerp, so that every database gives the same bits.

- from_sorted_scan (SQLite): when the rows arrive in (group, value) order, because the GROUP BY
  is answered by walking an index that ends with the value (aggregate_members has one per level
  of the cube), json_group_array collects each group's values already sorted, and the quartiles
  are read from that array by position. One pass over the index, like count(*). The order is a
  property of the plan, so the plan of the very SQL that runs is checked first
  (walks_in_order).
- quartiles (Python): of a list already sorted, for the cells rolled up from finer ones.
"""

import re
from collections.abc import Sequence

from sqlalchemy import Integer, Select, String, cast, func, literal, select, text
from sqlalchemy.dialects import sqlite

from app.db import db


def literal_sql(statement: Select) -> str:
    """The statement as SQLite text with its values inlined, ready for text()."""
    sql = str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    # Colons escaped: text() would read ":word" in a literal as a parameter.
    return sql.replace(":", r"\:")


def walks_in_order(sql: str, index: str) -> bool:
    """Whether SQLite runs sql (text()-ready) by walking index, with no sort.

    Checked on the very text that runs, at each run (a fraction of a millisecond): of the several
    indexes that give a level's groups in order, only the level's own gives each group's values
    in order too, and the planner's choice may change with the statistics ANALYZE gathers.
    """
    steps = [row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {sql}"))]
    plan = " ".join(steps).upper()
    walks = re.search(rf"COVERING INDEX {index.upper()}\b", plan) is not None
    return walks and "TEMP B-TREE" not in plan


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


def quartiles(values: Sequence, quantiles) -> list:
    """percentile_cont at each of quantiles, of values sorted ascending (at least one)."""
    last = len(values) - 1
    found = []
    for _, p in quantiles:
        position = last * p
        low = int(position)
        high = values[low + 1] if low < last else values[low]
        found.append(values[low] + (position - low) * (high - values[low]))
    return found
