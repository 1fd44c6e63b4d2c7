"""The figures of visible cells: means, quartiles and shares, each behind its own rule.

A visible cell (n ≥ k) shows its count and mean score. Inside it, every further figure is a
smaller group and gets the same treatment as a cell, across the whole cube: a dimension's mean
counts the enterprises with a score in it; a maturity level's or an option's share counts those
at the level (or choosing the option) and those not. Each family of figures (one dimension, the
maturity levels, one question) runs through rules.protect with the cube's lines, and, for
levels and single-choice options, the line "the shares of a cell add up to all of it".
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.aggregates.cube import CellKey, Line
from app.aggregates.protect.boxes import BoxSearch, finest_cells, protect_cube
from app.aggregates.protect.families import WHOLE, protect_family
from app.aggregates.protect.rules import (
    Count,
    protect,
    quartiles_visible,
    round_points,
    round_share,
)

MATURITY_LEVELS = ("1", "2", "3", "4", "5")


@dataclass
class Measured:
    """A value's n, total and quartiles in one cell, as SQL returned them."""

    n: int
    total: float
    p25: float | None = None
    median: float | None = None
    p75: float | None = None


@dataclass
class CellStats:
    overall: Measured
    levels: dict[str, int] = field(default_factory=dict)
    dimensions: dict[str, Measured] = field(default_factory=dict)
    answered: dict[str, int] = field(default_factory=dict)
    chosen: dict[str, dict[str, int]] = field(default_factory=dict)


# Evidence counts are figures like a multiple-choice question's (docs/evidence.md): per question
# ("ev:q:<id>") and per dimension ("ev:d:<key>"), the enterprises with a file ("attached") and
# with a verified file ("verified"), as shares of the whole cell.
EVIDENCE_PREFIX = "ev:"
EVIDENCE_OPTIONS = ("attached", "verified")


def is_evidence(question: str) -> bool:
    return question.startswith(EVIDENCE_PREFIX)


@dataclass(frozen=True)
class Layout:
    """What a questionnaire's figures are: its dimensions and choice questions with options.

    evidence: question id → its dimension key (None: unscored), for the questions taking files.
    """

    dimensions: tuple[str, ...]
    single: dict[str, tuple[str, ...]]
    multiple: dict[str, tuple[str, ...]]
    evidence: dict[str, str | None] = field(default_factory=dict)


def answered(cell: "CellStats", question: str) -> int:
    """Those a question's shares count: who answered it; for evidence, the whole cell."""
    return cell.overall.n if is_evidence(question) else cell.answered.get(question, 0)


def measured_figure(m: Measured | None) -> dict:
    """mean (whole points) and, from 10 enterprises, the quartiles; never a minimum or maximum."""
    if m is None or m.n == 0:
        return {"mean": None, "median": None, "p25": None, "p75": None}
    quartiles = quartiles_visible(m.n)
    return {
        "mean": round_points(m.total / m.n),
        "median": round_points(m.median) if quartiles else None,
        "p25": round_points(m.p25) if quartiles else None,
        "p75": round_points(m.p75) if quartiles else None,
    }


def build_figures(
    stats: Mapping[CellKey, CellStats],
    layout: Layout,
    cube_lines: list[Line],
    *,
    k: int,
    visible: set[CellKey],
    fresh: set[CellKey],
    previous: Mapping[CellKey, dict],
    covered: set[CellKey] | None = None,
) -> dict[CellKey, dict]:
    """Figures of the fresh visible cells; the others keep theirs (previous) unchanged.

    covered (snapshots): the hidden cells that boxes protect; with it, boxes protect the
    figures inside cells too. Without it (a live answer, whose only line is its total and
    groups), the line rule alone does.
    """
    counts = {key: Count(cell.overall.n) for key, cell in stats.items()}
    search, covered_items = None, frozenset()
    no_shares = _share_layer(counts, cube_lines, k, visible, fresh, previous, covered)
    if covered is not None:
        no_shares, share_covered = no_shares
        search = BoxSearch(counts, set(no_shares), set(), finest_cells(counts))
        covered_items = frozenset(covered | share_covered)
    decided = {}
    for name, family in _families(stats, layout).items():
        shown = {key: _shown(previous.get(key) or {}, name) for key in previous}
        allowed = visible if name[0] == "dimension" else visible - no_shares
        hidden = protect_family(
            family,
            cube_lines,
            k=k,
            visible=allowed,
            fresh=fresh,
            shown=shown,
            search=search,
            covered=covered_items,
        )
        found: dict[CellKey, set] = {}
        for key, item in hidden:
            found.setdefault(key, set()).add(item)
        decided[name] = found
    return {
        key: _figures(stats[key], layout, decided, key, shares=key not in no_shares)
        for key in sorted(fresh & visible)
    }


