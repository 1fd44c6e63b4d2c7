"""A level of few cells from its histogram: how many enterprises have each score at each level.

The levels grouped by neither region nor industry (the province, and the four sizes) have at
most 4 cells, so their histogram of (overall score in tenths, maturity level) has at most
4 × 1,001 × 5 rows, whatever the number of enterprises. SQLite counts it in one walk of the
level's covering index (which ends with the score and the level) doing per row little more
than count(*) grouped by the score: no array to build, no filtered count to test. n, the sum,
the count at each level and the quartiles (by rank, with percentile_cont's formula) follow
exactly in Python. At the province this costs about half of the ordered scan with an array and
five filtered counts (quantiles.from_sorted_scan), whose work per row the province's count(*),
which reads no column at all, does not share. The other levels keep that scan: with more cells
their histograms near a row per enterprise (about 9,000 rows by region at 100,000 enterprises,
90,000 at the finest level), and reading those costs more than it saves (docs/performance.md).
"""

from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

from sqlalchemy import Select, func, select

from app.aggregates.cube import CellKey
from app.aggregates.protect.figures import CellStats, Measured
from app.aggregates.snapshot.quantiles import quartiles
from app.aggregates.snapshot.sources import Source
from app.db import db

FEW_CELLS = ((), ("size",))
# The field of a cell's key that each grouping column fills.
FIELDS = {"region": "region", "division": "industry", "section": "industry", "size": "size"}


class Ranked(Sequence):
    """A cell's scores in ascending order, read by rank from their histogram, never listed."""

    def __init__(self, scores: list[int], counts: list[int]):
        self.scores = scores
        self.ends = list(accumulate(counts))  # the rank just past each score's run

    def __len__(self) -> int:
        return self.ends[-1]

    def __getitem__(self, rank: int) -> int:
        return self.scores[bisect_right(self.ends, rank)]


def histogram(source: Source, columns: tuple[str, ...]) -> Select:
    """Per cell of the level grouped by columns, score and level: how many enterprises."""
    rows = source.rows
    keys = [*(rows.c[name] for name in columns), rows.c.overall_tenths, rows.c.maturity_level]
    # In the index's order: the walk needs no sort, and each cell's scores arrive ascending.
    return select(*keys, func.count()).group_by(*keys).order_by(*keys)


def histogram_stats(
    *, source: Source, columns: tuple[str, ...], labels: dict, quantiles, levels
) -> dict[CellKey, CellStats]:
    """CellStats (overall score, levels) of each cell of the level grouped by columns."""
    cells: dict[tuple, tuple[list, list, dict]] = {}
    width = len(columns)
    for row in db.session.execute(histogram(source, columns)):
        at = row[:width]
        entry = cells.get(at)
        if entry is None:
            entry = cells[at] = ([], [], dict.fromkeys(levels, 0))
        score, level, count = row[width:]
        entry[0].append(score)
        entry[1].append(count)
        entry[2][level] += count
    found = {}
    for at, (scores, counts, by_level) in cells.items():
        key = dict(labels) | {FIELDS[name]: value for name, value in zip(columns, at, strict=True)}
        ranked = Ranked(scores, counts)
        total = sum(score * count for score, count in zip(scores, counts, strict=True))
        # Tenths, as the ordered scan gives them: the same doubles, then divided by ten.
        found[CellKey(**key)] = CellStats(
            Measured(len(ranked), total / 10, *(q / 10 for q in quartiles(ranked, quantiles))),
            levels={str(level): n for level, n in by_level.items()},
        )
    return found
