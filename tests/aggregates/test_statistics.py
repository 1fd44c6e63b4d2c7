"""The SQL statistics against a plain Python computation of percentile_cont."""

import random
import statistics

import pytest
from sqlalchemy import select

from app.aggregates.snapshot.statistics import CUBE, FINEST, NO_LABELS, collect_stats


def percentile_cont(values, p):
    values = sorted(values)
    position = (len(values) - 1) * p
    low = int(position)
    high = values[min(low + 1, len(values) - 1)]
    return values[low] + (position - low) * (high - values[low])


@pytest.mark.parametrize("grouping", [FINEST, CUBE[-1], CUBE[3]])
def test_quartiles_equal_percentile_cont_at_every_level(app, population, snapshot, grouping):
    from app.aggregates.snapshot.sources import released_source

    rng = random.Random(4754)
    for _ in range(13):
        population(
            choice=rng.choice(["best", "worst", "middle"]), size=rng.choice(["small", "medium"])
        )
    snapshot()
    from app.aggregates.models import AggregateMember
    from app.aggregates.snapshot import quantiles
    from app.db import db

    stats = collect_stats(released_source("quality", 2026), [(grouping, NO_LABELS)])
    if db.engine.dialect.name == "sqlite" and grouping == FINEST:
        # The finest cells are read in one ordered scan of the cube index (snapshot/quantiles.py).
        assert True in quantiles._PLANS.values()

    member = (AggregateMember.size, AggregateMember.overall_tenths)
    rows = [(size, tenths / 10) for size, tenths in db.session.execute(select(*member))]
    for key, cell in stats.items():
        values = [o for s, o in rows if key.size in ("*", s)]
        assert cell.overall.n == len(values)
        for name, p in (("p25", 0.25), ("median", 0.5), ("p75", 0.75)):
            assert getattr(cell.overall, name) == pytest.approx(percentile_cont(values, p))
        assert cell.overall.total == pytest.approx(sum(values))
        assert statistics.fmean(values) == pytest.approx(cell.overall.total / cell.overall.n)
