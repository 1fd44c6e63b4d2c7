"""The benchmarks' bulk writer stores what the services store for the same drawn firms."""

from datetime import date

from sqlalchemy import func, select

from app.assessments.models import AssessmentEvent
from app.auth.demo import DEMO
from app.auth.models import User
from app.db import db
from app.demo.accounts import seed_demo_accounts
from app.demo.bulk import write_bulk
from app.demo.population import draw_province
from app.demo.seed import published_keys, seed_population
from tests.demo.rows import empty_database, fingerprint

TODAY = date(2026, 6, 1)


def _reviewers() -> dict[str, User]:
    seed_demo_accounts()
    db.session.commit()
    by = {a.username: a for a in db.session.scalars(select(User))}
    return {
        "province": by[DEMO["regulator_province"].username],
        "130100": by[DEMO["regulator_city"].username],
    }


def _events() -> list[tuple]:
    return sorted(
        db.session.execute(
            select(AssessmentEvent.action, AssessmentEvent.revision, func.count()).group_by(
                AssessmentEvent.action, AssessmentEvent.revision
            )
        ).all()
    )


def test_bulk_rows_equal_the_rows_the_services_write(app):
    seed_population(regulators=_reviewers(), seed=3, enterprises=30, today=TODAY)
    through_services, events = fingerprint(), _events()
    assert len(through_services) > 100
    empty_database()

    reviewers = {key: user.id for key, user in _reviewers().items()}
    firms = draw_province(seed=3, enterprises=30, questionnaires=published_keys(), today=TODAY)
    written = write_bulk(firms=firms, seed=3, reviewers=reviewers, batch=7)
    assert written == len(through_services)
    assert fingerprint() == through_services
    # The services also log a save per draft; the bulk writer logs the rest alike.
    assert [e for e in _events() if e[0] != "save"] == [e for e in events if e[0] != "save"]
