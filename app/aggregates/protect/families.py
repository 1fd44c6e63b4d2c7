"""Protecting the figures inside visible cells, family by family, across the whole cube.

A family is one dimension's mean, the five maturity levels, or one question's options. Each of
its items (a level, an option) is a cube of counts of its own, protected as cells are: boxes
around every small hidden item, then the line rule. Levels and single-choice options also add
up to their cell ("partition" families): a box that moved one level alone would change that
sum, so it moves a second level the opposite way, and both are hidden over the whole box.
"""

from collections.abc import Mapping

from app.aggregates.cube import CellKey, Line
from app.aggregates.protect.boxes import INVALID, BoxSearch, large
from app.aggregates.protect.rules import Count, Unresolvable, protect, share_visible

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
    search: BoxSearch | None = None,
    covered: frozenset[CellKey] = frozenset(),
) -> set[tuple[CellKey, str]]:
    """Hidden (cell, item) pairs.

    search (snapshots) puts small hidden items in boxes; items of covered cells need none,
    since a box around their cell already moves each of them (the enterprise moved in or out
    of the box answers every question).
    """
    values, primary, fixed_visible, fixed_hidden = classify(family, k, visible, fresh, shown)
    hidden = (primary - fixed_visible) | fixed_hidden
    items = sorted({item for key, item in values if item != WHOLE})
    partition = any(item == WHOLE for _, item in values)
    if search is not None:
        _boxes(values, items, partition, hidden, fixed_visible, search, covered, k)
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


def _boxes(values, items, partition, hidden, fixed_visible, search, covered, k) -> None:
    """Put every small hidden item in a hidden box (paired in partition families)."""
    counts = {item: {} for item in items}
    for (cell, item), value in values.items():
        if item != WHOLE and not value.empty:
            counts[item][cell] = value.count
    hidden_cells = {item: set() for item in items}
    fixed_cells = {item: set() for item in items}
    for cell, item in hidden:
        if item != WHOLE:
            hidden_cells[item].add(cell)
    for cell, item in fixed_visible:
        if item != WHOLE:
            fixed_cells[item].add(cell)

    def pricing(item):
        present, shut, pinned = counts[item], hidden_cells[item], fixed_cells[item]

        def cost(cell):
            if cell in shut:
                return 0
            if cell not in present or cell in pinned:
                return INVALID
            return 1 + present[cell]

        return cost

    costs = {item: pricing(item) for item in items}
    small = sorted(
        (key, item)
        for key, item in hidden
        if item != WHOLE and key not in covered and not large(values[(key, item)], k)
    )
    done = set()
    for key, item in small:
        if (key, item) in done:
            continue
        cells = search.cover_cheaply(key, costs[item])
        chosen = [item]
        if partition:
            prices = [(sum(map(costs[o], cells)), o) for o in items if o != item]
            price, partner = min(prices, default=(INVALID, None))
            if partner is None or price >= INVALID:
                raise Unresolvable(key)
            chosen.append(partner)
        for member in chosen:
            hidden_cells[member].update(cells)
            pairs = {(cell, member) for cell in cells}
            hidden.update(pairs)
            done.update(pairs)
