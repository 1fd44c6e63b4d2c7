"""The suppression rules alone: primary, shares and their complements, secondary, quartiles."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.aggregates.cube import CellKey, Coord, keys_of, lines
from app.aggregates.protect.boxes import protect_cube
from app.aggregates.protect.rules import (
    Count,
    Unresolvable,
    cell_visible,
    check_min_cell,
    protect,
    quartiles_visible,
    round_points,
    share_visible,
)
from tests.aggregates.attacker import recover

K = 5


def test_a_cell_needs_k_enterprises():
    assert not cell_visible(4, K)
    assert cell_visible(5, K)


def test_min_cell_may_not_go_below_three():
    with pytest.raises(ValueError):
        check_min_cell(2)
    assert check_min_cell(3) == 3


@pytest.mark.parametrize(
    ("count", "answered", "shown"),
    [(5, 10, True), (4, 10, False), (6, 10, False), (0, 12, False), (12, 12, False), (5, 9, False)],
)
def test_a_share_needs_k_counted_and_k_not_counted(count, answered, shown):
    # "6 of 10" leaves 4 who did not: that reveals the few as much as "4 of 10" does.
    assert share_visible(count, answered, K) is shown


def test_quartiles_need_ten():
    assert not quartiles_visible(9)
    assert quartiles_visible(10)


def test_means_round_half_up_to_whole_points():
    assert round_points(70.5) == 71
    assert round_points(70.49) == 70
    assert round_points(None) is None


def test_one_hidden_child_takes_the_next_smallest_with_it():
    values = {"all": Count(20), "a": Count(3), "b": Count(7), "c": Count(10)}
    hidden = protect(values, [("all", ["a", "b", "c"])], k=K, primary=["a"])
    assert hidden == {"a", "b"}


def test_hidden_children_together_must_reach_k():
    values = {"all": Count(20), "a": Count(1), "b": Count(2), "c": Count(9), "d": Count(8)}
    hidden = protect(values, [("all", ["a", "b", "c", "d"])], k=K, primary=["a", "b"])
    assert hidden == {"a", "b", "d"}


def test_a_hidden_parent_is_not_left_as_the_sum_of_visible_children():
    values = {"top": Count(30), "p": Count(12), "q": Count(18), "c1": Count(6), "c2": Count(6)}
    relations = [("top", ["p", "q"]), ("p", ["c1", "c2"])]
    hidden = protect(values, relations, k=K, fixed_suppressed=["p", "q"])
    assert hidden & {"c1", "c2"}


def test_hiding_everything_under_a_visible_parent_is_safe():
    values = {"all": Count(8), "a": Count(4), "b": Count(4)}
    assert protect(values, [("all", ["a", "b"])], k=K, primary=["a", "b"]) == {"a", "b"}


def test_the_parent_is_hidden_when_no_child_can_be():
    values = {"all": Count(9), "a": Count(3), "b": Count(6)}
    hidden = protect(values, [("all", ["a", "b"])], k=K, primary=["a"], fixed_visible=["b"])
    assert hidden == {"a", "all"}


def test_fixed_figures_make_a_line_unresolvable():
    values = {"all": Count(9), "a": Count(3), "b": Count(6)}
    with pytest.raises(Unresolvable):
        protect(values, [("all", ["a", "b"])], k=K, primary=["a"], fixed_visible=["all", "b"])


def test_shares_protect_the_complement_of_a_hidden_group_too():
    # a and b hide 5 counted, but only 2 not counted: 'all but two' must not show.
    values = {"all": Count(30, 12), "a": Count(3, 1), "b": Count(2, 1), "c": Count(25, 10)}
    hidden = protect(values, [("all", ["a", "b", "c"])], k=K, primary=["a", "b"])
    assert hidden == {"a", "b", "c"}


REGIONS, DIVISIONS, SIZES = (
    ("130100", "130200", "130300"),
    ("C17", "C18", "D44"),
    ("large", "small"),
)
CUBES = st.dictionaries(
    st.tuples(st.sampled_from(REGIONS), st.sampled_from(DIVISIONS), st.sampled_from(SIZES)),
    st.integers(1, 12),
    min_size=1,
)


def cube_of(counts: dict) -> dict:
    n = {}
    for (region, division, size), count in counts.items():
        for key in keys_of(Coord(region, division, size)):
            n[key] = n.get(key, 0) + count
    return n


def test_the_line_rule_alone_leaves_a_small_cell_to_an_attacker_who_combines_lines():
    # Found by the property below before boxes existed: 3 enterprises in 130200 C17 small.
    n = cube_of(
        {
            ("130100", "C17", "large"): 5,
            ("130100", "C17", "small"): 8,
            ("130100", "C18", "small"): 10,
            ("130100", "D44", "small"): 12,
            ("130200", "C17", "small"): 3,
            ("130200", "C18", "large"): 12,
            ("130200", "D44", "small"): 11,
            ("130300", "C17", "large"): 3,
            ("130300", "C17", "small"): 7,
            ("130300", "C18", "large"): 12,
            ("130300", "C18", "small"): 1,
            ("130300", "D44", "large"): 10,
            ("130300", "D44", "small"): 7,
        }
    )
    values = {key: Count(v) for key, v in n.items()}
    primary = [key for key, v in n.items() if v < K]
    line_only = protect(values, lines(n), k=K, primary=primary)
    known = {key: v for key, v in n.items() if key not in line_only}
    solved = recover(lines(n), known, line_only)
    assert solved[CellKey("130200", "C17", "small")] == 3
    hidden = protect_cube(values, k=K, primary=primary).hidden
    known = {key: v for key, v in n.items() if key not in hidden}
    assert all(n[key] >= K for key in recover(lines(n), known, hidden))


@settings(max_examples=150, deadline=None)
@given(CUBES)
def test_no_small_hidden_cell_of_a_random_cube_can_be_solved_for(counts):
    n = cube_of(counts)
    hidden = protect_cube(
        {key: Count(v) for key, v in n.items()},
        k=K,
        primary=[key for key, v in n.items() if v < K],
    ).hidden
    assert all(n[key] >= K for key in set(n) - hidden)
    known = {key: v for key, v in n.items() if key not in hidden}
    solved = recover(lines(n), known, hidden)
    assert all(n[key] >= K for key in solved), {k: v for k, v in solved.items() if n[k] < K}
    for parent, children in lines(n):
        concealed = [c for c in children if c in hidden]
        if parent not in hidden and concealed and len(concealed) < len(children):
            assert len(concealed) >= 2 and sum(n[c] for c in concealed) >= K
