"""Create, find and change campaigns; who may reach which one, and which part of its roll."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, exists, func, or_, select, true

from app.assessments.filing import CHINA
from app.auth.models import REGULATOR
from app.auth.policy import forbidden
from app.campaigns.models import Campaign, CampaignQuestionnaire, RollEntry
from app.db import db, utcnow
from app.errors import ApiError, not_found
from app.messages.campaigns import (
    CAMPAIGN_READ_ONLY,
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
    regions,
    unit_for_division_code,
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


def wider_jurisdictions(jurisdiction: str | None) -> list[str]:
    """The jurisdictions that hold this one: a city's province; a county's city and province."""
    if not jurisdiction or jurisdiction == PROVINCE_CODE:
        return []
    if jurisdiction in {unit["code"] for unit in regions()}:
        return [PROVINCE_CODE]
    unit = unit_for_division_code(jurisdiction)
    return [code for code in (unit, PROVINCE_CODE) if code and code != jurisdiction]


def roll_part(part: str | None) -> ColumnElement[bool]:
    """WHERE clause over RollEntry: the entries inside part (None: the whole roll)."""
    if part is None:
        return true()
    if part in {unit["code"] for unit in regions()}:
        return RollEntry.region == part
    return RollEntry.division == part  # a county: the division code in the USCC


def _covers(part: str) -> ColumnElement[bool]:
    """The campaign's roll has at least one enterprise inside part (correlated to Campaign)."""
    return exists().where(RollEntry.campaign_id == Campaign.id, roll_part(part))


def _viewed(principal) -> ColumnElement[bool]:
    """Campaigns of wider jurisdictions whose roll holds some of the principal's enterprises."""
    wider = wider_jurisdictions(principal.jurisdiction)
    if not wider:
        return Campaign.id.is_(None)
    return and_(Campaign.jurisdiction.in_(wider), _covers(principal.jurisdiction))


def campaign_scope(principal):
    """WHERE clause over Campaign: the province sees every campaign; a city its own and its
    counties', and the province's campaigns that name some of its enterprises (its part only,
    read-only); a county its own, and the wider campaigns naming its enterprises likewise."""
    if principal.jurisdiction == PROVINCE_CODE:
        return Campaign.id.is_not(None)
    runs = Campaign.jurisdiction.in_([principal.jurisdiction, *counties_of(principal.jurisdiction)])
    return or_(runs, _viewed(principal))


def _part_for(principal, campaign: Campaign) -> str | None:
    """None when the principal runs the campaign, else its own jurisdiction (the part it sees)."""
    if principal.jurisdiction in (PROVINCE_CODE, campaign.jurisdiction):
        return None
    # A city runs its counties' campaigns as the province runs every one.
    if region_in_jurisdiction(campaign.jurisdiction, principal.jurisdiction):
        return None
    return principal.jurisdiction


def list_campaigns(*, principal) -> list[tuple[Campaign, int, str | None]]:
    """(campaign, roll size, part) for every campaign in the regulator's reach, newest first.

    part is the caller's jurisdiction for a wider campaign it only views; the roll size is then
    the size of its part.
    """
    part = None if principal.jurisdiction == PROVINCE_CODE else principal.jurisdiction
    counted = or_(Campaign.jurisdiction == principal.jurisdiction, roll_part(part))
    roll = (
        select(func.count(RollEntry.id))
        .where(RollEntry.campaign_id == Campaign.id, counted)
        .correlate(Campaign)
        .scalar_subquery()
    )
    query = (
        select(Campaign, roll)
        .where(campaign_scope(principal))
        .order_by(Campaign.closes_on.desc(), Campaign.id.desc())
    )
    return [
        (campaign, size, _part_for(principal, campaign))
        for campaign, size in db.session.execute(query)
    ]


def roll_size(campaign_id: int, part: str | None = None) -> int:
    query = select(func.count(RollEntry.id)).where(RollEntry.campaign_id == campaign_id)
    return db.session.scalar(query.where(roll_part(part)))


@dataclass(frozen=True)
class CampaignAccess:
    """A campaign as one regulator reaches it: whole (it runs it), or its own part read-only."""

    campaign: Campaign
    part: str | None  # the caller's jurisdiction when it sees only its part of the roll

    @property
    def read_only(self) -> bool:
        return self.part is not None


def campaign_access(principal, campaign_id: int, *, manage: bool = False) -> CampaignAccess:
    """The campaign and the part of it the regulator reaches: 403 for every other role, 404
    outside its reach; manage=True (changing it) is 403 on a wider campaign it only views."""
    if principal.role != REGULATOR:
        raise forbidden()
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None:
        raise not_found()
    part = _part_for(principal, campaign)
    if part is None:
        return CampaignAccess(campaign, None)
    if campaign.jurisdiction not in wider_jurisdictions(principal.jurisdiction):
        raise not_found()
    # A wider campaign naming none of its enterprises is none of its business: as if absent.
    if not roll_size(campaign.id, part):
        raise not_found()
    if manage:
        raise ApiError(403, CAMPAIGN_READ_ONLY)
    return CampaignAccess(campaign, part)


def campaign_for(principal, campaign_id: int) -> Campaign:
    """A campaign the regulator runs (its own, or any for the province): 403 for every other
    role, 404 otherwise — a wider campaign it only views included (the dashboard's rule)."""
    if principal.role != REGULATOR:
        raise forbidden()
    campaign = db.session.get(Campaign, campaign_id)
    if campaign is None or _part_for(principal, campaign) is not None:
        raise not_found()
    return campaign


def phase(campaign: Campaign, on: date) -> str:
    """upcoming, open or closed, on a Hebei calendar day."""
    if on < campaign.opens_on:
        return "upcoming"
    return "open" if on <= campaign.closes_on else "closed"
