"""Create, find and change campaigns; who may reach which one."""

from datetime import date, datetime

from sqlalchemy import func, select

from app.assessments.filing import CHINA
from app.auth.models import REGULATOR
from app.auth.policy import forbidden
from app.campaigns.models import Campaign, CampaignQuestionnaire, RollEntry
from app.db import db, utcnow
from app.errors import ApiError, not_found
from app.messages.campaigns import (
    CLOSES_BEFORE_OPENS,
    DUPLICATE_QUESTIONNAIRE,
    NO_JURISDICTION,
    UNKNOWN_QUESTIONNAIRES,
)
from app.questionnaires.service import latest_version
from app.reference.codes import (
    PROVINCE_CODE,
    counties_of,
    is_jurisdiction_code,
    region_in_jurisdiction,
)


def today() -> date:
    """The calendar day in Hebei now: campaigns open and close on Hebei's days."""
    return datetime.now(CHINA).date()


def _formatted(text: dict, **params) -> dict:
    return {lang: value.format(**params) for lang, value in text.items()}


def _check_dates(opens_on: date, closes_on: date) -> None:
    if closes_on < opens_on:
        message = _formatted(CLOSES_BEFORE_OPENS, opens_on=opens_on, closes_on=closes_on)
        raise ApiError(422, message, errors={"closes_on": [message]})


def _questionnaire_rows(keys: list[str]) -> list[CampaignQuestionnaire]:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            message = _formatted(DUPLICATE_QUESTIONNAIRE, key=key)
            raise ApiError(422, message, errors={"questionnaires": [message]})
        seen.add(key)
    unknown = [key for key in keys if latest_version(key=key) is None]
    if unknown:
        message = _formatted(UNKNOWN_QUESTIONNAIRES, keys="、".join(unknown))
        raise ApiError(422, message, errors={"questionnaires": [message]})
    return [CampaignQuestionnaire(questionnaire_key=k, position=i) for i, k in enumerate(keys)]


def create_campaign(
    *,
    principal,
    name: str,
    year: int,
    questionnaires: list[str],
    opens_on: date,
    closes_on: date,
    late_policy: str,
) -> Campaign:
    """A campaign inside the regulator's own jurisdiction."""
    if not principal.jurisdiction or not is_jurisdiction_code(principal.jurisdiction):
        raise ApiError(403, NO_JURISDICTION)
    _check_dates(opens_on, closes_on)
    now = utcnow()
    campaign = Campaign(
        name=name,
        year=year,
        jurisdiction=principal.jurisdiction,
        opens_on=opens_on,
        closes_on=closes_on,
        late_policy=late_policy,
        created_by=principal.id,
        created_at=now,
        updated_at=now,
        questionnaires=_questionnaire_rows(questionnaires),
    )
    db.session.add(campaign)
    db.session.flush()
    return campaign


def update_campaign(*, campaign: Campaign, changes: dict) -> Campaign:
    """Change what was given; dates are checked as they will stand together."""
    opens_on = changes.get("opens_on", campaign.opens_on)
    closes_on = changes.get("closes_on", campaign.closes_on)
    _check_dates(opens_on, closes_on)
    if "questionnaires" in changes:
        campaign.questionnaires = _questionnaire_rows(changes.pop("questionnaires"))
    for key, value in changes.items():
        setattr(campaign, key, value)
    campaign.updated_at = utcnow()
    db.session.flush()
    return campaign


def campaign_scope(principal):
    """WHERE clause over Campaign: the province sees every campaign, a city its own and its
    counties', a county only its own."""
    if principal.jurisdiction == PROVINCE_CODE:
        return Campaign.id.is_not(None)
    return Campaign.jurisdiction.in_([principal.jurisdiction, *counties_of(principal.jurisdiction)])


def list_campaigns(*, principal) -> list[tuple[Campaign, int]]:
    """(campaign, roll size) for every campaign in the regulator's reach, newest first."""
    roll = (
        select(func.count(RollEntry.id))
        .where(RollEntry.campaign_id == Campaign.id)
        .correlate(Campaign)
        .scalar_subquery()
    )
    query = (
        select(Campaign, roll)
        .where(campaign_scope(principal))
        .order_by(Campaign.closes_on.desc(), Campaign.id.desc())
    )
    return [tuple(row) for row in db.session.execute(query)]


def roll_size(campaign_id: int) -> int:
    return db.session.scalar(
        select(func.count(RollEntry.id)).where(RollEntry.campaign_id == campaign_id)
    )


def campaign_for(principal, campaign_id: int) -> Campaign:
    """A campaign the regulator may reach: 403 for every other role, 404 outside its reach."""
    if principal.role != REGULATOR:
        raise forbidden()
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        raise not_found()
    if principal.jurisdiction != PROVINCE_CODE and not (
        campaign.jurisdiction == principal.jurisdiction
        or region_in_jurisdiction(campaign.jurisdiction, principal.jurisdiction)
    ):
        raise not_found()
    return campaign


def phase(campaign: Campaign, on: date) -> str:
    """upcoming, open or closed, on a Hebei calendar day."""
    if on < campaign.opens_on:
        return "upcoming"
    return "open" if on <= campaign.closes_on else "closed"
