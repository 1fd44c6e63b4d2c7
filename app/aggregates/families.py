"""Protecting the figures inside visible cells, family by family, across the whole cube.

A family is one dimension's mean, the five maturity levels, or one question's options. Each of
its items (a level, an option) is a cube of counts of its own, protected as cells are: boxes
around every small hidden item, then the line rule. Levels and single-choice options also add
up to their cell ("partition" families): a box that moved one level alone would change that
sum, so it moves a second level the opposite way, and both are hidden over the whole box.
"""

from collections.abc import Mapping

from app.aggregates.boxes import BoxSearch, large
from app.aggregates.cube import CellKey, Line
from app.aggregates.disclosure import Count, Unresolvable, protect, share_visible

WHOLE = "*"  # the item standing for the whole cell (or everyone who answered a question)


def classify(family: dict, k: int, visible: set, fresh: set, shown: dict):
    """Per (cell, item): fixed visible, fixed hidden, or primary (to hide); plus values."""
    values, primary, fixed_visible, fixed_hidden = {}, set(), set(), set()
    for key, items in family.items():
        for item, count in items.items():
            values[(key, item)] = count
            if key not in visible or (item == WHOLE and count.count < k):
                fixed_hidden.add((key, item))
            elif item == WHOLE:
                fixed_visible.add((key, item))
            elif key not in fresh:
                (fixed_visible if item in shown.get(key, ()) else fixed_hidden).add((key, item))
            elif count.complement is None:
                if count.count < k:
                    primary.add((key, item))
            elif not share_visible(count.count, count.count + count.complement, k):
                primary.add((key, item))
    return values, primary, fixed_visible, fixed_hidden


def protect_family(
    family: dict[CellKey, dict[str, Count]],
    cube_lines: list[Line],
    *,
    k: int,
    visible: set[CellKey],
    fresh: set[CellKey],
    shown: Mapping[CellKey, set[str]],
    below=None,
) -> set[tuple[CellKey, str]]:
    """Hidden (cell, item) pairs; below (boxes.finest_cells) enables boxes (snapshots)."""
    values, primary, fixed_visible, fixed_hidden = classify(family, k, visible, fresh, shown)
    hidden = (primary - fixed_visible) | fixed_hidden
    items = sorted({item for key, item in values if item != WHOLE})
    partition = any(item == WHOLE for _, item in values)
    if below is not None:
        _boxes(values, items, partition, hidden, fixed_visible, below, k)
    relations = []
    for key, members in family.items():
        if WHOLE in members:
            relations.append(((key, WHOLE), [(key, i) for i in members if i != WHOLE]))
    for parent, children in cube_lines:
        for item in items:
            relations.append(((parent, item), [(child, item) for child in children]))
    return protect(
        values,
        relations,
        k=k,
        primary=hidden,
        fixed_visible=fixed_visible,
        fixed_suppressed=fixed_hidden,
    )


def _boxes(values, items, partition, hidden, fixed_visible, below, k) -> None:
    """Put every small hidden item in a hidden box (paired in partition families)."""
    searches = {}
    for item in items:
        cells = {key: value for (key, i), value in values.items() if i == item}
        searches[item] = BoxSearch(
            cells,
            {key for key, i in hidden if i == item},
            {key for key, i in fixed_visible if i == item},
            below,
        )
    covered = set()
    small = sorted(
        (key, item) for key, item in hidden if item != WHOLE and not large(values[(key, item)], k)
    )
    for key, item in small:
        if (key, item) in covered:
            continue
        cells = searches[item].cover(key)
        chosen = [item]
        if partition:
            prices = [
                (sum(searches[other].cost(cell) for cell in cells), other)
                for other in items
                if other != item
            ]
            price, partner = min(prices, default=(float("inf"), None))
            if partner is None or price == float("inf"):
                raise Unresolvable(key)
            chosen.append(partner)
        for member in chosen:
            searches[member].hidden.update(cells)
            hidden.update((cell, member) for cell in cells)
            covered.update((cell, member) for cell in cells)
