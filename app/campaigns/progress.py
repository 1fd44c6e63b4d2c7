"""Completion tracking: each (roll entry, questionnaire) is one filing, in one state.

States: not_started (no assessment for the campaign), draft (started, never submitted),
submitted, returned, approved (the latest revision's review). `late` counts filings whose first
submission came after the close, whatever their state now.
"""

import base64
import json

from sqlalchemy import ColumnElement, and_, case, func, literal_column, or_, select

from app.assessments.models import Assessment
from app.auth.models import VERIFIED, Enterprise
from app.campaigns.models import Campaign, CampaignQuestionnaire, RollEntry
from app.campaigns.service import roll_part
from app.db import db
from app.errors import ApiError
from app.messages.common import BAD_CURSOR
from app.reference.codes import industry, region_name

STATES = ("not_started", "draft", "submitted", "returned", "approved")
NOT_RESPONDED = ("not_started", "draft")


def _latest(campaign_id: int):
    """Each enterprise's newest assessment per questionnaire in the campaign."""
    return (
        select(
            Assessment.enterprise_id,
            Assessment.questionnaire_key,
            func.max(Assessment.id).label("id"),
        )
        .where(Assessment.campaign_id == campaign_id)
        .group_by(Assessment.enterprise_id, Assessment.questionnaire_key)
        .subquery("latest")
    )


def filings_source(campaign: Campaign, questionnaire: str | None, part: str | None = None):
    """FROM clause and the state expression over every filing of the campaign (or of part of
    its roll: a city's view of the province's campaign)."""
    latest = _latest(campaign.id)
    state = case(
        (Assessment.id.is_(None), "not_started"),
        (Assessment.revision == 0, "draft"),
        else_=Assessment.status,
    )
    source = (
        select(RollEntry)
        .join(CampaignQuestionnaire, CampaignQuestionnaire.campaign_id == RollEntry.campaign_id)
        .outerjoin(Enterprise, Enterprise.uscc == RollEntry.uscc)
        .outerjoin(
            latest,
            and_(
                latest.c.enterprise_id == Enterprise.id,
                latest.c.questionnaire_key == CampaignQuestionnaire.questionnaire_key,
            ),
        )
        .outerjoin(Assessment, Assessment.id == latest.c.id)
        .where(RollEntry.campaign_id == campaign.id, roll_part(part))
    )
    if questionnaire:
        source = source.where(CampaignQuestionnaire.questionnaire_key == questionnaire)
    return source, state


def progress(
    *,
    campaign: Campaign,
    questionnaire: str | None = None,
    lang: str = "zh",
    part: str | None = None,
) -> dict:
    """Counts by state, overall, by county or district, and by industry division."""
    source, state = filings_source(campaign, questionnaire, part)
    late = func.sum(case((Assessment.late.is_(True), 1), else_=0))
    # Literal bounds: PostgreSQL must see the SELECT's and the GROUP BY's expression as one.
    division_of = func.substr(RollEntry.industry, literal_column("1"), literal_column("3"))
    query = source.with_only_columns(
        RollEntry.division, division_of, state, func.count(), late
    ).group_by(RollEntry.division, division_of, state)
    total = _bucket()
    counties: dict[str, dict] = {}
    industries: dict[str, dict] = {}
    for division, division_code, filing_state, count, late_count in db.session.execute(query):
        for bucket in (
            total,
            counties.setdefault(division, _bucket()),
            industries.setdefault(division_code, _bucket()),
        ):
            bucket["total"] += count
            bucket["by_state"][filing_state] += count
            bucket["late"] += late_count or 0
    return {
        "campaign_id": campaign.id,
        "questionnaire": questionnaire,
        "enterprises": db.session.scalar(
            select(func.count(RollEntry.id)).where(
                RollEntry.campaign_id == campaign.id, roll_part(part)
            )
        ),
        **total,
        "by_county": [
            {"code": code, "name": region_name(code, lang), **bucket}
            for code, bucket in sorted(counties.items())
        ],
        "by_industry": [
            {"code": code, "name": _industry_name(code, lang), **bucket}
            for code, bucket in sorted(industries.items())
        ],
    }


