"""Between years (pure): a cell's change from another year never isolates 1 to k − 1 firms."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.aggregates.cube import CellKey, Coord, keys_of, lines
from app.aggregates.protect.boxes import protect_cube
from app.aggregates.protect.rules import Count
from app.aggregates.release.plan import Change, Published, Years, plan_release
from app.aggregates.release.years import moved, protect_years
from tests.aggregates.attacker import determined, recover

K = 5
TOWELS = Coord("130100", "C17", "small")
STEEL = Coord("130200", "C31", "large")
COORDS = [
    Coord(region, division, size)
    for region in ("130100", "130200", "130300")
    for division in ("C17", "C18", "D44")
    for size in ("large", "small")
]


def cube(population: dict[int, Coord]) -> dict[CellKey, int]:
    n: dict[CellKey, int] = {}
    for coord in population.values():
        for key in keys_of(coord):
            n[key] = n.get(key, 0) + 1
    return n


def decide(now: dict[int, Coord], then: dict[int, Coord]) -> set[CellKey]:
    """This year's hidden cells, every cell decided anew (its first snapshot)."""
    n = cube(now)
    first = protect_cube(
        {key: Count(v) for key, v in n.items()}, k=K, primary=[c for c, v in n.items() if v < K]
    )
    return protect_years(
        n, first, planned=now, others=[then], k=K, fresh=set(n),
        fixed_visible=set(), fixed_hidden=set(),
    ).hidden  # fmt: skip


def test_moved_counts_who_joined_left_or_moved_per_cell():
    then = {1: TOWELS, 2: TOWELS, 3: TOWELS}
    now = {1: TOWELS, 2: STEEL, 4: TOWELS}  # 2 moved, 3 left, 4 joined
    m = moved(now, then)
    assert m[CellKey("130100", "C17", "small")] == 3
    assert m[CellKey("130200", "C31", "large")] == 1
    # Firm 2 is in manufacturing (C) and in the province both years: it moved within them.
    assert m[CellKey("*", "C", "*")] == m[CellKey("*", "*", "*")] == 2
    assert len(m) == 12 + 10


def test_one_firm_joining_hides_every_cell_it_would_be_the_difference_of():
    then = {i: TOWELS for i in range(6)}
    now = {**then, 99: TOWELS}
    hidden = decide(now, then)
    assert hidden == set(keys_of(TOWELS))


def test_k_firms_joining_or_a_year_of_the_same_firms_hides_nothing():
    then = {i: TOWELS for i in range(6)}
    assert decide(dict(then), then) == set()
    assert decide({**then, **{100 + i: TOWELS for i in range(K)}}, then) == set()


def recovered(now: dict[int, Coord], then: dict[int, Coord], hidden: set[CellKey]) -> dict:
    """Cells moved by fewer than k whose change between the years the attacker can compute.

    The attacker holds both years' published tables (last year's protected on its own, as its
    snapshot did), every line of each, and assumes that a cell no firm joined, left or moved
    out of did not change. Its unknowns are the hidden cells of each year.
    """
    m, n, t = moved(now, then), cube(now), cube(then)
    before = protect_cube(
        {key: Count(v) for key, v in t.items()}, k=K, primary=[c for c, v in t.items() if v < K]
    ).hidden
    unknown = {("now", key) for key in hidden} | {("then", key) for key in before}
    equations = []
    for year, counts in (("now", n), ("then", t)):
        for parent, children in lines(counts):
            row = {(year, parent): 1}
            for child in children:
                row[(year, child)] = row.get((year, child), 0) - 1
            equations.append({u: c for u, c in row.items() if u in unknown and c})
    for key in set(n) & set(t):
        if m.get(key, 0) == 0:
            equations.append({u: c for u, c in {("now", key): 1, ("then", key): -1}.items()
                              if u in unknown})  # fmt: skip
    equations = [row for row in equations if row]
    found = {}
    for key, count in m.items():
        if count >= K:
            continue
        change = {("now", key): 1 if key in n else 0, ("then", key): -1 if key in t else 0}
        if determined(equations, {u: c for u, c in change.items() if u in unknown and c}):
            found[key] = count
    return found


def test_a_small_change_with_no_neighbours_hides_its_chain_up_to_the_total():
    # Towels: the same six and one more. Steel: six firms left and six others came. The moved
    # table has no cell beside the towels' to make a box with, so the box is their chain.
    then = {i: TOWELS for i in range(6)} | {10 + i: STEEL for i in range(6)}
    now = {i: TOWELS for i in range(6)} | {99: TOWELS} | {20 + i: STEEL for i in range(6)}
    hidden = decide(now, then)
    assert set(keys_of(TOWELS)) <= hidden
    assert recovered(now, then, hidden) == {}


def test_a_small_change_among_others_is_boxed_and_the_total_stays_shown():
    # The newcomer's cell, and three cells around it (another city, another textile division)
    # whose six firms were all replaced: a box of moved cells holds it, below the province.
    towels, neighbours = (
        TOWELS,
        [
            Coord("130200", "C17", "small"),
            Coord("130100", "C18", "small"),
            Coord("130200", "C18", "small"),
        ],
    )
    then = {i: towels for i in range(6)}
    now = dict(then) | {99: towels}
    for index, coord in enumerate(neighbours):
        then |= {100 * (index + 1) + i: coord for i in range(6)}
        now |= {100 * (index + 1) + 50 + i: coord for i in range(6)}
    hidden = decide(now, then)
    assert CellKey("130100", "C17", "small") in hidden
    assert CellKey("*", "*", "*") not in hidden and CellKey("*", "C", "*") not in hidden
    assert recovered(now, then, hidden) == {}


def test_the_plan_checks_the_years_with_the_changes_it_releases():
    then = {i: TOWELS for i in range(6)}
    published = {key: Published(6, False) for key in keys_of(TOWELS)}
    arrivals = [Change(99, None, TOWELS, None, 99)] + [
        Change(200 + i, None, STEEL, None, 200 + i) for i in range(K)
    ]
    years = Years(population=dict(then), others=({i: TOWELS for i in range(6)},))
    plan = plan_release(published, arrivals, k=K, years=years)
    # One towel maker is held back between snapshots anyway; five steel makers are released,
    # and steel's cells are new this year and last: five joined, so they show.
    assert [c.enterprise_id for c in plan.held] == [99]
    assert not plan.hidden & set(keys_of(STEEL)) - set(keys_of(TOWELS))


FIRMS = st.lists(
    st.tuples(
        st.sampled_from(COORDS),
        st.sampled_from(["stay", "stay", "stay", "leave", "move"]),
        st.sampled_from(COORDS),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(FIRMS, st.lists(st.sampled_from(COORDS), max_size=12))
def test_no_difference_of_few_firms_between_two_years_can_be_solved_for(firms, newcomers):
    then = {i: coord for i, (coord, _, _) in enumerate(firms)}
    now = {i: c if act == "stay" else o for i, (c, act, o) in enumerate(firms) if act != "leave"}
    now |= {1000 + j: coord for j, coord in enumerate(newcomers)}
    n = cube(now)
    if not n:
        return
    hidden = decide(now, then)
    # This year's own table is as safe as ever.
    assert all(n[key] >= K for key in set(n) - hidden)
    known = {key: v for key, v in n.items() if key not in hidden}
    assert all(n[key] >= K for key in recover(lines(n), known, hidden))
    # No visible cell moved by 1 to k − 1, and none can be solved for.
    m = moved(now, then)
    assert not [key for key in set(n) - hidden if 0 < m.get(key, 0) < K]
    assert recovered(now, then, hidden) == {}
