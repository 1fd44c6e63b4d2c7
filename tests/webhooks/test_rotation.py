"""Rotating a webhook's secret: a new one shown once, the old one signing beside it for the
overlap, then the new one alone; audited, for admins only."""

import hashlib
import hmac
import time
from datetime import timedelta

from sqlalchemy import select, update

from app.audit.models import WEBHOOK_ROTATE, AuditEntry
from app.db import db, utcnow
from app.webhooks.models import Webhook
from tests.webhooks.conftest import HOOKS, wait_for_state


def _signed(secret: str, request: dict, header: str = "X-Webhook-Signature") -> bool:
    """What a receiver does (docs/webhooks.md), on one signature header."""
    timestamp = request["headers"]["X-Webhook-Timestamp"]
    if abs(time.time() - int(timestamp)) > 300 or header not in request["headers"]:
        return False
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + request["body"], hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest("sha256=" + expected, request["headers"][header])


def test_deliveries_carry_both_signatures_until_the_overlap_ends(
    client, admin, receiver, loopback_allowed, register, company, filled
):
    hook = register(receiver.url)
    old = hook["secret"]
    response = client.post(f"{HOOKS}/{hook['id']}/rotate-secret", headers=admin.headers)
    assert response.status_code == 200, response.get_json()
    rotated = response.get_json()
    new = rotated["secret"]
    assert new.startswith("whsec_") and new != old
    assert rotated["previous_secret_until"] and rotated["secret_rotated_at"]
    # Shown once: neither secret is read back afterwards.
    again = client.get(f"{HOOKS}/{hook['id']}", headers=admin.headers)
    assert again.get_json()["previous_secret_until"] == rotated["previous_secret_until"]
    assert old not in again.get_data(as_text=True) and new not in again.get_data(as_text=True)

    company.submit(filled)
    request = receiver.wait_for(1)[0]
    # A receiver still on the old secret verifies as before; one on the new secret, the other.
    assert _signed(old, request)
    assert _signed(new, request, "X-Webhook-Signature-Next")
    assert not _signed(new, request) and not _signed(old, request, "X-Webhook-Signature-Next")

    # The overlap over: the new secret alone, in the usual header.
    past = utcnow() - timedelta(seconds=1)
    db.session.execute(update(Webhook).values(previous_secret_until=past))
    db.session.commit()
    [delivery] = wait_for_state(client, admin, hook["id"], "delivered")
    path = f"{HOOKS}/{hook['id']}/deliveries/{delivery['id']}/redeliver"
    assert client.post(path, headers=admin.headers).status_code == 202
    later = receiver.wait_for(2)[1]
    assert _signed(new, later) and "X-Webhook-Signature-Next" not in later["headers"]
    assert not _signed(old, later)
    listed = client.get(f"{HOOKS}/{hook['id']}", headers=admin.headers).get_json()
    assert listed["previous_secret_until"] is None


def test_a_rotation_is_audited_without_the_secrets(client, admin, register):
    hook = register("https://platform.example.cn/hook")
    first = client.post(f"{HOOKS}/{hook['id']}/rotate-secret", headers=admin.headers).get_json()
    second = client.post(f"{HOOKS}/{hook['id']}/rotate-secret", headers=admin.headers).get_json()
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == WEBHOOK_ROTATE).order_by(AuditEntry.id)
    ).all()
    assert [e.details["webhook_id"] for e in entries] == [hook["id"], hook["id"]]
    assert all(e.user_id == admin.user_id for e in entries)
    logged = " ".join(str(e.details) for e in entries)
    for secret in (hook["secret"], first["secret"], second["secret"]):
        assert secret not in logged
    # Rotating again within the overlap: the secret being replaced signs, the oldest no more.
    stored = db.session.get(Webhook, hook["id"])
    db.session.refresh(stored)
    assert stored.previous_secret == first["secret"] and stored.secret == second["secret"]


def test_rotating_an_unknown_webhook_is_404_in_either_language(client, admin):
    for lang in ("zh", "en"):
        response = client.post(
            f"{HOOKS}/999999/rotate-secret", headers={**admin.headers, "Accept-Language": lang}
        )
        assert response.status_code == 404
        assert response.headers["Content-Type"].startswith("application/problem+json")
