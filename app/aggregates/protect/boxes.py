"""Hypercube protection: every small hidden cell is a corner of a box of hidden cells.

Hiding one more cell per line is not enough in a cube: an attacker who combines lines across
several dimensions can solve for a hidden cell (tests/aggregates/test_disclosure.py shows the
attack). A box makes that impossible. Take a finest cell b = (r, d, s) and, in each dimension,
either vary it (a second unit r', division d' or size s') or keep it. Adding +1 at b, −1 where
one coordinate is swapped, +1 where two are, and carrying the change up every level below
the point where the two branches meet, changes no sum above that point: every visible cell
keeps its value, while every cell of the box changes. So if every cell of the box is hidden
(and none is empty, so that counts can move both ways), the attacker's equations have two
solutions that differ in each of them, and none of them can be recovered. This is the
HYPERCUBE method of τ-ARGUS (Repsilber; Giessing), applied to our three hierarchies.
"""

from collections import defaultdict
from collections.abc import Mapping
from itertools import product
from typing import NamedTuple

from app.aggregates.cube import ALL, SIZES, CellKey, lines
from app.aggregates.protect.rules import Count, Unresolvable, protect

ALTERNATIVES = 3  # the cheapest alternatives per dimension tried first
RANKED = 12  # boxes kept per cell for the items of families
INVALID = float("inf")


def finest_cells(values: Mapping[CellKey, Count]) -> dict[CellKey, list[CellKey]]:
    """Each cell's finest cells (unit, division, size) below it that are not empty."""
    below: dict[CellKey, list[CellKey]] = defaultdict(list)
    for key, value in values.items():
        if ALL in key or len(key.industry) != 3 or value.empty:
            continue
        for region in (key.region, ALL):
            for industry in (key.industry, key.industry[0], ALL):
                for size in (key.size, ALL):
                    below[CellKey(region, industry, size)].append(key)
    return below


def _axis(kept: str, chain: tuple[str, ...], alternative: str | None, merge) -> tuple:
    """One dimension's (value, sign) pairs: kept up its chain, or against an alternative."""
    if alternative is None:
        return tuple((value, 1) for value in chain)
    own, other = merge(kept), merge(alternative)
    return tuple((v, 1) for v in own) + tuple((v, -1) for v in other)


def _industry_branch(division: str, other: str) -> tuple[str, ...]:
    return (division,) if division[0] == other[0] else (division, division[0])


def box(base: CellKey, region: str | None, division: str | None, size: str | None) -> dict:
    """The cells of a box (cell → sign) around base, varying the dimensions given."""
    regions = _axis(base.region, (base.region, ALL), region, lambda v: (v,))
    industries = _axis(
        base.industry,
        (base.industry, base.industry[0], ALL),
        division,
        lambda v: _industry_branch(v, division if v == base.industry else base.industry),
    )
    sizes = _axis(base.size, (base.size, ALL), size, lambda v: (v,))
    return {
        CellKey(r, i, s): a * b * c
        for (r, a), (i, b), (s, c) in product(regions, industries, sizes)
    }


