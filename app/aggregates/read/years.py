"""Aggregates by year: each year's figures for one total, and the change from the year before.

Each year's figures are those GET /aggregates answers for that year (published cells, or live
ones for a regulator), so this series publishes nothing a reader could not already ask for year
by year. The change between two years is shown only where both years are shown and, for
published figures, where the two years' released populations of the total differ by no
enterprise or by at least min_cell of them: the rule release/plan.py applies between snapshots
(a change goes out only when at least k changes move it), so that one firm joining or leaving is
never what the change is made of. docs/disclosure-control.md says what this does not cover.
"""

from dataclasses import replace

from sqlalchemy import select

from app.aggregates.cube import ALL
from app.aggregates.models import AggregateMember
from app.aggregates.read.query import Query, read_aggregates
from app.aggregates.read.representation import label
from app.aggregates.snapshot.population import layout_of
from app.aggregates.snapshot.sources import latest_submissions
from app.aggregates.snapshot.take import latest_snapshot, years_at
from app.db import db
from app.errors import ApiError
from app.i18n import current_language
from app.messages.common import UNKNOWN_QUESTIONNAIRE
from app.questionnaires.representation import localise_tree

SHOWN = ("n", "overall", "maturity", "dimensions")


def years_of(query: Query) -> list[int]:
    """The years with figures: the latest snapshot's, or (live) any year anyone submitted in."""
    if query.live:
        latest = latest_submissions(query.questionnaire).subquery()
        return sorted(db.session.scalars(select(latest.c.year).distinct()))
    snapshot = latest_snapshot()
    if snapshot is None:
        return []
    return years_at(snapshot_id=snapshot.id, questionnaire=query.questionnaire)


def released_members(query: Query, year: int) -> set[int]:
    """The enterprises in the total's cell of a year, as last released."""
    m = AggregateMember
    where = [m.questionnaire_key == query.questionnaire, m.year == year]
    total = query.total
    if total.region != ALL:
        where.append(m.region == total.region)
    if total.industry != ALL:
        where.append((m.division if len(total.industry) == 3 else m.section) == total.industry)
    if total.size != ALL:
        where.append(m.size == total.size)
    return set(db.session.scalars(select(m.enterprise_id).where(*where)))


def change_allowed(before: set[int], after: set[int], k: int) -> bool:
    """Whether the difference of two years' figures may be shown: the firms in one year only
    (joined or left) are none, or at least k."""
    moved = len(before ^ after)
    return moved == 0 or moved >= k


def _change(before: dict, after: dict) -> dict:
    def diff(a, b):
        return None if a is None or b is None else b - a

    return {
        "n": after["n"] - before["n"],
        "mean": diff(before["overall"]["mean"], after["overall"]["mean"]),
        "median": diff(before["overall"]["median"], after["overall"]["median"]),
    }


def read_years(*, query: Query, min_cell: int) -> dict:
    """The body of GET /aggregates/years: per year the total, and the change where allowed."""
    found = layout_of(query.questionnaire)
    if found is None:
        raise ApiError(422, errors={"questionnaire": [UNKNOWN_QUESTIONNAIRE]})
    lang = current_language()
    rows, previous, members, head = [], None, None, None
    for year in years_of(query):
        body = read_aggregates(query=replace(query, year=year, group_by=None), min_cell=min_cell)
        head = head or body
        total = body["total"]
        row = {"year": year, "suppressed": total["suppressed"], "change": None}
        row.update({key: total[key] for key in SHOWN if key in total})
        now = None if query.live else released_members(query, year)
        withheld = False
        if previous is not None and not previous["suppressed"] and not total["suppressed"]:
            if query.live or change_allowed(members, now, body["min_cell"]):
                row["change"] = _change(previous, row)
            else:
                withheld = True
        row["change_withheld"] = withheld
        rows.append(row)
        previous, members = row, now
    return {
        "questionnaire": {
            "key": query.questionnaire,
            "title": localise_tree(found[1]["title"], lang),
        },
        "filters": {**query.filters(None), "group_by": "none"},
        "min_cell": head["min_cell"] if head else min_cell,
        "snapshot": head["snapshot"] if head else None,
        "label": label(query.total, lang),
        "years": rows,
    }
