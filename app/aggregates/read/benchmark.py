"""Where an enterprise stands among its peers, from the published snapshot only (never live).

The cohort is the enterprise's industry division in its own region, widened to the division
across the province, its section, and all industries, until a published (visible) cell holds
at least MIN_CELL enterprises besides itself. Everything shown is a figure the snapshot
already published for that cell; the position (percentile) is only the quartile band the
enterprise's score falls in, so that no resubmission can probe the cohort for finer values.
"""

from datetime import timedelta

from sqlalchemy import or_, select

from app.aggregates.cube import ALL, CellKey
from app.aggregates.models import AggregateCell, AggregateMember
from app.aggregates.read.representation import label
from app.aggregates.snapshot.sources import CHINA_OFFSET_HOURS
from app.aggregates.snapshot.take import latest_snapshot
from app.db import db
from app.i18n import current_language
from app.messages.aggregates import COHORT_TOO_SMALL, NO_SNAPSHOT
from app.reference.codes import PROVINCE_CODE


def _cohorts(region: str, industry: str) -> list[CellKey]:
    division = industry[:3]
    return [
        CellKey(region, division, ALL),
        CellKey(ALL, division, ALL),
        CellKey(ALL, division[0], ALL),
        CellKey(ALL, ALL, ALL),
    ]


def _cell(snapshot_id: int, questionnaire: str, year: int, key: CellKey) -> AggregateCell | None:
    return db.session.scalar(
        select(AggregateCell).where(
            AggregateCell.questionnaire_key == questionnaire,
            AggregateCell.year == year,
            AggregateCell.region == key.region,
            AggregateCell.industry == key.industry,
            AggregateCell.size == key.size,
            AggregateCell.valid_from <= snapshot_id,
            or_(AggregateCell.valid_to.is_(None), AggregateCell.valid_to > snapshot_id),
        )
    )


def _counts_itself(member: AggregateMember | None, key: CellKey) -> bool:
    if member is None:
        return False
    return key.region in (ALL, member.region) and key.industry in (
        ALL,
        member.division,
        member.section,
    )


def band(score: float, overall: dict) -> int | None:
    """0, 25, 50 or 75: the quartile band the score falls in (at or below p25: 0, …)."""
    if overall.get("median") is None:
        return None
    for edge, cut in ((0, "p25"), (25, "median"), (50, "p75")):
        if score <= overall[cut]:
            return edge
    return 75


def benchmark_position(*, assessment, submission, k: int | None = None) -> tuple:
    """(benchmark, reason): one of them is None."""
    lang = current_language()
    snapshot = latest_snapshot()
    if snapshot is None:
        return None, {"code": "no_snapshot", "message": NO_SNAPSHOT[lang]}
    k = k or snapshot.min_cell
    # The assessment's year, as the snapshot files it (sources.assessment_year).
    year = assessment.year or (submission.submitted_at + timedelta(hours=CHINA_OFFSET_HOURS)).year
    questionnaire = assessment.questionnaire_key
    enterprise = assessment.enterprise
    member = db.session.scalar(
        select(AggregateMember).where(
            AggregateMember.questionnaire_key == questionnaire,
            AggregateMember.year == year,
            AggregateMember.enterprise_id == enterprise.id,
        )
    )
    if _cell(snapshot.id, questionnaire, year, CellKey(ALL, ALL, ALL)) is None:
        # Nothing published for this questionnaire and year yet (the snapshot predates it).
        return None, {"code": "no_snapshot", "message": NO_SNAPSHOT[lang]}
    for key in _cohorts(enterprise.region, enterprise.industry):
        cell = _cell(snapshot.id, questionnaire, year, key)
        if cell is None or cell.suppressed:
            continue
        figures = cell.figures
        if figures["n"] - _counts_itself(member, key) < k:
            continue
        return {
            "cohort": {
                "industry": None if key.industry == ALL else key.industry,
                "region": PROVINCE_CODE if key.region == ALL else key.region,
                "label": label(key, lang),
            },
            "n": figures["n"],
            "percentile": band(submission.overall, figures["overall"]),
            "overall": {"mean": figures["overall"]["mean"], "median": figures["overall"]["median"]},
            "dimensions": [
                {
                    "key": d,
                    "cohort_mean": (value or {}).get("mean"),
                    "cohort_median": (value or {}).get("median"),
                }
                for d, value in figures["dimensions"].items()
            ],
            "snapshot": {"id": snapshot.id, "taken_at": snapshot.taken_at},
        }, None
    message = COHORT_TOO_SMALL[lang].format(k=k)
    return None, {"code": "cohort_too_small", "message": message}
