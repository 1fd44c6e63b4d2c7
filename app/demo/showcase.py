"""The whole demo: accounts, the population, the demo enterprise's past, a snapshot, its reports."""

import random
import time
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker
from sqlalchemy import select

from app.assessments.models import Assessment, Submission
from app.auth.demo import DEMO
from app.auth.models import User
from app.db import db
from app.demo.accounts import seed_demo_accounts
from app.demo.campaign import seed_demo_campaign
from app.demo.population import CHINA, Filing, china_today
from app.demo.seed import (
    DEFAULT_ENTERPRISES,
    DEFAULT_SEED,
    SeedOutcome,
    published_keys,
    seed_population,
    write_filing,
)

# The demo enterprise is a fair-to-good firm: last year approved, a report worth reading.
DEMO_QUALITY = 0.6
PROGRESS_QUESTIONNAIRE = "quality"


@dataclass
class DemoOutcome:
    accounts: list
    population: SeedOutcome
    demo_submissions: int
    campaign: str | None  # the name of the campaign made by this run, if one was
    snapshot: bool
    reports: int
    seconds: float
    phases: dict  # seconds spent in each step, for the printed summary


def seed_demo(
    *,
    seed: int = DEFAULT_SEED,
    enterprises: int = DEFAULT_ENTERPRISES,
    today: date | None = None,
    render_reports: bool = True,
) -> DemoOutcome:
    """Everything `flask demo seed` loads; what exists already is left as it is."""
    started = time.perf_counter()
    phases: dict[str, float] = {}

    def lap(name: str) -> None:
        phases[name] = time.perf_counter() - started - sum(phases.values())

    today = today or china_today()
    accounts = seed_demo_accounts()
    db.session.commit()
    lap("accounts")
    regulators = {
        "province": _user(DEMO["regulator_province"].username),
        DEMO["regulator_city"].jurisdiction: _user(DEMO["regulator_city"].username),
    }
    population = seed_population(
        regulators=regulators, seed=seed, enterprises=enterprises, today=today
    )
    demo_ids = seed_demo_enterprise(regulators=regulators, seed=seed, today=today)
    lap("population")
    # Before the snapshot and the reports: neither depends on it, but a campaign is past too.
    campaign = seed_demo_campaign(today=today)
    lap("campaign")
    snapshot = False
    if population.enterprises or demo_ids or _no_snapshot():
        snapshot = take_demo_snapshot()
    lap("snapshot")
    reports = render_demo_reports() if render_reports else 0
    lap("reports")
    return DemoOutcome(
        accounts=accounts,
        population=population,
        demo_submissions=len(demo_ids),
        campaign=campaign.name if campaign else None,
        snapshot=snapshot,
        reports=reports,
        seconds=time.perf_counter() - started,
        phases=phases,
    )


def seed_demo_enterprise(*, regulators: dict, seed: int, today: date) -> list[int]:
    """Last year's approved filings of the demo enterprise (and quality the year before), once;
    ids of the assessments."""
    user = _user(DEMO["enterprise"].username)
    own = select(Assessment.id).where(Assessment.enterprise_id == user.enterprise_id)
    if db.session.scalar(own):
        return []
    rng = random.Random(f"{seed}:demo")
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    # The year before, a weaker quality filing: last year's result shows the progress since.
    if PROGRESS_QUESTIONNAIRE in published_keys():
        at = _utc(date(today.year - 2, 9, 8), hour=10)
        earlier = Filing(
            questionnaire=PROGRESS_QUESTIONNAIRE,
            year=today.year - 2,
            submitted_at=at,
            quality=DEMO_QUALITY - 0.25,
            outcome="approved",
            decided_at=at + timedelta(days=4),
        )
        write_filing(user=user, filing=earlier, regulators=regulators, rng=rng, fake=fake)
    for number, key in enumerate(published_keys()):
        local = date(today.year - 1, 9, 10 + number)
        at = _utc(local, hour=10)
        filing = Filing(
            questionnaire=key,
            year=today.year - 1,
            submitted_at=at,
            quality=DEMO_QUALITY,
            outcome="approved",
            decided_at=at + timedelta(days=3),
        )
        write_filing(user=user, filing=filing, regulators=regulators, rng=rng, fake=fake)
    db.session.commit()
    return list(db.session.scalars(own))


def render_demo_reports() -> int:
    """Render the demo enterprise's reports that are not ready (others render on download)."""
    from app.reports.service import ensure_report, render_stored

    user = _user(DEMO["enterprise"].username)
    submission_ids = db.session.scalars(
        select(Submission.id)
        .join(Assessment, Assessment.id == Submission.assessment_id)
        .where(Assessment.enterprise_id == user.enterprise_id)
    ).all()
    rendered = 0
    for submission_id in submission_ids:
        report = ensure_report(submission_id=submission_id)
        if report.status != "ready":
            render_stored(report_id=report.id)
            rendered += 1
    return rendered


def take_demo_snapshot() -> bool:
    """Publish an aggregate snapshot now, so the association has figures; False if one is busy."""
    from app.aggregates.snapshot.lease import acquire_lease, holder_name, take_snapshot_now

    holder = holder_name()
    if not acquire_lease(holder=holder):
        return False
    take_snapshot_now(trigger="cli", holder=holder)
    return True


def _no_snapshot() -> bool:
    from app.aggregates.snapshot.take import latest_snapshot

    return latest_snapshot() is None


def _user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


def _utc(local: date, *, hour: int):
    from datetime import UTC, datetime

    return datetime(local.year, local.month, local.day, hour, tzinfo=UTC) - CHINA
