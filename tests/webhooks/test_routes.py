"""The admin's webhooks API: the secret once, bad input named, loopback refused by default."""

import time

from sqlalchemy import select

from app.audit.models import WEBHOOK_CREATE, WEBHOOK_DELETE, WEBHOOK_DISABLE, AuditEntry
from app.db import db
from tests.webhooks.conftest import HOOKS, wait_for_state


def test_the_secret_is_shown_at_creation_only(client, admin, register):
    created = register("https://platform.example.cn/hooks", events=["report.ready"])
    assert created["secret"].startswith("whsec_") and len(created["secret"]) > 40
    listed = client.get(HOOKS, headers=admin.headers).get_json()
    assert [h["name"] for h in listed["items"]] == ["省平台"]
    assert "secret" not in listed["items"][0]
    assert "report.ready" in listed["events"]
    one = client.get(f"{HOOKS}/{created['id']}", headers=admin.headers).get_json()
    assert "secret" not in one and one["events"] == ["report.ready"]
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert WEBHOOK_CREATE in actions


def test_loopback_is_refused_by_default(client, admin, register, receiver):
    for url in (receiver.url, f"http://localhost:{receiver.port}/", "http://10.0.0.5/hook"):
        problem = register(url, expected=422)
        assert "url" in problem["errors"], problem


def test_a_name_resolving_to_loopback_is_refused_at_delivery(
    app, client, admin, register, receiver, loopback_allowed, monkeypatch, company, filled
):
    # Registered while allowed, then the setting is taken away: resolved, checked, refused.
    hook = register(f"http://localhost:{receiver.port}/hook")
    monkeypatch.setitem(app.config, "WEBHOOK_ALLOWED_NETWORKS", [])
    company.submit(filled)
    [delivery] = wait_for_state(client, admin, hook["id"], "failed")
    [attempt] = delivery["attempts"]
    assert attempt["outcome"] == "refused" and attempt["status"] is None
    assert "127.0.0.1" in attempt["error"] or "::1" in attempt["error"]
    time.sleep(0.3)
    assert receiver.requests == []


def test_bad_input_is_a_problem_naming_the_field_in_either_language(client, admin, register):
    problem = register("ftp://platform.example/x", expected=422)
    assert "url" in problem["errors"] and "https://" in problem["errors"]["url"][0]
    english = register(
        "https://user:pw@platform.example/x", expected=422, **{"Accept-Language": "en"}
    )
    assert english["errors"]["url"][0].startswith("Give an address")
    unknown = register("https://platform.example/x", events=["submission.deleted"], expected=422)
    assert "events.0" in unknown["errors"]  # the field, down to the item
    register("https://platform.example/x", events=[], expected=422)
    register("https://platform.example/x")
    taken = register("https://other.example/x", expected=409)
    assert "name" in taken["errors"]


def test_disable_enable_delete_are_audited_and_stop_deliveries(
    client, admin, register, receiver, loopback_allowed, company, filled
):
    hook = register(receiver.url)
    assert client.post(f"{HOOKS}/{hook['id']}/disable", headers=admin.headers).status_code == 200
    company.submit(filled)
    time.sleep(0.5)
    assert receiver.requests == []
    deliveries = client.get(f"{HOOKS}/{hook['id']}/deliveries", headers=admin.headers)
    assert deliveries.get_json()["items"] == []
    enabled = client.post(f"{HOOKS}/{hook['id']}/enable", headers=admin.headers).get_json()
    assert enabled["active"] is True and enabled["disabled_at"] is None
    assert client.delete(f"{HOOKS}/{hook['id']}", headers=admin.headers).status_code == 204
    assert client.get(f"{HOOKS}/{hook['id']}", headers=admin.headers).status_code == 404
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert {WEBHOOK_DISABLE, WEBHOOK_DELETE} <= set(actions)
