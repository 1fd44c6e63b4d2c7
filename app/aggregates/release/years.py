"""Disclosure control between years: no cell's change from another year isolates a few firms.

Each year's cube is protected on its own (protect/), but a reader can ask for the same cell in
two years and subtract. A firm that filed in both years with much the same answers (most do:
a certificate or a QC group rarely comes and goes in a year) nearly cancels out, so the
difference is, to a good approximation and exactly when the others' answers did not change, the
contribution of the firms that joined, left or moved to another cell. We assume the worst: that
the firms in both years cancel exactly. The difference of a cell's figures between two years is
then a table of its own, over those firms only (`moved`), and it is protected as one year's
table is (docs/disclosure-control.md §7): a cell moved by 1 to k − 1 firms is hidden in the year
being decided, with boxes and the line rule on the moved counts, so that neither that cell nor
a group of hidden cells gives fewer than k firms' figures away by subtraction. Cells whose
membership did not change are known to the attacker as differences of zero, and take no part.

The decision reads only who filed where, never a score or an answer: a pattern chosen from the
values would itself tell something about them. Pure: no Flask, no database.
"""

from collections import Counter
from collections.abc import Iterable, Mapping

from app.aggregates.cube import ALL, CellKey, Coord, keys_of, lines
from app.aggregates.protect.boxes import BoxSearch, Protected, protect_cube
from app.aggregates.protect.rules import Count, Unresolvable, protect

Population = Mapping[int, Coord]  # enterprise → its finest cell in one year


def apply_changes(population: Population, changes: Iterable) -> dict[int, Coord]:
    """The population once the changes (release/plan.Change) are released."""
    planned = dict(population)
    for change in changes:
        if change.new is None:
            planned.pop(change.enterprise_id, None)
        else:
            planned[change.enterprise_id] = change.new
    return planned


def moved(year: Population, other: Population) -> Counter:
    """Per cell, the firms in it in one of the two years only: joined, left or moved."""
    alone: Counter = Counter()
    pairs: Counter = Counter()
    for firm, coord in year.items():
        was = other.get(firm)
        if was is None:
            alone[coord] += 1
        elif was != coord:
            pairs[(coord, was)] += 1
    for firm, coord in other.items():
        if firm not in year:
            alone[coord] += 1
    found: Counter = Counter()
    for coord, count in alone.items():
        for key in keys_of(coord):
            found[key] += count
    for (now, then), count in pairs.items():
        # A cell holding both places holds the firm in both years.
        for key in set(keys_of(now)) ^ set(keys_of(then)):
            found[key] += count
    return found


def protect_years(
    counts: Mapping[CellKey, int],
    decided: Protected,
    *,
    planned: Population,
    others: Iterable[Population],
    k: int,
    fresh: set[CellKey],
    fixed_visible: set[CellKey],
    fixed_hidden: set[CellKey],
) -> Protected:
    """This year's hidden cells, grown until no other year's figures isolate 1 to k − 1 firms.

    Another year's cells count as published whatever their state (its hidden ones might be
    solved for): only this year's cells can be hidden, and only those decided anew. Raises
    Unresolvable when a line cannot be protected without hiding a fixed cell.
    """
    tables = [table for table in (moved(planned, other) for other in others) if table]
    hidden, covered = set(decided.hidden), set(decided.covered)
    values = {key: Count(n) for key, n in counts.items()}
    while True:
        added: set[CellKey] = set()
        for table in tables:
            added |= _across(table, counts, hidden, k, fresh, fixed_visible, fixed_hidden)
        if not added:
            return Protected(hidden, covered)
        # The cells hidden for the years' sake must be safe within this year's table too;
        # covered stays this year's boxes (figures inside covered cells rely on them).
        again = protect_cube(
            values,
            k=k,
            primary=hidden | added,
            fixed_visible=fixed_visible,
            fixed_suppressed=fixed_hidden,
        )
        hidden, covered = set(again.hidden), covered | again.covered


def _across(table, counts, hidden, k, fresh, fixed_visible, fixed_hidden) -> set[CellKey]:
    """This year's cells to hide so that the moved table's small cells stay unknown."""
    cells = set(table)
    values = {key: Count(m) for key, m in table.items()}
    # Empty this year, a cell's difference is the other year's figure: public when that cell
    # held k firms or more, hidden in that year (and so unknown) when it held fewer.
    gone = cells - set(counts)
    unseen = {key for key in gone if table[key] < k}
    known = (fixed_visible & cells) | (gone - unseen)
    held = (hidden & cells) | (fixed_hidden & cells) | unseen
    small = {key for key in cells & set(counts) if table[key] < k and (key in fresh or key in held)}
    # A box moves this year's figures: every cell of it must be one this year can hide.
    search = BoxSearch(values, held | small, known | gone)
    for x in sorted(small, key=lambda c: (c.count(ALL), len(c.industry) != 3, c)):
        try:
            search.hidden.update(search.cover(x))
        except Unresolvable:
            # No box of moved cells around it (a sparse year): its chain of cells, hidden.
            search.hidden.update(key for key in keys_up(x) if key in cells and key not in known)
    # A line whose children are all known needs no repair: its parent is no secret either
    # (it is made of cells of k or more, or of cells already published).
    relations = [(p, c) for p, c in lines(values) if any(x not in known for x in c)]
    across = protect(
        values,
        relations,
        k=k,
        primary=search.hidden,
        fixed_visible=known,
        fixed_suppressed=(fixed_hidden & cells) | unseen,
    )
    return (across & set(counts)) - hidden


def keys_up(key: CellKey) -> list[CellKey]:
    """The cell and every cell above it in the cube."""
    regions = (key.region, ALL) if key.region != ALL else (ALL,)
    industries = {key.industry, key.industry[:1] if key.industry != ALL else ALL, ALL}
    sizes = (key.size, ALL) if key.size != ALL else (ALL,)
    return [CellKey(r, i, s) for r in regions for i in industries for s in sizes]
