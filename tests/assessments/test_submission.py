"""Submission: completeness, scoring, idempotent retries, concurrency, results, events."""

import threading
import uuid

import pytest

from app.auth.models import User
from app.db import db
from tests.fixtures.answering import complete_answers


def submit(client, headers, assessment_id, key=None):
    extra = {"Idempotency-Key": key} if key else {}
    return client.post(f"/api/v1/assessments/{assessment_id}/submit", headers={**headers, **extra})


def test_the_submit_hands_on_the_report_it_made_and_a_replay_looks_it_up(
    client, enterprise, definition, monkeypatch
):
    from app.reports import service as reports
    from app.reports.models import Report

    scheduled = []
    monkeypatch.setattr(reports, "schedule_render", lambda **kwargs: scheduled.append(kwargs))
    draft = enterprise.fill("quality", complete_answers(definition("quality"), enterprise.facts))
    key = str(uuid.uuid4())
    assert submit(client, enterprise.headers, draft["id"], key=key).status_code == 200
    assert submit(client, enterprise.headers, draft["id"], key=key).status_code == 200
    (report,) = db.session.scalars(db.select(Report)).all()
    assert scheduled == [
        {"assessment_id": draft["id"], "revision": 1, "report_id": report.id},
        # Replayed: this request made no report, so none of its own is handed on.
        {"assessment_id": draft["id"], "revision": 1, "report_id": None},
    ]


def test_submit_rejects_unanswered_required_questions_listing_them(client, enterprise):
    draft = enterprise.create("quality")
    response = submit(client, enterprise.headers, draft["id"])
    assert response.status_code == 422
    body = response.get_json()
    assert body["missing"] == draft["missing"]
    assert set(body["errors"]) == set(draft["missing"])


def test_submit_scores_and_freezes_revision_one(client, enterprise, definition):
    answers = complete_answers(definition("quality"), enterprise.facts)
    draft = enterprise.fill("quality", answers)
    response = submit(client, enterprise.headers, draft["id"], key=str(uuid.uuid4()))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "submitted"
    assert body["revision"] == 1
    assert body["result"]["overall"] == 100
    assert body["result"]["maturity"]["level"] == 5
    after_patch = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": {next(iter(answers)): None}},
        headers={**enterprise.headers, "If-Match": f'"{body["version"]}"'},
    )
    assert after_patch.status_code == 409
    assert after_patch.get_json()["current_status"] == "submitted"


def test_a_retry_with_the_same_key_replays_the_response_and_creates_nothing(
    client, enterprise, definition
):
    draft = enterprise.fill("quality", complete_answers(definition("quality"), enterprise.facts))
    key = str(uuid.uuid4())
    first = submit(client, enterprise.headers, draft["id"], key=key)
    second = submit(client, enterprise.headers, draft["id"], key=key)
    assert second.status_code == 200
    assert second.get_json() == first.get_json()
    assert second.headers["Idempotent-Replayed"] == "true"
    events = client.get(f"/api/v1/assessments/{draft['id']}/events", headers=enterprise.headers)
    assert [e["action"] for e in events.get_json()["items"]].count("submit") == 1
    other_key = submit(client, enterprise.headers, draft["id"], key=str(uuid.uuid4()))
    assert other_key.status_code == 409


def test_result_of_a_draft_never_submitted_is_404(client, enterprise):
    draft = enterprise.create("quality")
    response = client.get(f"/api/v1/assessments/{draft['id']}/result", headers=enterprise.headers)
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"


def test_result_explains_itself_and_recommendations_are_ranked(client, enterprise, definition):
    answers = complete_answers(definition("quality"), enterprise.facts, choice="middle")
    draft = enterprise.fill("quality", answers)
    submit(client, enterprise.headers, draft["id"])
    result = client.get(f"/api/v1/assessments/{draft['id']}/result", headers=enterprise.headers)
    body = result.get_json()
    assert 0 < body["overall"] < 100
    assert body["questionnaire"]["key"] == "quality"
    assert body["revision"] == 1
    gains = [r["gain"] for r in body["recommendations"]]
    assert gains == sorted(gains, reverse=True)
    assert all(r["clause"] and r["departments"] for r in body["recommendations"])
    assert sum(t["contribution"] for t in body["trace"]) == pytest.approx(
        body["overall_uncapped"], abs=0.1
    )
    assert body["benchmark"] is None
    english = client.get(
        f"/api/v1/assessments/{draft['id']}/result",
        headers={**enterprise.headers, "Accept-Language": "en"},
    ).get_json()
    assert english["maturity"]["label"] != body["maturity"]["label"]


def test_events_record_create_save_and_submit_with_the_actor(client, enterprise, definition):
    draft = enterprise.fill("quality", complete_answers(definition("quality"), enterprise.facts))
    submit(client, enterprise.headers, draft["id"])
    events = client.get(f"/api/v1/assessments/{draft['id']}/events", headers=enterprise.headers)
    items = events.get_json()["items"]
    assert items[0]["action"] == "create"
    assert "save" in [e["action"] for e in items]
    assert items[-1]["action"] == "submit"
    assert items[-1]["revision"] == 1
    # Display names, not login names (for an enterprise, its name rather than its USCC).
    name = db.session.get(User, enterprise.user_id).display_name
    assert {e["actor"] for e in items} == {name} and name != enterprise.uscc


@pytest.mark.postgres_only
def test_concurrent_submits_of_one_draft_make_exactly_one_revision(app, enterprise, definition):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("real concurrency is tested on PostgreSQL; SQLite serialises writers")
    draft = enterprise.fill("quality", complete_answers(definition("quality"), enterprise.facts))
    barrier = threading.Barrier(6)
    statuses = []

    def attempt(key):
        client = app.test_client()
        barrier.wait()
        with app.app_context():
            statuses.append(submit(client, enterprise.headers, draft["id"], key=key).status_code)

    keys = [str(uuid.uuid4()) for _ in range(3)] + ["same-key"] * 3
    threads = [threading.Thread(target=attempt, args=(k,)) for k in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    from sqlalchemy import func, select

    from app.assessments.models import Submission
    from app.db import db

    count = db.session.scalar(
        select(func.count()).select_from(Submission).where(Submission.assessment_id == draft["id"])
    )
    assert count == 1
    assert statuses.count(200) >= 1
    assert set(statuses) <= {200, 409}
