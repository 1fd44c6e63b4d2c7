"""An enterprise's own campaigns, for its home screen: what to file, by when, how far it got."""

from sqlalchemy import select

from app.assessments.models import Assessment
from app.campaigns.models import Campaign, RollEntry
from app.campaigns.service import phase, today
from app.db import db


def my_campaigns(*, enterprise) -> list[dict]:
    """The opened campaigns whose roll holds the enterprise's USCC, closing soonest first."""
    if enterprise is None or not enterprise.uscc:
        return []
    day = today()
    campaigns = db.session.scalars(
        select(Campaign)
        .join(RollEntry, RollEntry.campaign_id == Campaign.id)
        .where(RollEntry.uscc == enterprise.uscc, Campaign.opens_on <= day)
        .order_by(Campaign.closes_on < day, Campaign.closes_on, Campaign.id)
    ).all()
    if not campaigns:
        return []
    filed = db.session.execute(
        select(
            Assessment.campaign_id,
            Assessment.questionnaire_key,
            Assessment.id,
            Assessment.status,
            Assessment.revision,
            Assessment.late,
        )
        .where(
            Assessment.enterprise_id == enterprise.id,
            Assessment.campaign_id.in_([c.id for c in campaigns]),
        )
        .order_by(Assessment.id)
    ).all()
    latest = {(row[0], row[1]): row for row in filed}  # ordered by id: the newest wins
    return [_card(campaign, latest, day) for campaign in campaigns]


def _card(campaign: Campaign, latest: dict, day) -> dict:
    items = []
    for key in campaign.questionnaire_keys:
        row = latest.get((campaign.id, key))
        if row is None:
            state, assessment_id, late = "not_started", None, False
        else:
            state = "draft" if row.revision == 0 else row.status
            assessment_id, late = row.id, bool(row.late)
        items.append(
            {"questionnaire": key, "state": state, "assessment_id": assessment_id, "late": late}
        )
    return {
        "id": campaign.id,
        "name": campaign.name,
        "year": campaign.year,
        "opens_on": campaign.opens_on,
        "closes_on": campaign.closes_on,
        "phase": phase(campaign, day),
        # Whole days left to file, the closing day included; 0 once closed.
        "days_left": max((campaign.closes_on - day).days + 1, 0),
        "accepts_late": campaign.late_policy == "accept",
        "questionnaires": items,
    }
