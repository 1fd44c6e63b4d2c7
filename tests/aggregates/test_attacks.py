"""Attacks on the published figures. Each must fail to recover a hidden figure.

The attacker may ask every query there is (every filter, every grouping) and combine the
answers: subtract groups from totals, a filtered query from an unfiltered one, one year from
another, one snapshot from the next; and, most powerfully, solve all the published sums at
once (tests/aggregates/attacker.py).
"""

import itertools

import pytest

from app.aggregates.cube import ALL, CellKey, lines
from tests.aggregates.attacker import recover

K = 5
# Found by the property test in test_disclosure.py: hiding one more cell per line leaves the
# lone D44 (power) enterprise to an attacker who solves all the lines together.
TRICKY = [("130100", "C1811", "large")] * 5 + [("130200", "C1811", "small")] * 2
TRICKY += [("130300", "C1811", "small")] * 3 + [("130300", "D4411", "large")]


def published_table(aggregates, actor, **params) -> dict[CellKey, dict]:
    """Every cell of the cube, as the API shows it, asked one total at a time."""
    seen = aggregates(actor, group_by="industry", **params).get_json()
    divisions = {g["key"]["industry"] for g in seen["groups"]}
    regions = [None, *{g["key"]["region"] for g in _groups(aggregates, actor, "region", params)}]
    industries = [None, *sorted(divisions | {d[0] for d in divisions})]
    table = {}
    for region, industry, size in itertools.product(
        regions, industries, [None, "large", "medium", "small", "micro"]
    ):
        query = {k: v for k, v in (("region", region), ("industry", industry), ("size", size)) if v}
        total = aggregates(actor, **query, **params).get_json()["total"]
        table[CellKey(region or ALL, industry or ALL, size or ALL)] = total
    return table


def _groups(aggregates, actor, group_by, params):
    return aggregates(actor, group_by=group_by, **params).get_json()["groups"]


def solve_counts(table: dict[CellKey, dict], truth: dict[CellKey, int]) -> dict:
    """The attacker's best effort on counts: every hidden cell they can solve for."""
    present = {key for key in table if key in truth}
    known = {key: group["n"] for key, group in table.items() if not group["suppressed"]}
    hidden = {key for key in present if table[key]["suppressed"]}
    return recover(lines(present), known, hidden)


def true_counts(coords) -> dict[CellKey, int]:
    from app.aggregates.cube import Coord, keys_of

    counts: dict[CellKey, int] = {}
    for region, industry, size in coords:
        for key in keys_of(Coord(region, industry[:3], size)):
            counts[key] = counts.get(key, 0) + 1
    return counts


def test_solving_every_published_sum_at_once_recovers_no_small_cell(
    population, snapshot, make_staff, aggregates
):
    for region, industry, size in TRICKY:
        population(region=region, industry=industry, size=size)
    snapshot()
    table = published_table(aggregates, make_staff("admin"))
    truth = true_counts(TRICKY)
    assert table[CellKey("130300", "D44", "large")]["suppressed"]
    solved = solve_counts(table, truth)
    assert {key: n for key, n in solved.items() if truth[key] < K} == {}


def test_total_minus_the_visible_groups_leaves_at_least_k_in_two_hidden_groups(
    population, snapshot, make_staff, aggregates
):
    for region, count in (("130100", 7), ("130200", 6), ("130300", 2)):
        for _ in range(count):
            population(region=region)
    snapshot()
    body = aggregates(make_staff("admin"), group_by="region").get_json()
    hidden = [g for g in body["groups"] if g["suppressed"]]
    assert len(hidden) >= 2
    if not body["total"]["suppressed"]:
        visible = sum(g["n"] for g in body["groups"] if not g["suppressed"])
        assert body["total"]["n"] - visible >= K


