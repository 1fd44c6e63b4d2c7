"""The dashboard's rows: each enterprise's newest assessment in the jurisdiction, grouped in SQL.

One grouped scan gives states, score bins, levels, lateness and red flags per territorial unit;
red-flag items are read from the flagged submissions only, so a province of 200k submissions
costs one pass over the assessments and not one JSON document per submission.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import Integer, and_, case, cast, exists, func, or_, select
from sqlalchemy.orm import aliased

from app.aggregates.snapshot.sources import year_of
from app.assessments.models import Assessment, Submission
from app.auth.models import Enterprise
from app.auth.policy import jurisdiction_clause
from app.campaigns.models import RollEntry
from app.db import db
from app.reference.codes import county_code, unit_for_division_code

BINS = 10  # overall scores in tenths of the 0–100 scale: [0, 10), … [90, 100]
IDS_PER_FLAG = 20  # ids listed per red-flag item; the queue's filter finds the rest


@dataclass
class Unit:
    """What one territorial unit (a city, or a county) shows."""

    states: Counter = field(default_factory=Counter)
    scored: int = 0
    score_sum: float = 0.0
    flagged: int = 0
    late: int = 0


@dataclass
class Population:
    states: Counter = field(default_factory=Counter)
    bins: list[int] = field(default_factory=lambda: [0] * BINS)
    levels: Counter = field(default_factory=Counter)
    units: dict[str, Unit] = field(default_factory=lambda: defaultdict(Unit))
    late: int = 0


@dataclass(frozen=True)
class Scope:
    """Which assessments count: one questionnaire, in a campaign or in a year."""

    questionnaire: str
    campaign_id: int | None
    year: int | None

    def where(self, model=Assessment) -> list:
        clauses = [model.questionnaire_key == self.questionnaire]
        if self.campaign_id is not None:
            return [*clauses, model.campaign_id == self.campaign_id]
        # A draft outside any campaign has no year yet: it counts in the year it was begun.
        begun = and_(model.year.is_(None), year_of(model.created_at) == self.year)
        return [*clauses, or_(model.year == self.year, begun)]

    def newest(self):
        """Assessment is its enterprise's newest in scope: no newer one exists (an index probe
        per row on enterprise_id, where grouping by enterprise took a second pass and a join)."""
        newer = aliased(Assessment)
        return ~exists().where(
            newer.enterprise_id == Assessment.enterprise_id,
            newer.id > Assessment.id,
            *self.where(newer),
        )


def _in(area: str):
    """The WHERE clause over Enterprise for an area: the province, a reporting unit, a county."""
    return [jurisdiction_clause(area)]


def collect(*, scope: Scope, area: str, by_county: bool) -> Population:
    """States, score bins, levels and per-unit figures of the latest assessments."""
    state = case((Assessment.revision == 0, "draft"), else_=Assessment.status)
    bin_ = case(
        (Assessment.overall.is_(None), None),
        else_=func.least(cast(func.floor(Assessment.overall / 10), Integer), BINS - 1),
    )
    if db.session.get_bind().dialect.name == "sqlite":
        bin_ = case(
            (Assessment.overall.is_(None), None),
            else_=func.min(cast(Assessment.overall / 10, Integer), BINS - 1),
        )
    # The stored county: the queue's county filter and a county regulator's scope read it too.
    unit = Enterprise.county if by_county else Enterprise.region
    flagged = case((Assessment.red_flag_count > 0, 1), else_=0)
    late = case((Assessment.late.is_(True), 1), else_=0)
    query = (
        select(
            unit,
            state,
            Assessment.maturity_level,
            bin_,
            func.count(),
            func.sum(Assessment.overall),
            func.sum(flagged),
            func.sum(late),
        )
        .select_from(Assessment)
        .join(Enterprise, Enterprise.id == Assessment.enterprise_id)
        .where(*scope.where(), scope.newest(), *_in(area))
        .group_by(unit, state, Assessment.maturity_level, bin_)
    )
    found = Population()
    for code, filing_state, level, bin_index, count, total, flags, lates in db.session.execute(
        query
    ):
        if by_county and not code:
            continue  # no USCC: cannot be placed in a county (never so for a registered firm)
        found.states[filing_state] += count
        found.late += lates or 0
        target = found.units[code]
        target.states[filing_state] += count
        target.flagged += flags or 0
        target.late += lates or 0
        if bin_index is not None and filing_state != "draft":
            found.bins[bin_index] += count
            found.levels[level] += count
            target.scored += count
            target.score_sum += total or 0.0
    return found


def red_flags(*, scope: Scope, area: str) -> list[dict]:
    """Each red-flag item of the latest revisions: its count, text and who raised it."""
    query = (
        select(Assessment.id, Submission.id, Submission.result["red_flags"])
        .select_from(Assessment)
        .join(Enterprise, Enterprise.id == Assessment.enterprise_id)
        .join(
            Submission,
            and_(
                Submission.assessment_id == Assessment.id,
                Submission.revision == Assessment.revision,
            ),
        )
        .where(Assessment.red_flag_count > 0, Assessment.revision > 0, *scope.where())
        .where(scope.newest(), *_in(area))
        .order_by(Assessment.id.desc())
    )
    items: dict[tuple, dict] = {}
    for assessment_id, submission_id, flags in db.session.execute(query):
        for flag in flags or []:
            key = (flag.get("source", "questionnaire"), flag["question"], flag["option"])
            item = items.setdefault(
                key,
                {
                    "source": key[0],
                    "question": key[1],
                    "option": key[2],
                    "text": flag.get("text"),
                    "count": 0,
                    "submissions": [],
                },
            )
            item["count"] += 1
            if len(item["submissions"]) < IDS_PER_FLAG:
                item["submissions"].append(
                    {"assessment_id": assessment_id, "submission_id": submission_id}
                )
    return sorted(items.values(), key=lambda item: (-item["count"], item["question"]))


def roll_states(scope: Scope):
    """(division, state, filings, late) over the campaign's roll, for one of its questionnaires.

    The filings and states of the campaign's progress (app/campaigns/progress.py): a roll entry
    matched by USCC to an enterprise, in the state of that enterprise's newest assessment for
    the campaign and questionnaire, not_started without one. Read here from the campaign's own
    assessments, newest by the same NOT EXISTS as the rest of the dashboard, where progress's
    grouping by enterprise joins back to every assessment by id.
    """
    latest = (
        select(
            Assessment.id,
            Assessment.enterprise_id,
            Assessment.revision,
            Assessment.status,
            Assessment.late,
        )
        .where(*scope.where(), scope.newest())
        .subquery("latest")
    )
    state = case(
        (latest.c.id.is_(None), "not_started"),
        (latest.c.revision == 0, "draft"),
        else_=latest.c.status,
    )
    late = func.sum(case((latest.c.late.is_(True), 1), else_=0))
    query = (
        select(RollEntry.division, state, func.count(), late)
        .select_from(RollEntry)
        .outerjoin(Enterprise, Enterprise.uscc == RollEntry.uscc)
        .outerjoin(latest, latest.c.enterprise_id == Enterprise.id)
        .where(RollEntry.campaign_id == scope.campaign_id)
        .group_by(RollEntry.division, state)
    )
    return db.session.execute(query)


def unit_of(division: str) -> str | None:
    """The reporting unit a county rolls up to."""
    return unit_for_division_code(division)


def county_of(division: str) -> str | None:
    """The county a roll entry's division code names today, as Enterprise.county stores it."""
    return county_code(division)
