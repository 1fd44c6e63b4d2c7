"""Taking a snapshot (release what may be released, decide every cell) and reading one back."""

import logging

from sqlalchemy import delete, insert, or_, select

from app.aggregates.cube import CellKey, lines
from app.aggregates.models import AggregateCell, AggregatePending, AggregateSnapshot
from app.aggregates.protect.figures import Layout, build_figures
from app.aggregates.protect.rules import Unresolvable
from app.aggregates.release.plan import Plan, Published, plan_release
from app.aggregates.snapshot.population import layout_of, pending_changes, release_changes
from app.aggregates.snapshot.sources import released_source
from app.aggregates.snapshot.statistics import CUBE, NO_LABELS, collect_stats
from app.db import db, utcnow
from app.questionnaires.models import DRAFT, QuestionnaireVersion

log = logging.getLogger(__name__)


def latest_snapshot() -> AggregateSnapshot | None:
    return db.session.scalar(
        select(AggregateSnapshot).order_by(AggregateSnapshot.id.desc()).limit(1)
    )


def _at(snapshot_id: int):
    return (
        AggregateCell.valid_from <= snapshot_id,
        or_(AggregateCell.valid_to.is_(None), AggregateCell.valid_to > snapshot_id),
    )


def cells_at(
    *, snapshot_id: int, questionnaire: str, year: int, fixed: dict[str, str] | None = None
) -> dict[CellKey, AggregateCell]:
    """Every cell a snapshot published for a questionnaire-year (hidden ones included).

    fixed: coordinate → value, to read only the cells there (a query's total and its groups:
    a read need not load the thousands of cells of the whole cube).
    """
    rows = db.session.scalars(
        select(AggregateCell).where(
            AggregateCell.questionnaire_key == questionnaire,
            AggregateCell.year == year,
            *_at(snapshot_id),
            *(getattr(AggregateCell, name) == value for name, value in (fixed or {}).items()),
        )
    )
    return {CellKey(c.region, c.industry, c.size): c for c in rows}


def years_at(*, snapshot_id: int, questionnaire: str) -> list[int]:
    """The years a snapshot has cells for, oldest first."""
    query = (
        select(AggregateCell.year)
        .distinct()
        .where(AggregateCell.questionnaire_key == questionnaire, *_at(snapshot_id))
    )
    return sorted(db.session.scalars(query))


class Frozen(Exception):
    """A questionnaire-year whose changes cannot be published safely: take it without them."""

    def __init__(self, part: str):
        super().__init__(part)
        self.part = part


def take_snapshot(
    *, trigger: str, k: int, frozen: frozenset[str] = frozenset()
) -> AggregateSnapshot:
    """Publish a new snapshot of every questionnaire (flushes; the caller commits).

    frozen: questionnaire-years ("quality/2026") that release nothing this time; raises Frozen
    naming a part whose figures could not be protected, so that the caller retries with it.
    """
    previous = latest_snapshot()
    # A new k re-decides every cell; cells shown under the old k lose their stickiness.
    reset = previous is not None and previous.min_cell != k
    snapshot = AggregateSnapshot(trigger=trigger, min_cell=k, taken_at=utcnow())
    db.session.add(snapshot)
    db.session.flush()
    summary = {}
    # A questionnaire with drafts only has nothing submitted yet, and no layout.
    released = QuestionnaireVersion.state != DRAFT
    keys = db.session.scalars(select(QuestionnaireVersion.key).where(released).distinct()).all()
    for key in sorted(keys):
        layout, _ = layout_of(key)
        changes = pending_changes(questionnaire=key)
        current = (
            select(AggregateCell.year)
            .distinct()
            .where(AggregateCell.questionnaire_key == key, AggregateCell.valid_to.is_(None))
        )
        for year in sorted(set(changes) | set(db.session.scalars(current))):
            part = f"{key}/{year}"
            released = [] if part in frozen else changes.get(year, [])
            try:
                summary[part] = _publish(snapshot, key, year, released, layout, k=k, reset=reset)
            except Unresolvable as error:
                raise Frozen(part) from error
            if part in frozen:
                summary[part]["held"] = len(changes.get(year, []))
    snapshot.summary = summary
    db.session.flush()
    log.info("aggregate snapshot %s taken (%s): %s", snapshot.id, trigger, summary)
    return snapshot


