"""The statistics against a plain Python percentile_cont, and against the former SQL."""

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
    from app.db import db

    stats = collect_stats(released_source("quality", 2026), [(grouping, NO_LABELS)])

    member = (AggregateMember.size, AggregateMember.overall_tenths)
    rows = [(size, tenths / 10) for size, tenths in db.session.execute(select(*member))]
    for key, cell in stats.items():
        values = [o for s, o in rows if key.size in ("*", s)]
        assert cell.overall.n == len(values)
        for name, p in (("p25", 0.25), ("median", 0.5), ("p75", 0.75)):
            assert getattr(cell.overall, name) == pytest.approx(percentile_cont(values, p))
        assert cell.overall.total == pytest.approx(sum(values))
        assert statistics.fmean(values) == pytest.approx(cell.overall.total / cell.overall.n)


def same_statistics(found: dict, expected: dict) -> None:
    """Counts, levels, quartiles and choices equal; totals but for a float sum's order."""
    assert set(found) == set(expected)
    for key, cell in expected.items():
        new = found[key]
        assert new.overall == cell.overall, key  # tenths: integer sums, the same quartiles
        assert new.levels == cell.levels, key
        assert new.answered == cell.answered, key
        assert new.chosen == cell.chosen, key
        assert set(new.dimensions) == set(cell.dimensions), key
        for name, measured in cell.dimensions.items():
            rolled = new.dimensions[name]
            # The former SQL summed floats in scan order; the rollup sums tenths exactly.
            assert rolled.total == pytest.approx(measured.total, rel=1e-12, abs=1e-9), (key, name)
            quartiles = (rolled.n, rolled.p25, rolled.median, rolled.p75)
            assert quartiles == (measured.n, measured.p25, measured.median, measured.p75), key


@pytest.fixture
def random_population(app, snapshot):
    """600 enterprises over 3 regions, 2 sections (4 divisions) and 4 sizes, snapshotted.

    Repeated coordinates weigh the draw, so that some cells hold one enterprise, others many.
    """
    from tests.aggregates.bulk import insert_random_population

    insert_random_population(
        rng=random.Random(1414),
        n=600,
        regions=["130100"] * 12 + ["130200"] * 4 + ["130300"],
        industries=["C1772"] * 10 + ["C1711"] * 5 + ["C2611"] * 2 + ["D4411"],
        sizes=["small"] * 8 + ["micro"] * 4 + ["medium"] * 2 + ["large"],
    )
    snapshot()


def test_rolled_up_statistics_equal_the_former_sql_at_every_level(random_population):
    from app.aggregates.snapshot.sources import released_source
    from tests.aggregates.reference import collect_reference

    source = released_source("quality", 2026)
    groupings = [(grouping, NO_LABELS) for grouping in CUBE]
    found = collect_stats(source, groupings)
    sizes = {s.overall.n for s in found.values()}
    assert len(found) > 100 and 1 in sizes and max(sizes) == 600
    same_statistics(found, collect_reference(source, groupings))


@pytest.mark.parametrize(
    ("filters", "group_by"),
    [
        ({}, "region"),
        ({"region": "130200"}, "industry"),
        ({"section": "C", "size": "small"}, "region"),
        ({"division": "C17"}, "size"),
        # The total is its only group, and a query without groups names the total twice.
        ({"region": "130300"}, "region"),
        ({"size": "large"}, None),
    ],
)
def test_live_statistics_equal_the_former_sql(random_population, filters, group_by):
    from app.aggregates.cube import CellKey
    from app.aggregates.read.query import GROUPINGS
    from app.aggregates.snapshot.population import layout_of
    from app.aggregates.snapshot.sources import live_source
    from tests.aggregates.reference import collect_reference

    layout, _ = layout_of("quality")
    questions = sorted({**layout.single, **layout.multiple})
    source = live_source("quality", 2026, questions, filters)
    industry = filters.get("division") or filters.get("section") or "*"
    total = CellKey(filters.get("region", "*"), industry, filters.get("size", "*"))
    labels = total._asdict()
    groupings = [(GROUPINGS[None], labels), (GROUPINGS[group_by], labels)]
    found = collect_stats(source, groupings)
    assert total in found and (len(found) > 2 or group_by in (None, "region"))
    same_statistics(found, collect_reference(source, groupings))


def test_published_figures_equal_those_of_the_former_sql(random_population):
    from app.aggregates.cube import lines
    from app.aggregates.protect.figures import build_figures
    from app.aggregates.snapshot.population import layout_of
    from app.aggregates.snapshot.sources import released_source
    from tests.aggregates.reference import collect_reference

    layout, _ = layout_of("quality")
    source = released_source("quality", 2026)
    groupings = [(grouping, NO_LABELS) for grouping in CUBE]
    expected, found = collect_reference(source, groupings), collect_stats(source, groupings)
    keys = set(found)
    visible = {key for key, cell in found.items() if cell.overall.n >= 5}
    figures = [
        build_figures(
            stats, layout, lines(keys), k=5, visible=visible, fresh=keys, previous={}, covered=set()
        )
        for stats in (found, expected)
    ]
    assert figures[0] == figures[1]
    assert any(f["overall"]["median"] is not None for f in figures[0].values())


def test_every_level_of_a_snapshot_is_one_ordered_scan_of_its_index(app, random_population):
    from app.aggregates.snapshot.sources import dialect, released_source
    from app.aggregates.snapshot.statistics import level_overall

    source = released_source("quality", 2026)
    queries = [level_overall(source, grouping, NO_LABELS) for grouping in CUBE]
    if dialect() == "sqlite":
        # Each level walks its own covering index, which ends with the score: no sort, no window.
        assert all(query is not None for query in queries)
    else:
        assert all("percentile_cont" in str(query) for query in queries)


@pytest.mark.parametrize("grouping", [g for g in CUBE if not g.region and g.industry is None])
def test_levels_of_few_cells_from_their_histogram_equal_the_former_sql(random_population, grouping):
    from app.aggregates.snapshot.histogram import histogram_stats
    from app.aggregates.snapshot.sources import released_source
    from app.aggregates.snapshot.statistics import LEVELS_OF_MATURITY, QUANTILES
    from tests.aggregates.reference import collect_reference

    source = released_source("quality", 2026)
    found = histogram_stats(
        source=source,
        columns=("size",) if grouping.size else (),
        labels=NO_LABELS,
        quantiles=QUANTILES,
        levels=LEVELS_OF_MATURITY,
    )
    expected = collect_reference(source, [(grouping, NO_LABELS)])
    assert set(found) == set(expected) and len(found) == (4 if grouping.size else 1)
    for key, cell in expected.items():
        assert found[key].overall == cell.overall, key  # n, total, quartiles: the same doubles
        assert found[key].levels == cell.levels, key


def test_levels_of_few_cells_walk_their_index_with_no_sort(app, random_population):
    from sqlalchemy import text

    from app.aggregates.models import level_index
    from app.aggregates.snapshot.histogram import FEW_CELLS, histogram
    from app.aggregates.snapshot.quantiles import literal_sql
    from app.aggregates.snapshot.sources import dialect, released_source
    from app.db import db

    if dialect() != "sqlite":
        pytest.skip("SQLite's plan: PostgreSQL computes these levels with percentile_cont")
    source = released_source("quality", 2026)
    for columns in FEW_CELLS:
        sql = literal_sql(histogram(source, columns))
        plan = " ".join(row[-1] for row in db.session.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
        assert f"COVERING INDEX {level_index(columns)} " in plan and "TEMP B-TREE" not in plan, plan