def _share_layer(counts, cube_lines, k, visible, fresh, previous, covered):
    """Cells that show no share at all: hidden ones, and visible ones under 2k.

    A share needs k enterprises on each side of it, so a cell of fewer than 2k can show none;
    such cells are then protected as cells are, at 2k, so that no share can be had from them
    by subtraction either. Returns the set, and with boxes (covered given) the covered ones.
    """
    fixed_visible = {key for key in visible - fresh if (previous.get(key) or {}).get("shares")}
    fixed_hidden = (set(counts) - visible) | (visible - fresh - fixed_visible)
    primary = {key for key in visible & fresh if counts[key].count < 2 * k}
    if covered is None:
        return protect(
            counts,
            cube_lines,
            k=2 * k,
            primary=primary,
            fixed_visible=fixed_visible,
            fixed_suppressed=fixed_hidden,
        )
    return protect_cube(
        counts,
        k=2 * k,
        primary=primary,
        fixed_visible=fixed_visible,
        fixed_suppressed=fixed_hidden,
        relations=cube_lines,
    )


def _figures(cell: CellStats, layout: Layout, decided: dict, key: CellKey, shares: bool) -> dict:
    hidden = {name: found.get(key, set()) for name, found in decided.items()}
    questions = {**layout.single, **layout.multiple}
    return {
        "n": cell.overall.n,
        "overall": measured_figure(cell.overall),
        "dimensions": {
            d: None if d in hidden[("dimension", d)] else measured_figure(cell.dimensions[d])
            for d in layout.dimensions
            if d in cell.dimensions
        },
        "maturity": {
            level: None
            if level in hidden[("maturity",)]
            else round_share(cell.levels.get(level, 0), cell.overall.n)
            for level in MATURITY_LEVELS
        },
        "questions": {
            q: {
                o: None
                if o in hidden[("question", q)]
                else round_share(cell.chosen.get(q, {}).get(o, 0), answered(cell, q))
                for o in options
            }
            for q, options in questions.items()
            if answered(cell, q)
        },
        # Internal: whether the cell may show shares (the next snapshot keeps that).
        "shares": shares,
    }


def _families(stats: Mapping[CellKey, CellStats], layout: Layout) -> dict[tuple, dict]:
    """Per family: item → (whole, count, complement) in every cell that has it."""
    families: dict[tuple, dict] = {}
    for d in layout.dimensions:
        families[("dimension", d)] = {
            key: {d: Count(cell.dimensions[d].n)}
            for key, cell in stats.items()
            if d in cell.dimensions
        }
    families[("maturity",)] = {
        key: {
            WHOLE: Count(cell.overall.n),
            **{
                level: Count(cell.levels.get(level, 0), cell.overall.n - cell.levels.get(level, 0))
                for level in MATURITY_LEVELS
            },
        }
        for key, cell in stats.items()
    }
    for q, options in {**layout.single, **layout.multiple}.items():
        family = {}
        for key, cell in stats.items():
            whole = answered(cell, q)
            if not whole:
                continue
            chosen = cell.chosen.get(q, {})
            items = {o: Count(chosen.get(o, 0), whole - chosen.get(o, 0)) for o in options}
            if q in layout.single:
                items[WHOLE] = Count(whole)
            family[key] = items
        families[("question", q)] = family
    return families


def _shown(figures: dict, family: tuple) -> set[str]:
    """The items of a family that a previously published cell showed."""
    if family[0] == "dimension":
        part = {family[1]: figures.get("dimensions", {}).get(family[1])}
    elif family[0] == "maturity":
        part = figures.get("maturity", {})
    else:
        part = figures.get("questions", {}).get(family[1], {})
    return {item for item, value in part.items() if value is not None}
