"""The demo's filing campaign: the city regulator's roll for this year, some filed, some not.

Without it the regulator's campaign screen, the completion tracking and the enterprise's
"closing soon" card are empty in the demo. The campaign and its roll go through the services a
regulator's requests use (create_campaign, check_roll, insert_roll). The firms of the population
that filed this year's quality assessment after the campaign opened are then counted as filing
for it, as the submit would have filed them had the campaign existed when the seed wrote them
(the seed writes the story's past; the campaign is part of that past).
"""

import csv
import io
from datetime import date, timedelta

from sqlalchemy import select, update

from app.assessments.models import Assessment
from app.auth.demo import DEMO
from app.auth.models import VERIFIED, Enterprise, User
from app.campaigns.models import ACCEPT, Campaign
from app.campaigns.roll import check_roll, insert_roll
from app.campaigns.service import create_campaign
from app.db import db
from app.demo.population import CHINA, draw_unregistered
from app.demo.seed import published_keys

QUESTIONNAIRE = "quality"
FILED_ON_ROLL = 24  # firms of the city that filed this year, named on the roll
SILENT_ON_ROLL = 12  # firms of the city that have not filed yet: the regulator's chase list
# Firms on the roll that have not signed up at all: invitation letters are for them.
UNREGISTERED_ON_ROLL = 10
DAYS_LEFT = 14  # the closing date, counted from the seed's day


def demo_campaign_name(year: int) -> str:
    return f"{year}年度石家庄市企业质量自评"


def seed_demo_campaign(*, today: date) -> Campaign | None:
    """The city regulator's campaign for this year, once; None when it exists already."""
    regulator = _user(DEMO["regulator_city"].username)
    if regulator is None or QUESTIONNAIRE not in published_keys():
        return None  # a campaign asks for a published questionnaire
    name = demo_campaign_name(today.year)
    if db.session.scalar(select(Campaign.id).where(Campaign.name == name)):
        return None
    filed, silent = _city_firms(regulator.jurisdiction, today.year)
    named = filed[:FILED_ON_ROLL] + silent[:SILENT_ON_ROLL]
    demo = _user(DEMO["enterprise"].username)
    if demo is not None and demo.enterprise is not None and demo.enterprise not in named:
        named.append(demo.enterprise)  # its card on the home screen: this year not yet filed
    firms = [_row(firm) for firm in named]
    registered = set(db.session.scalars(select(Enterprise.uscc)))
    strangers = draw_unregistered(
        seed=name, city=regulator.jurisdiction, count=UNREGISTERED_ON_ROLL, taken=registered
    )
    firms += [_row(firm) for firm in strangers]
    campaign = create_campaign(
        principal=regulator,
        name=name,
        year=today.year,
        questionnaires=[QUESTIONNAIRE],
        opens_on=_opening(filed[:FILED_ON_ROLL], today),
        closes_on=today + timedelta(days=DAYS_LEFT),
        late_policy=ACCEPT,
    )
    report = check_roll(campaign=campaign, data=_roll_csv(firms), content_type="text/csv")
    if report.errors:
        raise ValueError(f"the demo roll was refused: {report.errors[:3]}")
    insert_roll(campaign=campaign, report=report)
    _file_for_campaign(campaign, [firm.id for firm in filed[:FILED_ON_ROLL]])
    db.session.commit()
    return campaign


def _city_firms(jurisdiction: str, year: int) -> tuple[list[Enterprise], list[Enterprise]]:
    """Verified firms of the city: those with this year's quality filing, and those without."""
    this_year = select(Assessment.enterprise_id).where(
        Assessment.questionnaire_key == QUESTIONNAIRE,
        Assessment.year == year,
        Assessment.revision > 0,
    )
    firms = db.session.scalars(
        select(Enterprise)
        .where(Enterprise.region == jurisdiction, Enterprise.verification == VERIFIED)
        .order_by(Enterprise.uscc)
    ).all()
    filed_ids = set(db.session.scalars(this_year))
    return [f for f in firms if f.id in filed_ids], [f for f in firms if f.id not in filed_ids]


def _opening(filed: list[Enterprise], today: date) -> date:
    """The day before the first of these firms' first submissions this year (China time)."""
    first = db.session.scalar(
        select(Assessment.submitted_at)
        .where(
            Assessment.enterprise_id.in_([firm.id for firm in filed]),
            Assessment.questionnaire_key == QUESTIONNAIRE,
            Assessment.year == today.year,
        )
        .order_by(Assessment.submitted_at)
        .limit(1)
    )
    if first is None:
        return today - timedelta(days=30)
    return min((first + CHINA).date() - timedelta(days=1), today)  # stored in UTC


def _row(firm) -> list[str]:
    """A roll row of an Enterprise or a drawn Firm."""
    return [
        firm.uscc,
        firm.name,
        firm.industry,
        firm.size,
        firm.contact_name or "",
        firm.contact_phone or "",
    ]


def _roll_csv(rows: list[list[str]]) -> bytes:
    """The roll as a regulator's spreadsheet would give it (Chinese headers)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["统一社会信用代码", "企业名称", "行业代码", "企业规模", "联系人", "联系电话"])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _file_for_campaign(campaign: Campaign, enterprise_ids: list[int]) -> None:
    """This year's quality filings of these firms count for the campaign (see the docstring)."""
    db.session.execute(
        update(Assessment)
        .where(
            Assessment.enterprise_id.in_(enterprise_ids),
            Assessment.questionnaire_key == QUESTIONNAIRE,
            Assessment.year == campaign.year,
            Assessment.campaign_id.is_(None),
        )
        .values(campaign_id=campaign.id, late=False)
        .execution_options(synchronize_session=False)
    )


def _user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username))
