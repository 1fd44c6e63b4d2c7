"""Deliveries to a real receiver: signed, ids and states only, retried, bounded, logged."""

import hashlib
import hmac
import time

from sqlalchemy import select

from app.audit.models import WEBHOOK_RESEND, AuditEntry
from app.db import db
from app.webhooks.models import WebhookDelivery
from tests.webhooks.conftest import HOOKS, wait_for_state


def _verify(secret: str, request: dict) -> bool:
    """What a receiver does (docs/webhooks.md): HMAC-SHA256 over "timestamp.body"."""
    timestamp = request["headers"]["X-Webhook-Timestamp"]
    if abs(time.time() - int(timestamp)) > 300:
        return False
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + request["body"], hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest("sha256=" + expected, request["headers"]["X-Webhook-Signature"])


def test_a_submit_is_delivered_signed_with_ids_and_states_not_answers(
    client, admin, receiver, loopback_allowed, register, company, filled
):
    hook = register(receiver.url)
    submitted = company.submit(filled)

    request = receiver.wait_for(1)[0]
    assert _verify(hook["secret"], request)
    assert not _verify(hook["secret"] + "x", request)
    assert request["headers"]["X-Webhook-Event"] == "submission.submitted"
    body = receiver.json(0)
    assert body["event"] == "submission.submitted"
    assert str(body["id"]) == request["headers"]["X-Webhook-Id"]
    data = body["data"]
    assert data["assessment_id"] == submitted["id"]
    assert data["status"] == "submitted" and data["revision"] == 1
    assert data["uscc"] == company.uscc
    assert "answers" not in data and "overall" not in data
    assert str(filled["answers"]) not in request["body"].decode()
    [delivery] = wait_for_state(client, admin, hook["id"], "delivered")
    assert [(a["outcome"], a["status"]) for a in delivery["attempts"]] == [("delivered", 200)]


def test_a_500_is_retried_with_growing_waits_until_delivered(
    client, admin, receiver, loopback_allowed, register, company, filled
):
    receiver.statuses = [500, 500]
    hook = register(receiver.url)
    company.submit(filled)

    first, second, third = receiver.wait_for(3)
    [delivery] = wait_for_state(client, admin, hook["id"], "delivered")
    assert [(a["outcome"], a["status"]) for a in delivery["attempts"]] == [
        ("http_error", 500),
        ("http_error", 500),
        ("delivered", 200),
    ]
    # 0.3 s, then 0.6 s (WEBHOOK_RETRY_BASE_SECONDS doubling); the same delivery each time.
    assert second["at"] - first["at"] >= 0.3
    assert third["at"] - second["at"] >= 0.6
    assert len({r["headers"]["X-Webhook-Id"] for r in (first, second, third)}) == 1
    assert all(_verify(hook["secret"], r) for r in (first, second, third))


def test_attempts_stop_at_the_limit_and_the_delivery_is_marked_failed(
    client, admin, receiver, loopback_allowed, register, company, filled
):
    receiver.statuses = [500] * 10
    hook = register(receiver.url)
    company.submit(filled)

    [delivery] = wait_for_state(client, admin, hook["id"], "failed")
    assert [a["status"] for a in delivery["attempts"]] == [500, 500, 500]  # WEBHOOK_MAX_ATTEMPTS
    time.sleep(1.5)
    assert len(receiver.requests) == 3


def test_a_replayed_submit_is_delivered_once(
    client, admin, receiver, loopback_allowed, register, company, filled
):
    hook = register(receiver.url)
    company.submit(filled, key="same-key-1")
    company.submit(filled, key="same-key-1")
    wait_for_state(client, admin, hook["id"], "delivered")
    time.sleep(0.5)
    assert len(receiver.requests) == 1