def test_filtering_by_size_then_without_isolates_nobody(
    population, snapshot, make_staff, aggregates
):
    # 石家庄: 6 small + 2 medium; 唐山: 6 small + 6 medium. The 2 must stay hidden.
    for region, size, count in (
        ("130100", "small", 6),
        ("130100", "medium", 2),
        ("130200", "small", 6),
        ("130200", "medium", 6),
    ):
        for _ in range(count):
            population(region=region, size=size)
    snapshot()
    admin = make_staff("admin")
    city = aggregates(admin, region="130100").get_json()["total"]
    city_small = aggregates(admin, region="130100", size="small").get_json()["total"]
    assert city["suppressed"] or city_small["suppressed"]
    by_size = aggregates(admin, region="130100", group_by="size").get_json()
    assert all(g["suppressed"] for g in by_size["groups"]) or by_size["total"]["suppressed"]
    medium = aggregates(admin, size="medium", group_by="region").get_json()
    if not medium["total"]["suppressed"]:
        assert all(g["suppressed"] for g in medium["groups"])
    table = published_table(aggregates, admin)
    truth = true_counts(
        [("130100", "C1772", "small")] * 6
        + [("130100", "C1772", "medium")] * 2
        + [("130200", "C1772", "small")] * 6
        + [("130200", "C1772", "medium")] * 6
    )
    solved = solve_counts(table, truth)
    assert {key for key in solved if truth[key] < K} == set()


def test_a_share_hidden_in_one_group_cannot_be_had_from_the_total(
    population, snapshot, make_staff, aggregates
):
    # A quality-safety director: 石家庄 5 appointed + 5 trained; 唐山 10 appointed + 2 trained.
    # 唐山's 2 must not show.
    for region, cqo, count in (
        ("130100", "appointed", 5),
        ("130100", "trained", 5),
        ("130200", "appointed", 10),
        ("130200", "trained", 2),
    ):
        for _ in range(count):
            population(region=region, answers={"cqo": cqo})
    snapshot()
    body = aggregates(make_staff("admin"), group_by="region").get_json()
    total = body["total"]["questions"]["cqo"]
    groups = {g["key"]["region"]: g["questions"]["cqo"] for g in body["groups"]}
    assert groups["130200"]["trained"] is None
    # total minus 石家庄 would give 唐山: so one of them hides the share too.
    assert total["trained"] is None or groups["130100"]["trained"] is None


def test_years_are_separate_populations_and_none_spans_two(
    population, snapshot, make_staff, aggregates
):
    firms = [population(year=2025) for _ in range(6)]
    for firm in firms[:5]:
        population.resubmit(firm, choice="middle", year=2026)
    snapshot()
    admin = make_staff("admin")
    default = aggregates(admin).get_json()
    assert default["filters"]["year"] == 2026
    assert default["total"] == aggregates(admin, year=2026).get_json()["total"]
    assert aggregates(admin, year=2025).get_json()["total"]["n"] == 6
    assert default["total"]["n"] == 5
    # No query counts the 6 enterprises' latest answers together, so "all years minus 2026"
    # (the one that did not resubmit) is not there to take.
    for group_by in ("none", "region", "industry", "size"):
        answer = aggregates(admin, group_by=group_by).get_json()
        assert answer["total"].get("n") in (5, None)


@pytest.mark.parametrize("k", [5])
def test_consecutive_snapshots_differ_by_k_enterprises_or_not_at_all(
    population, snapshot, make_staff, aggregates, k
):
    admin = make_staff("admin")
    for _ in range(8):
        population(region="130100")
    for _ in range(6):
        population(region="130200")
    snapshot()
    first = published_table(aggregates, admin)
    population(region="130200", choice="worst")
    population(region="130300", choice="worst")
    snapshot()
    second = published_table(aggregates, admin)
    for key in set(first) & set(second):
        a, b = first[key], second[key]
        if not a["suppressed"] and not b["suppressed"]:
            assert a == b or abs(a["n"] - b["n"]) >= k