class BoxSearch:
    """The non-empty cells, indexed for the search, and what is hidden so far."""

    def __init__(self, values: Mapping[CellKey, Count], hidden, fixed_visible, below=None):
        self.values, self.hidden, self.fixed_visible = values, hidden, fixed_visible
        self.below = finest_cells(values) if below is None else below
        self.units = sorted({k.region for k in self.below if k.region != ALL})
        self.divisions = sorted({k.industry for k in self.below if len(k.industry) == 3})
        self._ranked: dict[CellKey, list[dict]] = {}

    def cost(self, cell: CellKey) -> float:
        """What hiding the cell loses: 0 if hidden already, ∞ if it may not be hidden."""
        value = self.values.get(cell)
        if value is None or value.empty or cell in self.fixed_visible:
            return INVALID
        return 0 if cell in self.hidden else 1 + value.count

    def _cheapest(self, candidates, corner, cost) -> list:
        found = sorted((cost(corner(c)), c) for c in candidates)
        return [c for price, c in found if price < INVALID][:ALTERNATIVES]

    def _options(self, x: CellKey, base: CellKey, cost) -> tuple[list, list, list]:
        """Alternatives per dimension that keep x inside the box, cheapest first."""
        regions, industries, sizes = [None], [None], [None]
        if x.region != ALL:
            others = [u for u in self.units if u != base.region]
            regions += self._cheapest(others, lambda u: base._replace(region=u), cost)
        if x.industry != ALL:
            # x a section: the other division must lie outside it, or the box sums to 0 in x.
            others = [
                d
                for d in self.divisions
                if d != base.industry and (len(x.industry) == 3 or d[0] != x.industry)
            ]
            corner = lambda d: base._replace(industry=d)  # noqa: E731
            mine = base.industry[0]
            industries += self._cheapest([d for d in others if d[0] == mine], corner, cost)
            industries += self._cheapest([d for d in others if d[0] != mine], corner, cost)
        if x.size != ALL:
            others = [s for s in SIZES if s != base.size]
            sizes += self._cheapest(others, lambda s: base._replace(size=s), cost)
        return regions, industries, sizes

    def search(self, x: CellKey, cost=None) -> list[tuple[float, dict]]:
        """Every box tried around x with its price under cost, cheapest first (valid only)."""
        cost = cost or self.cost
        found = []
        bases = sorted(self.below.get(x, ()), key=lambda b: (cost(b), b))[:ALTERNATIVES]
        for base in bases:
            for choice in product(*self._options(x, base, cost)):
                cells = box(base, *choice)
                if x in cells:
                    price = sum(cost(cell) for cell in cells)
                    if price < INVALID:
                        found.append((price, cells))
        found.sort(key=lambda pair: (pair[0], len(pair[1])))
        return found

    def cover(self, x: CellKey, cost=None) -> dict[CellKey, int]:
        """The cheapest box holding x whose cells may all be hidden; Unresolvable if none."""
        found = self.search(x, cost)
        if not found:
            raise Unresolvable(x)
        return found[0][1]

    def cover_cheaply(self, x: CellKey, cost) -> dict[CellKey, int]:
        """As cover, trying first the boxes ranked once for x (shared by many items)."""
        if x not in self._ranked:
            self._ranked[x] = [cells for _, cells in self.search(x)[:RANKED]]
        best, best_price = None, INVALID
        for cells in self._ranked[x]:
            price = sum(map(cost, cells))
            if price < best_price:
                best, best_price = cells, price
                if price == 0:
                    break
        return best if best is not None else self.cover(x, cost)


def protect_boxes(
    values: Mapping[CellKey, Count],
    *,
    small: set[CellKey],
    hidden: set[CellKey],
    fixed_visible: set[CellKey],
) -> tuple[set[CellKey], set[CellKey]]:
    """(hidden, covered): every small hidden cell put in a box of hidden (covered) cells."""
    cube = BoxSearch(values, set(hidden), set(fixed_visible))
    covered: set[CellKey] = set()
    # Finest cells first: their boxes are the cheapest and often cover coarser cells too.
    for x in sorted(small, key=lambda c: (c.count(ALL), len(c.industry) != 3, c)):
        if x in covered:
            continue
        cells = cube.cover(x)
        cube.hidden.update(cells)
        covered.update(cells)
    return cube.hidden, covered


class Protected(NamedTuple):
    hidden: set[CellKey]
    covered: set[CellKey]  # hidden cells in a box: no combination of sums determines them


def protect_cube(
    values: Mapping[CellKey, Count],
    *,
    k: int,
    primary=(),
    fixed_visible=(),
    fixed_suppressed=(),
    relations=None,
) -> Protected:
    """Boxes around every small hidden cell, then the line rule (rules.protect)."""
    fixed_visible = set(fixed_visible)
    start = (set(primary) - fixed_visible) | set(fixed_suppressed)
    small = {c for c in start if not large(values[c], k)}
    boxed, covered = protect_boxes(values, small=small, hidden=start, fixed_visible=fixed_visible)
    hidden = protect(
        values,
        lines(values) if relations is None else relations,
        k=k,
        primary=boxed,
        fixed_visible=fixed_visible,
        fixed_suppressed=fixed_suppressed,
    )
    return Protected(hidden, covered)


def large(value: Count, k: int) -> bool:
    return value.count >= k and (value.complement is None or value.complement >= k)