def test_a_return_and_an_approval_are_delivered_to_their_subscribers(
    client, admin, receiver, loopback_allowed, register, company, filled, make_staff
):
    hook = register(receiver.url, events=["submission.returned", "submission.approved"])
    regulator = make_staff("regulator", jurisdiction="130100")
    submitted = company.submit(filled)
    returned = client.post(
        f"/api/v1/assessments/{submitted['id']}/review",
        json={"decision": "return", "comment": "请补充质量承诺书"},
        headers=regulator.headers,
    )
    assert returned.status_code == 200
    receiver.wait_for(1)
    data = receiver.json(0)["data"]
    assert receiver.json(0)["event"] == "submission.returned"
    assert data["status"] == "returned" and "comment" not in data
    assert "请补充" not in receiver.requests[0]["body"].decode()

    again = company.submit(
        client.get(f"/api/v1/assessments/{submitted['id']}", headers=company.headers).get_json()
    )
    assert again["revision"] == 2
    approved = client.post(
        f"/api/v1/assessments/{submitted['id']}/review",
        json={"decision": "approve"},
        headers=regulator.headers,
    )
    assert approved.status_code == 200
    receiver.wait_for(2)
    assert receiver.json(1)["event"] == "submission.approved"
    assert receiver.json(1)["data"]["revision"] == 2
    assert all(_verify(hook["secret"], r) for r in receiver.requests)


def test_a_disabled_webhook_gets_nothing_and_redelivery_sends_the_payload_again(
    client, admin, receiver, loopback_allowed, register, company, filled
):
    hook = register(receiver.url)
    company.submit(filled)
    [delivered] = wait_for_state(client, admin, hook["id"], "delivered")

    resent = client.post(
        f"{HOOKS}/{hook['id']}/deliveries/{delivered['id']}/redeliver", headers=admin.headers
    )
    assert resent.status_code == 202
    assert resent.get_json()["redelivery_of"] == delivered["id"]
    first, second = receiver.wait_for(2)
    assert receiver.json(1)["data"] == receiver.json(0)["data"]
    assert first["headers"]["X-Webhook-Id"] != second["headers"]["X-Webhook-Id"]
    assert _verify(hook["secret"], second)
    audited = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == WEBHOOK_RESEND)
    ).all()
    assert [e.details["delivery_id"] for e in audited] == [delivered["id"]]

    disabled = client.post(f"{HOOKS}/{hook['id']}/disable", headers=admin.headers)
    assert disabled.get_json()["active"] is False
    refused = client.post(
        f"{HOOKS}/{hook['id']}/deliveries/{delivered['id']}/redeliver", headers=admin.headers
    )
    assert refused.status_code == 409
    db.session.rollback()
    assert db.session.query(WebhookDelivery).count() == 2


def test_the_scheduled_sweep_sends_a_delivery_whose_job_was_lost(
    app, client, admin, receiver, loopback_allowed, register
):
    from datetime import timedelta

    from app.db import utcnow

    hook = register(receiver.url, events=["report.ready"])
    # As a restart leaves it: due two minutes ago, no job queued or timed for it.
    lost = WebhookDelivery(
        webhook_id=hook["id"],
        event="report.ready",
        payload={"report_id": 7},
        next_attempt_at=utcnow() - timedelta(minutes=2),
    )
    db.session.add(lost)
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["jobs", "run-scheduled", "webhook-deliveries"])
    assert result.exit_code == 0, result.output
    assert "1 attempted" in result.output
    [request] = receiver.wait_for(1)
    assert _verify(hook["secret"], request)
    assert receiver.json(0)["data"] == {"report_id": 7}
    [delivery] = wait_for_state(client, admin, hook["id"], "delivered")
    assert len(delivery["attempts"]) == 1


def test_a_rendered_report_is_delivered_as_report_ready(
    client, admin, receiver, loopback_allowed, register, company, filled
):
    hook = register(receiver.url, events=["report.ready"])
    submitted = company.submit(filled)
    # Reports render at the first download in tests (REPORT_RENDER_ON_SUBMIT is off).
    pdf = client.get(f"/api/v1/assessments/{submitted['id']}/report.pdf", headers=company.headers)
    assert pdf.status_code == 200

    [request] = receiver.wait_for(1)
    assert _verify(hook["secret"], request)
    body = receiver.json(0)
    assert body["event"] == "report.ready"
    assert body["data"]["assessment_id"] == submitted["id"]
    assert body["data"]["report_status"] == "ready"
    assert body["data"]["report_url"].endswith(f"/report.pdf?revision={submitted['revision']}")