def _publish(snapshot, key: str, year: int, changes, layout: Layout, *, k: int, reset: bool):
    rows = cells_at(snapshot_id=snapshot.id, questionnaire=key, year=year)
    pending: dict[CellKey, set[int]] = {}
    for p in db.session.scalars(
        select(AggregatePending).where(
            AggregatePending.questionnaire_key == key, AggregatePending.year == year
        )
    ):
        pending.setdefault(CellKey(p.region, p.industry, p.size), set()).add(p.enterprise_id)
    published = {
        cell: Published(row.n, row.suppressed, row.exposed, frozenset(pending.get(cell, ())))
        for cell, row in rows.items()
    }
    values = {id(change): row for change, row in changes}
    plan = plan_release(published, [change for change, _ in changes], k=k, reset=reset)
    if plan.released:
        release_changes(
            questionnaire=key,
            year=year,
            changes=[(c, values[id(c)]) for c in plan.released],
            layout=layout,
        )
    figures = _figures(plan, rows, key, year, layout, k)
    written = _write_cells(snapshot, key, year, plan, rows, figures)
    db.session.execute(
        delete(AggregatePending).where(
            AggregatePending.questionnaire_key == key, AggregatePending.year == year
        )
    )
    entries = [
        {"questionnaire_key": key, "year": year, **cell._asdict(), "enterprise_id": firm}
        for cell, firms in plan.pending.items()
        for firm in sorted(firms)
    ]
    if entries:
        db.session.execute(insert(AggregatePending), entries)
    return {
        "released": len(plan.released),
        "held": len(plan.held),
        "cells": len(plan.n),
        "hidden": len(plan.hidden),
        "written": written,
    }


def _figures(plan: Plan, rows, key, year, layout, k) -> dict[CellKey, dict]:
    visible = set(plan.n) - plan.hidden
    if not plan.fresh & visible:
        return {}
    stats = collect_stats(released_source(key, year), [(g, NO_LABELS) for g in CUBE])
    counted = {cell: s.overall.n for cell, s in stats.items()}
    if counted != plan.n:
        raise RuntimeError(f"{key}/{year}: released population disagrees with the plan")
    previous = {cell: row.figures for cell, row in rows.items() if row.figures}
    return build_figures(
        stats,
        layout,
        lines(plan.n),
        k=k,
        visible=visible,
        fresh=plan.fresh,
        previous=previous,
        covered=plan.covered,
    )


def _write_cells(snapshot, key, year, plan: Plan, rows, figures) -> int:
    """Close the versions that change and add the new ones; returns how many were added."""
    added = 0
    for cell in sorted(set(rows) | set(plan.n)):
        row = rows.get(cell)
        if cell not in plan.n:
            row.valid_to = snapshot.id
            continue
        hidden = cell in plan.hidden
        shown = None if hidden else figures.get(cell, row.figures if row else None)
        state = (plan.n[cell], hidden, cell in plan.exposed, shown)
        if row is not None and (row.n, row.suppressed, row.exposed, row.figures) == state:
            continue
        if row is not None:
            row.valid_to = snapshot.id
        db.session.add(
            AggregateCell(
                questionnaire_key=key,
                year=year,
                region=cell.region,
                industry=cell.industry,
                size=cell.size,
                valid_from=snapshot.id,
                n=state[0],
                suppressed=hidden,
                exposed=state[2],
                figures=shown,
            )
        )
        added += 1
    db.session.flush()
    return added
