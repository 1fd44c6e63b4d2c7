"""Benchmarks in results: peers' published figures only, from the snapshot, never live."""


def test_no_snapshot_yet_gives_a_reason(population, result_of):
    me = population()
    result = result_of(me)
    assert result["benchmark"] is None
    assert result["benchmark_reason"]["code"] == "no_snapshot"


def test_four_peers_are_too_few_even_after_widening(population, snapshot, result_of):
    me = population()
    for _ in range(4):
        population()
    snapshot()
    result = result_of(me)
    assert result["benchmark"] is None
    assert result["benchmark_reason"]["code"] == "cohort_too_small"
    assert "5" in result["benchmark_reason"]["message"]


def test_five_peers_in_the_region_and_division_are_a_cohort(population, snapshot, result_of):
    me = population(choice="best")
    for _ in range(5):
        population(choice="worst")
    snapshot()
    benchmark = result_of(me)["benchmark"]
    assert benchmark["cohort"]["industry"] == "C17"
    assert benchmark["cohort"]["region"] == "130100"
    assert benchmark["n"] == 6
    assert benchmark["percentile"] is None  # quartiles need ten
    assert {d["key"] for d in benchmark["dimensions"]} >= {"leadership", "system"}
    assert all(
        d["cohort_median"] is None and d["cohort_mean"] == 17 for d in benchmark["dimensions"]
    )


def test_a_lone_enterprise_is_compared_across_the_province(population, snapshot, result_of):
    me = population(region="130200")
    for _ in range(5):
        population(region="130100")
    snapshot()
    benchmark = result_of(me)["benchmark"]
    assert benchmark["cohort"] == {"industry": "C17", "region": "130000", "label": "纺织业"}


def test_the_position_is_a_quartile_band_of_published_figures(population, snapshot, result_of):
    me = population(choice="best")
    others = [population(choice=c) for c in ["worst"] * 5 + ["middle"] * 5]
    snapshot()
    assert result_of(me)["benchmark"]["percentile"] == 75
    assert result_of(others[0])["benchmark"]["percentile"] == 0
    assert result_of(me)["benchmark"]["dimensions"][0]["cohort_median"] is not None


def test_benchmarks_come_from_the_snapshot_not_live_data(population, snapshot, result_of):
    me = population()
    for _ in range(5):
        population()
    snapshot()
    for _ in range(5):
        population()
    assert result_of(me)["benchmark"]["n"] == 6


def test_a_submission_newer_than_the_snapshot_waits_for_the_next(population, snapshot, result_of):
    for _ in range(6):
        population(year=2025)
    snapshot()
    me = population(year=2026)
    assert result_of(me)["benchmark_reason"]["code"] == "no_snapshot"
