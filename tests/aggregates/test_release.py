"""Between snapshots (pure): which changes are released, which cells keep their state."""

from app.aggregates.cube import ALL, CellKey, Coord, keys_of
from app.aggregates.release.plan import Change, Published, hold_back, observables, plan_release

K = 5
TOWELS = Coord("130100", "C17", "small")
STEEL = Coord("130200", "C31", "large")


def published_from(coords: list[Coord], hidden=()) -> dict[CellKey, Published]:
    n: dict[CellKey, int] = {}
    for coord in coords:
        for key in keys_of(coord):
            n[key] = n.get(key, 0) + 1
    return {key: Published(count, key in hidden) for key, count in n.items()}


def arrivals(coord: Coord, count: int, start: int = 100) -> list[Change]:
    return [Change(start + i, None, coord, None, start + i) for i in range(count)]


def test_one_arrival_in_a_visible_cell_is_held_back():
    published = published_from([TOWELS] * 5)
    assert hold_back(arrivals(TOWELS, 1), observables(published, K), K) == []


def test_k_arrivals_are_released_together():
    published = published_from([TOWELS] * 5)
    changes = arrivals(TOWELS, 5)
    assert hold_back(changes, observables(published, K), K) == changes


def test_an_arrival_elsewhere_still_alters_the_province_and_is_held():
    published = published_from([TOWELS] * 5)
    assert hold_back(arrivals(STEEL, 1), observables(published, K), K) == []


def test_nothing_published_yet_releases_everything():
    plan = plan_release({}, arrivals(TOWELS, 4), k=K)
    assert len(plan.released) == 4
    assert plan.hidden == set(plan.n)  # four: every cell hidden


def test_a_move_with_the_same_submission_leaves_the_cells_holding_both_places_alone():
    move = Change(7, TOWELS, Coord("130200", "C17", "small"), 70, 70)
    touched = move.touches()
    assert CellKey(ALL, "C17", "small") not in touched
    assert CellKey("130100", "C17", "small") in touched
    assert CellKey("130200", ALL, ALL) in touched


def test_untouched_cells_keep_their_state():
    published = published_from([TOWELS] * 6 + [STEEL] * 6)
    plan = plan_release(published, arrivals(TOWELS, 5), k=K)
    steel = CellKey("130200", "C31", "large")
    assert steel not in plan.touched and steel not in plan.fresh
    assert steel not in plan.hidden


def test_an_exposed_hidden_cell_waits_for_k_changes_before_it_is_decided_again():
    hidden = CellKey("130100", "C17", "small")
    published = {
        key: Published(cell.n, cell.suppressed, exposed=key == hidden)
        for key, cell in published_from([TOWELS] * 3, hidden=keys_of(TOWELS)).items()
    }
    plan = plan_release(published, arrivals(TOWELS, 2), k=K)
    assert hidden in plan.hidden
    assert plan.pending[hidden] == {100, 101}
