"""flask demo seed on a real database: every role's first screen has content; idempotent."""

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from app.aggregates.models import AggregateSnapshot
from app.assessments.models import Assessment, Submission
from app.auth.demo import DEMO
from app.auth.models import Enterprise
from app.db import db
from app.demo.population import CHINA, china_today
from app.demo.showcase import seed_demo
from app.reports.models import Report
from tests.demo.rows import empty_database, fingerprint

pytestmark = pytest.mark.slow


def _headers(login, key: str) -> dict:
    return login(DEMO[key].username, DEMO[key].password)


def _counts() -> tuple:
    return tuple(
        db.session.scalar(select(func.count()).select_from(model))
        for model in (Enterprise, Assessment, Submission, AggregateSnapshot, Report)
    )


def test_the_seed_gives_every_demo_account_something_to_see_and_a_rerun_adds_nothing(
    app, client, login
):
    outcome = seed_demo()
    this_year = china_today().year
    assert outcome.population.enterprises == 200 and outcome.snapshot and outcome.reports == 4

    rows = db.session.execute(
        select(Submission.submitted_at, Submission.maturity_level, Submission.has_red_flags)
    ).all()
    # The population's last year and this year; the demo enterprise's quality two years ago.
    assert {(at + CHINA).year for at, _, _ in rows} == {this_year - 2, this_year - 1, this_year}
    levels = Counter(level for _, level, _ in rows)
    assert len(levels) == 5 and max(levels.values()) < 0.5 * len(rows)
    assert 0 < sum(flagged for _, _, flagged in rows) < 0.2 * len(rows)

    # The city regulator's queue has submissions waiting for review, some returned ones too.
    city = _headers(login, "regulator_city")
    waiting = client.get("/api/v1/assessments?status=submitted", headers=city).get_json()
    assert waiting["items"] and {a["status"] for a in waiting["items"]} == {"submitted"}
    returned = client.get("/api/v1/assessments?status=returned", headers=city).get_json()
    assert returned["items"] and all(a["review"]["comment"] for a in returned["items"])
    province = _headers(login, "regulator_province")
    assert client.get("/api/v1/assessments", headers=province).get_json()["items"]

    # The association reads released figures for each of its industries, some groups hidden.
    association = _headers(login, "association")
    for industry in DEMO["association"].industries:
        shown = []
        for group_by in ("region", "size"):
            response = client.get(
                f"/api/v1/aggregates?questionnaire=quality&industry={industry}&group_by={group_by}",
                headers=association,
            )
            assert response.status_code == 200, response.get_json()
            shown += [not g["suppressed"] for g in response.get_json()["groups"]]
        assert True in shown and False in shown, (industry, shown)
    quality = "/api/v1/aggregates?questionnaire=quality&industry=C17"
    total = client.get(quality, headers=association).get_json()["total"]
    assert total["suppressed"] is False and total["n"] >= 20

    # The demo enterprise: last year's approved submissions, each report ready to download, and
    # quality the year before, so last year's quality result shows the progress since.
    enterprise = _headers(login, "enterprise")
    own = client.get("/api/v1/assessments", headers=enterprise).get_json()["items"]
    assert len(own) == 4 and {a["status"] for a in own} == {"approved"}
    years = Counter(date.fromisoformat(a["submitted_at"][:10]).year for a in own)
    assert years == {this_year - 1: 3, this_year - 2: 1}
    assert Counter(a["year"] for a in own) == years
    pdf = client.get(f"/api/v1/assessments/{own[0]['id']}/report.pdf", headers=enterprise)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    (last,) = [
        a for a in own if a["questionnaire"]["key"] == "quality" and a["year"] == this_year - 1
    ]
    progress = client.get(f"/api/v1/assessments/{last['id']}/year-over-year", headers=enterprise)
    assert progress.get_json()["previous"]["year"] == this_year - 2

    # The city regulator's campaign: filed and unfiled firms on its roll, the demo enterprise's
    # "closing soon" card on its home screen.
    assert outcome.campaign == f"{this_year}年度石家庄市企业质量自评"
    (campaign,) = client.get("/api/v1/campaigns", headers=city).get_json()["items"]
    counts = client.get(f"/api/v1/campaigns/{campaign['id']}/progress", headers=city).get_json()
    states = counts["by_state"]
    assert states["not_started"] >= 10 and states["submitted"] + states["approved"] >= 10, states
    assert counts["late"] == 0 and counts["total"] == sum(states.values())
    (card,) = client.get("/api/v1/campaigns/mine", headers=enterprise).get_json()["items"]
    assert card["name"] == outcome.campaign and card["days_left"] == 15
    assert [q["state"] for q in card["questionnaires"]] == ["not_started"]
    assert client.get("/api/v1/campaigns", headers=province).get_json()["items"]

    before = _counts()
    again = seed_demo()
    assert again.population.enterprises == 0 and again.population.skipped == 200
    assert not again.snapshot and again.reports == 0 and again.demo_submissions == 0
    assert again.campaign is None
    assert _counts() == before


def test_the_same_seed_writes_the_same_rows(app):
    seed_demo(enterprises=25, today=date(2026, 6, 1), render_reports=False)
    first = fingerprint()
    db.session.commit()
    empty_database()
    seed_demo(enterprises=25, today=date(2026, 6, 1), render_reports=False)
    assert fingerprint() == first and len(first) > 50


def test_the_command_prints_how_long_it_took(app):
    result = app.test_cli_runner().invoke(
        args=["demo", "seed", "--enterprises", "5", "--no-reports"]
    )
    assert result.exit_code == 0, result.output
    assert "5 enterprises" in result.output and "demo seed took" in result.output
