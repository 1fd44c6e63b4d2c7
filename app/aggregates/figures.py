"""The figures of visible cells: means, quartiles and shares, each behind its own rule.

A visible cell (n ≥ k) shows its count and mean score. Inside it, every further figure is a
smaller group and gets the same treatment as a cell, across the whole cube: a dimension's mean
counts the enterprises with a score in it; a maturity level's or an option's share counts those
at the level (or choosing the option) and those not. Each family of figures (one dimension, the
maturity levels, one question) runs through disclosure.protect with the cube's lines, and, for
levels and single-choice options, the line "the shares of a cell add up to all of it".
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.aggregates.boxes import finest_cells
from app.aggregates.cube import CellKey, Line
from app.aggregates.disclosure import Count, quartiles_visible, round_points, round_share
from app.aggregates.families import WHOLE, protect_family

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


@dataclass(frozen=True)
class Layout:
    """What a questionnaire's figures are: its dimensions and choice questions with options."""

    dimensions: tuple[str, ...]
    single: dict[str, tuple[str, ...]]
    multiple: dict[str, tuple[str, ...]]


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
    boxes: bool = True,
) -> dict[CellKey, dict]:
    """Figures of the fresh visible cells; the others keep theirs (previous) unchanged.

    boxes: protect against combining lines across the cube (snapshots); a live answer has a
    single line (its total and groups), which the line rule alone protects.
    """
    below = finest_cells({key: Count(s.overall.n) for key, s in stats.items()}) if boxes else None
    decided = {}
    for name, family in _families(stats, layout).items():
        shown = {key: _shown(previous.get(key) or {}, name) for key in previous}
        hidden = protect_family(
            family, cube_lines, k=k, visible=visible, fresh=fresh, shown=shown, below=below
        )
        found: dict[CellKey, set] = {}
        for key, item in hidden:
            found.setdefault(key, set()).add(item)
        decided[name] = found
    figures = {}
    for key in sorted(fresh & visible):
        cell = stats[key]
        hidden = {name: found.get(key, set()) for name, found in decided.items()}
        figures[key] = {
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
                    else round_share(cell.chosen.get(q, {}).get(o, 0), cell.answered[q])
                    for o in options
                }
                for q, options in {**layout.single, **layout.multiple}.items()
                if cell.answered.get(q)
            },
        }
    return figures


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
            answered = cell.answered.get(q, 0)
            if not answered:
                continue
            chosen = cell.chosen.get(q, {})
            items = {o: Count(chosen.get(o, 0), answered - chosen.get(o, 0)) for o in options}
            if q in layout.single:
                items[WHOLE] = Count(answered)
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