def _industry_name(code: str, lang: str) -> str | None:
    entry = industry(code)
    if entry is None:
        return None
    return entry.get("name_en") if lang == "en" and entry.get("name_en") else entry["name"]


def _bucket() -> dict:
    return {"total": 0, "by_state": dict.fromkeys(STATES, 0), "late": 0}


def _cursor(entry_id: int, key: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([entry_id, key]).encode()).decode()


def _after(cursor: str) -> ColumnElement[bool]:
    try:
        entry_id, key = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if not isinstance(entry_id, int) or not isinstance(key, str) or len(key) > 64:
            raise ValueError
    except (ValueError, TypeError, UnicodeDecodeError) as error:
        raise ApiError(422, errors={"cursor": [BAD_CURSOR]}) from error
    return or_(
        RollEntry.id > entry_id,
        and_(RollEntry.id == entry_id, CampaignQuestionnaire.questionnaire_key > key),
    )


def filters(args: dict, state) -> list[ColumnElement[bool]]:
    clauses = []
    if args.get("state"):
        clauses.append(state.in_(args["state"]))
    if args.get("late") is not None:
        late = Assessment.late.is_(True)
        clauses.append(late if args["late"] else or_(Assessment.id.is_(None), ~late))
    if args.get("county"):
        clauses.append(RollEntry.division == args["county"])
    if args.get("industry"):
        clauses.append(RollEntry.industry.startswith(args["industry"], autoescape=True))
    return clauses


def filing_rows(*, campaign: Campaign, args: dict, part: str | None = None):
    """The filings matching args, in roll order: plain rows (no ORM objects: a roll is large)."""
    source, state = filings_source(campaign, args.get("questionnaire"), part)
    return (
        source.with_only_columns(
            RollEntry.id.label("entry_id"),
            RollEntry.uscc,
            RollEntry.name,
            RollEntry.division,
            RollEntry.industry,
            RollEntry.size,
            RollEntry.contact_name,
            RollEntry.contact_phone,
            CampaignQuestionnaire.questionnaire_key.label("questionnaire"),
            state.label("state"),
            Assessment.id.label("assessment_id"),
            Assessment.revision,
            Assessment.late,
            Enterprise.id.label("enterprise_id"),
            Enterprise.verification,
        )
        .where(*filters(args, state))
        .order_by(RollEntry.id, CampaignQuestionnaire.questionnaire_key)
    )


def list_filings(
    *, campaign: Campaign, args: dict, part: str | None = None
) -> tuple[list[dict], str | None]:
    """One page of filings and the cursor of the next page."""
    query = filing_rows(campaign=campaign, args=args, part=part)
    if args.get("cursor"):
        query = query.where(_after(args["cursor"]))
    limit = args.get("limit", 50)
    rows = list(db.session.execute(query.limit(limit + 1)))
    items = [_filing(row) for row in rows[:limit]]
    after = None
    if len(rows) > limit:
        last = rows[limit - 1]
        after = _cursor(last.entry_id, last.questionnaire)
    return items, after


def _filing(row) -> dict:
    return {
        "uscc": row.uscc,
        "name": row.name,
        "county": row.division,
        "county_name": region_name(row.division),
        "industry": row.industry,
        "size": row.size,
        "contact_name": row.contact_name,
        "contact_phone": row.contact_phone,
        "questionnaire": row.questionnaire,
        "state": row.state,
        "late": bool(row.late),
        "registered": row.enterprise_id is not None,
        "verified": row.verification == VERIFIED,
        # A draft is the enterprise's own business: the regulator opens submitted ones only.
        "assessment_id": row.assessment_id if row.revision else None,
    }
