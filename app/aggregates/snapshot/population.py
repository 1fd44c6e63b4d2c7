"""The released population: how it differs from today's submissions, and releasing changes.

aggregate_members holds, per questionnaire, year and enterprise, the submission a snapshot
released; aggregate_scores and aggregate_choices hold what the statistics read from each
released submission, extracted once in SQL. Only the changes (new submissions, resubmissions,
enterprises moved to another region, industry or size) travel through Python, never the
statistics' rows.
"""

from collections import defaultdict
from itertools import islice

from sqlalchemy import and_, delete, func, insert, or_, select

from app.aggregates.cube import Coord
from app.aggregates.models import AggregateChoice, AggregateMember, AggregateScore
from app.aggregates.protect.figures import EVIDENCE_OPTIONS, Layout
from app.aggregates.release.plan import Change
from app.aggregates.snapshot.sources import (
    choice_rows,
    evidence_rows,
    latest_submissions,
    score_rows,
)
from app.db import db
from app.questionnaires.models import DRAFT, QuestionnaireVersion

BATCH = 5000
CHOICE_TYPES = ("single", "multiple")


def batched(items, size: int = BATCH):
    """Lists of at most size items (itertools.batched arrives with Python 3.12)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def layout_of(questionnaire: str) -> tuple[Layout, dict] | None:
    """The latest definition's figures, and the definition; None if never published."""
    definitions = db.session.scalars(
        select(QuestionnaireVersion.definition)
        .where(QuestionnaireVersion.key == questionnaire, QuestionnaireVersion.state != DRAFT)
        .order_by(QuestionnaireVersion.version.desc())
    ).all()
    if not definitions:
        return None
    # An id that was ever free text is never read as an option, whatever it is now.
    never = {
        q["id"]
        for definition in definitions
        for section in definition["sections"]
        for q in section["questions"]
        if q["type"] not in CHOICE_TYPES
    }
    latest = definitions[0]
    questions = [q for s in latest["sections"] for q in s["questions"] if q["id"] not in never]
    evidence = {
        q["id"]: q.get("dimension") if q["weight"] else None
        for s in latest["sections"]
        for q in s["questions"]
        if q.get("evidence")
    }
    return (
        Layout(
            dimensions=tuple(d["key"] for d in latest["dimensions"]),
            single={
                q["id"]: tuple(o["id"] for o in q["options"])
                for q in questions
                if q["type"] == "single"
            },
            multiple={
                **{
                    q["id"]: tuple(o["id"] for o in q["options"])
                    for q in questions
                    if q["type"] == "multiple"
                },
                # Evidence counts, protected as a multiple-choice question's shares are.
                **{name: EVIDENCE_OPTIONS for name in evidence_figures(evidence)},
            },
            evidence=evidence,
        ),
        latest,
    )


def evidence_figures(evidence: dict[str, str | None]) -> list[str]:
    """The evidence figures' names: one per question taking files, one per dimension with one."""
    dimensions = sorted({d for d in evidence.values() if d})
    return [f"ev:q:{q}" for q in sorted(evidence)] + [f"ev:d:{d}" for d in dimensions]


def pending_changes(*, questionnaire: str) -> dict[int, list[tuple[Change, dict | None]]]:
    """Per year: each enterprise whose latest submission differs from the released one."""
    now = latest_submissions(questionnaire).subquery("now")
    then = select(AggregateMember).where(AggregateMember.questionnaire_key == questionnaire)
    then = then.subquery("then")
    joined = now.join(
        then,
        and_(then.c.enterprise_id == now.c.enterprise_id, then.c.year == now.c.year),
        full=True,
    )
    query = (
        select(
            func.coalesce(now.c.enterprise_id, then.c.enterprise_id).label("enterprise_id"),
            func.coalesce(now.c.year, then.c.year).label("year"),
            then.c.submission_id.label("old_sid"),
            then.c.region.label("old_region"),
            then.c.division.label("old_division"),
            then.c.size.label("old_size"),
            now.c.sid,
            now.c.region,
            now.c.division,
            now.c.section,
            now.c.size,
            now.c.overall_tenths,
            now.c.maturity_level,
        )
        .select_from(joined)
        .where(
            or_(
                then.c.id.is_(None),
                now.c.sid.is_(None),
                then.c.submission_id != now.c.sid,
                then.c.region != now.c.region,
                then.c.division != now.c.division,
                then.c.size != now.c.size,
            )
        )
    )
    found: dict[int, list] = defaultdict(list)
    for row in db.session.execute(query).mappings():
        old = Coord(row.old_region, row.old_division, row.old_size) if row.old_sid else None
        new = Coord(row.region, row.division, row.size) if row.sid else None
        values = None
        if row.sid:
            values = {
                "submission_id": row.sid,
                "region": row.region,
                "division": row.division,
                "section": row.section,
                "size": row.size,
                "overall_tenths": row.overall_tenths,
                "maturity_level": row.maturity_level,
            }
        change = Change(row.enterprise_id, old, new, row.old_sid, row.sid)
        found[row.year].append((change, values))
    return found


def release_changes(
    *, questionnaire: str, year: int, changes: list[tuple[Change, dict | None]], layout: Layout
) -> None:
    """Make the released population reflect these changes (flushes, does not commit)."""
    m = AggregateMember
    gone = [c.enterprise_id for c, _ in changes if c.old is not None]
    for ids in batched(gone):
        db.session.execute(
            delete(m)
            .where(m.questionnaire_key == questionnaire, m.year == year)
            .where(m.enterprise_id.in_(ids))
        )
    stale = [c.old_submission for c, _ in changes if c.old and c.old_submission != c.new_submission]
    fresh = [c.new_submission for c, _ in changes if c.new and c.old_submission != c.new_submission]
    for ids in batched(stale):
        db.session.execute(delete(AggregateScore).where(AggregateScore.submission_id.in_(ids)))
        db.session.execute(delete(AggregateChoice).where(AggregateChoice.submission_id.in_(ids)))
    rows = [
        {"questionnaire_key": questionnaire, "year": year, "enterprise_id": c.enterprise_id, **v}
        for c, v in changes
        if v is not None
    ]
    for chunk in batched(rows):
        db.session.execute(insert(m), chunk)
    questions = sorted({**layout.single, **layout.multiple})
    for ids in batched(fresh):
        db.session.execute(
            insert(AggregateScore).from_select(
                ["submission_id", "dimension", "score"], score_rows(ids)
            )
        )
        if questions:
            db.session.execute(
                insert(AggregateChoice).from_select(
                    ["submission_id", "question", "option"], choice_rows(questions, ids)
                )
            )
        if layout.evidence:
            # The files' marks as they stand when the submission is released (docs/evidence.md).
            db.session.execute(
                insert(AggregateChoice).from_select(
                    ["submission_id", "question", "option"], evidence_rows(layout.evidence, ids)
                )
            )
    db.session.flush()
