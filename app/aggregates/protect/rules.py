"""Statistical disclosure control: which published figures must be hidden.

The rules and the reasoning behind them are in docs/disclosure-control.md.

Pure functions over counts, with no Flask and no database, so that every rule is tested alone.

- Primary suppression: a cell of fewer than k enterprises shows nothing, not even its count.
  A share (an option, a maturity level) shows only when both the enterprises counted and the
  enterprises not counted number at least k: "all but two" isolates the two as well as "two".
- Secondary suppression (protect): in every line parent = Σ children whose parent is shown,
  the hidden children must be none, all, or at least two holding at least k enterprises
  together (and k not counted, for shares); a hidden parent needs a hidden child. Otherwise
  the visible figures would give a hidden one by subtraction.
- Quartiles only where n ≥ 10; means rounded to whole points; no minimum or maximum ever.
"""

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

MIN_CELL_FLOOR = 3
QUARTILE_MIN = 10

K = TypeVar("K", bound=Hashable)


class Unresolvable(Exception):
    """No cell may be hidden to protect a line: every candidate is already published."""


@dataclass(frozen=True)
class Count:
    """What a figure counts: enterprises in it, and (for a share) those outside it."""

    count: int
    complement: int | None = None

    @property
    def empty(self) -> bool:
        return self.count == 0 and not self.complement


def check_min_cell(k: int) -> int:
    if k < MIN_CELL_FLOOR:
        raise ValueError(f"MIN_CELL must be at least {MIN_CELL_FLOOR}, got {k}")
    return k


def cell_visible(n: int, k: int) -> bool:
    """Primary rule for a cell: at least k distinct enterprises."""
    return n >= k


def share_visible(count: int, denominator: int, k: int) -> bool:
    """Primary rule for a share: k counted and k not counted."""
    return count >= k and denominator - count >= k


def quartiles_visible(n: int) -> bool:
    return n >= QUARTILE_MIN


def round_points(value: float | None) -> int | None:
    """Whole points, halves rounded up (not to even, which would look arbitrary)."""
    return None if value is None else math.floor(value + 0.5)


def round_share(count: int, denominator: int) -> float:
    return round(count / denominator, 3)


def _enough(figures: Sequence[Count], k: int) -> bool:
    if sum(f.count for f in figures) < k:
        return False
    complements = [f.complement for f in figures]
    return None in complements or sum(complements) >= k


def protect(
    values: Mapping[K, Count],
    relations: Iterable[tuple[K, Sequence[K]]],
    *,
    k: int,
    primary: Iterable[K] = (),
    fixed_visible: Iterable[K] = (),
    fixed_suppressed: Iterable[K] = (),
) -> set[K]:
    """Hidden figures after secondary suppression; primary and fixed_suppressed start hidden.

    values holds every non-empty figure; relations are (parent, children). Fixed figures keep
    their state (they were published before and have not changed); only the others may be
    hidden to protect a line. Raises Unresolvable when a line cannot be protected.
    """
    fixed = set(fixed_visible) | set(fixed_suppressed)
    hidden = (set(primary) - set(fixed_visible)) | set(fixed_suppressed)
    lines = [
        (parent, tuple(c for c in children if c in values and not values[c].empty))
        for parent, children in relations
        if parent in values
    ]
    lines = [line for line in lines if line[1]]
    touching: dict[K, list[int]] = defaultdict(list)
    for index, (parent, children) in enumerate(lines):
        touching[parent].append(index)
        for child in children:
            touching[child].append(index)

    queue = list(range(len(lines)))
    queued = set(queue)
    while queue:
        index = queue.pop()
        queued.discard(index)
        parent, children = lines[index]
        candidate = _repair(parent, children, values, hidden, fixed, k)
        if candidate is None:
            continue
        hidden.add(candidate)
        for other in touching[candidate]:
            if other not in queued:
                queued.add(other)
                queue.append(other)
    return hidden


def _repair(parent, children, values, hidden, fixed, k):
    """None when the line is safe, else the figure to hide next."""
    shown = [c for c in children if c not in hidden]
    if parent in hidden:
        if not shown or len(shown) < len(children):
            return None  # a hidden child keeps the hidden parent from being a plain sum
    else:
        concealed = [values[c] for c in children if c in hidden]
        if not concealed or not shown or (len(concealed) >= 2 and _enough(concealed, k)):
            return None
    free = sorted(
        (c for c in shown if c not in fixed),
        key=lambda c: (values[c].count, values[c].complement or 0, repr(c)),
    )
    if free:
        return free[0]
    if parent not in hidden and parent not in fixed:
        return parent
    raise Unresolvable(parent)
