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

from app.aggregates.cube import ALL, SIZES, CellKey, lines
from app.aggregates.disclosure import Count, Unresolvable, protect

ALTERNATIVES = 3  # the cheapest alternatives per dimension tried first
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
    """The non-empty cells, indexed for the search."""

    def __init__(self, values: Mapping[CellKey, Count], hidden, fixed_visible, below=None):
        self.values, self.hidden, self.fixed_visible = values, hidden, fixed_visible
        self.below = finest_cells(values) if below is None else below
        self.units = sorted({k.region for k in self.below if k.region != ALL})
        self.divisions = sorted({k.industry for k in self.below if len(k.industry) == 3})

    def cost(self, cell: CellKey) -> float:
        value = self.values.get(cell)
        if value is None or value.empty or cell in self.fixed_visible:
            return INVALID
        return 0 if cell in self.hidden else 1 + value.count

    def cheapest(self, candidates, corner) -> list:
        found = sorted((self.cost(corner(c)), c) for c in candidates)
        return [c for price, c in found if price < INVALID][:ALTERNATIVES]

    def options(self, x: CellKey, base: CellKey) -> tuple[list, list, list]:
        """Alternatives per dimension that keep x inside the box, cheapest first."""
        regions, industries, sizes = [None], [None], [None]
        if x.region != ALL:
            others = [u for u in self.units if u != base.region]
            regions += self.cheapest(others, lambda u: base._replace(region=u))
        if x.industry != ALL:
            # x a section: the other division must lie outside it, or the box sums to 0 in x.
            others = [
                d
                for d in self.divisions
                if d != base.industry and (len(x.industry) == 3 or d[0] != x.industry)
            ]
            corner = lambda d: base._replace(industry=d)  # noqa: E731
            mine = base.industry[0]
            industries += self.cheapest([d for d in others if d[0] == mine], corner)
            industries += self.cheapest([d for d in others if d[0] != mine], corner)
        if x.size != ALL:
            others = [s for s in SIZES if s != base.size]
            sizes += self.cheapest(others, lambda s: base._replace(size=s))
        return regions, industries, sizes

    def cover(self, x: CellKey) -> dict[CellKey, int]:
        """The cheapest box holding x whose cells may all be hidden; Unresolvable if none."""
        best, best_price = None, INVALID
        bases = sorted(self.below.get(x, ()), key=lambda b: (self.cost(b), b))[:ALTERNATIVES]
        for base in bases:
            for choice in product(*self.options(x, base)):
                cells = box(base, *choice)
                if x not in cells:
                    continue
                price = sum(self.cost(cell) for cell in cells)
                if price < best_price:
                    best, best_price = cells, price
        if best is None:
            raise Unresolvable(x)
        return best


def protect_boxes(
    values: Mapping[CellKey, Count],
    *,
    small: set[CellKey],
    hidden: set[CellKey],
    fixed_visible: set[CellKey],
) -> set[CellKey]:
    """Hidden cells after putting every small hidden cell in a hidden box."""
    cube = BoxSearch(values, set(hidden), set(fixed_visible))
    covered: set[CellKey] = set()
    # Finest cells first: their boxes are the cheapest and often cover coarser cells too.
    for x in sorted(small, key=lambda c: (c.count(ALL), len(c.industry) != 3, c)):
        if x in covered:
            continue
        cells = cube.cover(x)
        cube.hidden.update(cells)
        covered.update(cells)
    return cube.hidden


def protect_cube(
    values: Mapping[CellKey, Count],
    *,
    k: int,
    primary=(),
    fixed_visible=(),
    fixed_suppressed=(),
    relations=None,
) -> set[CellKey]:
    """Boxes around every small hidden cell, then the line rule (disclosure.protect)."""
    fixed_visible = set(fixed_visible)
    start = (set(primary) - fixed_visible) | set(fixed_suppressed)
    small = {c for c in start if not large(values[c], k)}
    hidden = protect_boxes(values, small=small, hidden=start, fixed_visible=fixed_visible)
    return protect(
        values,
        lines(values) if relations is None else relations,
        k=k,
        primary=hidden,
        fixed_visible=fixed_visible,
        fixed_suppressed=fixed_suppressed,
    )


def large(value: Count, k: int) -> bool:
    return value.count >= k and (value.complement is None or value.complement >= k)
