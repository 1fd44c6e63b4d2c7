"""The campaigns' rules for drafts and submissions, installed into app/assessments/filing.py."""

from datetime import date, datetime
from functools import cache

from sqlalchemy import Select, and_, bindparam, exists, or_, select

from app.assessments.filing import CHINA, Terms
from app.assessments.models import Assessment
from app.campaigns.models import ACCEPT, REFUSE, Campaign, CampaignQuestionnaire, RollEntry
from app.db import db
from app.errors import ApiError
from app.messages.campaigns import CAMPAIGN_CLOSED


def applicable_campaign(
    *, enterprise, questionnaire_key: str, day: date, besides: int | None = None
) -> Campaign | None:
    """The open campaign whose roll holds the enterprise and which asks for this questionnaire.

    Opened by `day`, and either not yet closed or accepting late filings; not one the
    enterprise already files this questionnaire for (with an assessment other than `besides`).
    Of several, the one still open that closes first, then the latest closed.
    """
    if not enterprise.uscc:
        return None
    params = {
        "uscc": enterprise.uscc,
        "enterprise_id": enterprise.id,
        "questionnaire_key": questionnaire_key,
        "day": day,
    }
    if besides is not None:
        params["besides"] = besides
    return db.session.scalar(_applicable_query(besides is not None), params)


@cache
def _applicable_query(besides: bool) -> Select:
    """applicable_campaign's statement, built once with bound parameters.

    Every submit asks it: building the expression each time cost more CPU than running it
    (a tenth of a submit's, profiled under the deadline burst).
    """
    already = select(Assessment.id).where(
        Assessment.campaign_id == Campaign.id,
        Assessment.enterprise_id == bindparam("enterprise_id"),
        Assessment.questionnaire_key == bindparam("questionnaire_key"),
    )
    if besides:
        already = already.where(Assessment.id != bindparam("besides"))
    day = bindparam("day")
    closed = Campaign.closes_on < day
    return (
        select(Campaign)
        .join(
            RollEntry,
            and_(RollEntry.campaign_id == Campaign.id, RollEntry.uscc == bindparam("uscc")),
        )
        .join(
            CampaignQuestionnaire,
            and_(
                CampaignQuestionnaire.campaign_id == Campaign.id,
                CampaignQuestionnaire.questionnaire_key == bindparam("questionnaire_key"),
            ),
        )
        .where(
            Campaign.opens_on <= day,
            or_(~closed, Campaign.late_policy == ACCEPT),
            ~exists(already),
        )
        .order_by(closed, Campaign.closes_on, Campaign.id)
        .limit(1)
    )


class CampaignRules:
    """Drafts join the campaign that asks for them; late first submissions are marked or refused."""

    def campaign_for_draft(self, *, enterprise, questionnaire_key: str) -> int | None:
        day = datetime.now(CHINA).date()
        campaign = applicable_campaign(
            enterprise=enterprise, questionnaire_key=questionnaire_key, day=day
        )
        return campaign.id if campaign else None

    def terms_for_submit(self, *, assessment, now: datetime) -> Terms:
        day = now.astimezone(CHINA).date()
        campaign = None
        if assessment.campaign_id is not None:
            campaign = db.session.get(Campaign, assessment.campaign_id)
        else:  # a draft started before the campaign opened, or before the roll named it
            campaign = applicable_campaign(
                enterprise=assessment.enterprise,
                questionnaire_key=assessment.questionnaire_key,
                day=day,
                besides=assessment.id,
            )
        if campaign is None:
            return Terms(campaign_id=None, year=day.year)
        late = day > campaign.closes_on
        if late and campaign.late_policy == REFUSE:
            raise ApiError(
                409,
                CAMPAIGN_CLOSED,
                problem="campaign-closed",
                extra={"campaign_id": campaign.id, "closes_on": campaign.closes_on.isoformat()},
                name=campaign.name,
                closes_on=campaign.closes_on.isoformat(),
            )
        return Terms(campaign_id=campaign.id, year=campaign.year, late=late)
