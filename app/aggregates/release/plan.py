"""What a new snapshot releases, and which cells it shows: the rules between snapshots (pure).

Two snapshots must not isolate an enterprise by their difference. So:
- a change (an enterprise submitting, resubmitting or being moved) is released only when every
  figure it would alter, a visible cell or a published difference (a visible parent minus its
  visible children), is altered by at least k released changes; otherwise it is held back and
  that figure keeps its value, until enough others have changed it too;
- a cell that was not touched keeps its state and figures: hidden stays hidden, shown stays
  shown, so a new suppression pattern cannot uncover an old figure;
- a hidden cell that took part in a published difference stays hidden until k enterprises in
  it have changed since it was decided (its pending set).
Released changes update one consistent population, from which every cell is computed, so the
cube stays additive and secondary suppression (protect.rules.protect) protects it within a snapshot.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from app.aggregates.cube import CellKey, Coord, keys_of, lines
from app.aggregates.protect.boxes import protect_cube
from app.aggregates.protect.rules import Count, Unresolvable


@dataclass(frozen=True)
class Published:
    """A cell's state in the latest snapshot."""

    n: int
    suppressed: bool
    exposed: bool = False
    pending: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Change:
    """One enterprise's contribution, as released (old) and as it is now (new)."""

    enterprise_id: int
    old: Coord | None
    new: Coord | None
    old_submission: int | None = None
    new_submission: int | None = None

    def touches(self) -> set[CellKey]:
        """The cells whose content this change alters."""
        old = set(keys_of(self.old)) if self.old else set()
        new = set(keys_of(self.new)) if self.new else set()
        # Moved with the same submission: a cell holding both places is unchanged.
        return old ^ new if self.old_submission == self.new_submission else old | new

    def touches_group(self, group: frozenset[CellKey]) -> bool:
        """Whether the sum over a group of sibling cells changes."""
        old = self.old is not None and not group.isdisjoint(keys_of(self.old))
        new = self.new is not None and not group.isdisjoint(keys_of(self.new))
        if old and new and self.old_submission == self.new_submission:
            return False
        return old or new


@dataclass
class Plan:
    released: list[Change]
    held: list[Change]
    n: dict[CellKey, int]
    hidden: set[CellKey]
    exposed: set[CellKey]
    touched: set[CellKey]
    fresh: set[CellKey]  # decided anew: shown ones get newly computed figures
    covered: set[CellKey] = field(default_factory=set)  # hidden in a box (protect/boxes.py)
    pending: dict[CellKey, frozenset[int]] = field(default_factory=dict)


def observables(published: Mapping[CellKey, Published], k: int) -> list[frozenset[CellKey]]:
    """Every published figure: each visible cell, and each hidden group a difference reveals.

    A hidden cell of k or more is counted as published too: it was hidden to protect a smaller
    one, and an attacker combining lines may still solve for it.
    """
    found = [
        frozenset([key]) for key, cell in published.items() if not cell.suppressed or cell.n >= k
    ]
    for parent, children in lines(published):
        hidden = frozenset(c for c in children if published[c].suppressed)
        if not published[parent].suppressed and hidden and len(hidden) < len(children):
            found.append(hidden)
    return found


def hold_back(changes: list[Change], figures: list[frozenset[CellKey]], k: int) -> list[Change]:
    """The changes that may be released: each figure they alter is altered by ≥ k of them."""
    by_cell: dict[CellKey, list[int]] = defaultdict(list)
    for index, group in enumerate(figures):
        for key in group:
            by_cell[key].append(index)

    def altered(change: Change) -> set[int]:
        keys = set(keys_of(change.old) if change.old else ()) | set(
            keys_of(change.new) if change.new else ()
        )
        candidates = {i for key in keys for i in by_cell.get(key, ())}
        return {i for i in candidates if change.touches_group(figures[i])}

    effects = {id(change): altered(change) for change in changes}
    released = list(changes)
    while True:
        counts = Counter(i for change in released for i in effects[id(change)])
        too_few = {i for i, count in counts.items() if count < k}
        if not too_few:
            return released
        released = [c for c in released if not effects[id(c)] & too_few]


def plan_release(
    published: Mapping[CellKey, Published], changes: list[Change], *, k: int, reset: bool = False
) -> Plan:
    """Choose the changes to release and decide every cell; nothing is released if unsafe."""
    # Even when every cell is decided anew (a new k), yesterday's figures are still out there.
    released = hold_back(changes, observables(published, k), k)
    try:
        plan = _decide(published, released, k, reset)
    except Unresolvable:
        plan = _decide(published, [], k, reset=False)
    held_ids = {id(c) for c in plan.released}
    plan.held = [c for c in changes if id(c) not in held_ids]
    return plan


def _decide(published, released: list[Change], k: int, reset: bool) -> Plan:
    n = Counter({key: cell.n for key, cell in published.items()})
    changed_by: dict[CellKey, set[int]] = defaultdict(set)
    for change in released:
        for key in keys_of(change.old) if change.old else ():
            n[key] -= 1
        for key in keys_of(change.new) if change.new else ():
            n[key] += 1
        for key in change.touches():
            changed_by[key].add(change.enterprise_id)
    counts = {key: value for key, value in n.items() if value > 0}
    fixed_visible, fixed_hidden, fresh, pending = set(), set(), set(), {}
    for key in counts:
        before = published.get(key)
        if before is None or reset:
            fresh.add(key)
        elif key not in changed_by:
            (fixed_hidden if before.suppressed else fixed_visible).add(key)
            if before.pending:
                pending[key] = before.pending
        elif before.suppressed and before.exposed:
            waiting = before.pending | changed_by[key]
            if len(waiting) >= k:
                fresh.add(key)
            else:
                fixed_hidden.add(key)
                pending[key] = frozenset(waiting)
        else:
            fresh.add(key)
    hidden, covered = protect_cube(
        {key: Count(value) for key, value in counts.items()},
        k=k,
        primary=[key for key in fresh if counts[key] < k],
        fixed_visible=fixed_visible,
        fixed_suppressed=fixed_hidden,
    )
    exposed = {key for key in fixed_hidden if published[key].exposed}
    exposed |= _in_differences(counts, hidden)
    return Plan(
        released=released,
        held=[],
        n=counts,
        hidden=hidden,
        exposed=exposed & hidden,
        touched=set(changed_by) & set(counts),
        fresh=fresh,
        covered=covered,
        pending={key: ids for key, ids in pending.items() if key in exposed},
    )


def _in_differences(counts: Iterable[CellKey], hidden: set[CellKey]) -> set[CellKey]:
    """Hidden cells whose sum with their hidden siblings a visible parent reveals."""
    found = set()
    for parent, children in lines(counts):
        concealed = [c for c in children if c in hidden]
        if parent not in hidden and concealed and len(concealed) < len(children):
            found.update(concealed)
    return found
