"""Sending a delivery: one attempt per job, logged; on failure the next after a growing wait.

An attempt first claims the delivery (one conditional UPDATE), so the job started at emit, a
delayed retry and the scheduled sweep never send the same delivery twice at once. A claim is a
lease: a worker that dies mid-attempt leaves it to be claimed again once the lease runs out.
"""

import http.client
import json
import logging
import random
import time
from datetime import timedelta

from flask import current_app, has_app_context
from sqlalchemy import select, update

from app.db import db, utcnow
from app.jobs.background import QueueUnavailable, start
from app.webhooks import addresses
from app.webhooks.models import (
    DELIVERED,
    FAILED,
    PENDING,
    SENDING,
    Webhook,
    WebhookAttempt,
    WebhookDelivery,
)
from app.webhooks.signing import signature_headers

log = logging.getLogger(__name__)
# The longest wait between two attempts, however many came before.
MAX_DELAY_SECONDS = 6 * 3600


def retry_delay(attempts: int) -> float:
    """Seconds before the next attempt after `attempts` failed ones: doubling, plus ≤10% jitter."""
    base = current_app.config["WEBHOOK_RETRY_BASE_SECONDS"]
    delay = min(base * 2 ** (attempts - 1), MAX_DELAY_SECONDS)
    return delay * (1 + random.random() / 10)  # receivers that failed together retry apart


def schedule_attempt(delivery_id: int, *, attempt: int, delay: float = 0) -> None:
    """Start (or queue) the job that makes the delivery's next attempt."""
    try:
        start(
            "app.webhooks.delivery.deliver",
            delivery_id,
            queue=current_app.config["WEBHOOK_QUEUE"],
            job_id=f"webhook-delivery-{delivery_id}-{attempt}",
            timeout=120,
            delay=delay,
        )
    except QueueUnavailable:  # the row stays due: the scheduled sweep sends it
        log.warning("webhook delivery %s left to the sweep: queue unavailable", delivery_id)


def _claim(delivery_id: int) -> bool:
    now = utcnow()
    lease = current_app.config["WEBHOOK_TIMEOUT_SECONDS"] + 60
    claimed = db.session.execute(
        update(WebhookDelivery)
        .where(
            WebhookDelivery.id == delivery_id,
            WebhookDelivery.state.in_((PENDING, SENDING)),
            WebhookDelivery.next_attempt_at <= now,
            WebhookDelivery.webhook_id.in_(select(Webhook.id).where(Webhook.active)),
        )
        .values(state=SENDING, next_attempt_at=now + timedelta(seconds=lease))
    ).rowcount
    db.session.commit()
    return claimed == 1


def body_of(delivery: WebhookDelivery) -> bytes:
    """The JSON sent: the delivery's id, its event, when it happened, and the payload."""
    document = {
        "id": delivery.id,
        "event": delivery.event,
        "created_at": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def deliver(delivery_id: int) -> None:
    """The job: one attempt at a delivery that is due, and what follows from its outcome."""
    if not has_app_context():  # started by a plain `rq worker`
        from app import create_app

        with create_app().app_context():
            return deliver(delivery_id)
    if not _claim(delivery_id):
        return  # not due, done already, taken by another worker, or its webhook disabled
    delivery = db.session.get(WebhookDelivery, delivery_id)
    webhook = db.session.get(Webhook, delivery.webhook_id)
    attempt = _send(webhook, delivery)
    db.session.add(attempt)
    delivery.attempts = attempt.number
    delivery.last_status = attempt.status
    config = current_app.config
    if attempt.outcome == "delivered":
        delivery.state, delivery.delivered_at, delivery.next_attempt_at = DELIVERED, utcnow(), None
    elif attempt.outcome == "refused" or attempt.number >= config["WEBHOOK_MAX_ATTEMPTS"]:
        # A refused address is refused again next time: no point in retrying it.
        delivery.state, delivery.next_attempt_at = FAILED, None
    else:
        delay = retry_delay(attempt.number)
        delivery.state = PENDING
        delivery.next_attempt_at = utcnow() + timedelta(seconds=delay)
    db.session.commit()
    log.info(
        "webhook delivery %s attempt %s: %s %s",
        delivery.id,
        attempt.number,
        attempt.outcome,
        attempt.status or attempt.error,
    )
    if delivery.state == PENDING:
        schedule_attempt(delivery.id, attempt=attempt.number + 1, delay=delay)


def _send(webhook: Webhook, delivery: WebhookDelivery) -> WebhookAttempt:
    config = current_app.config
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "quality-self-assessment-webhooks/1",
        "X-Webhook-Id": str(delivery.id),
        "X-Webhook-Event": delivery.event,
        "X-Webhook-Timestamp": str(timestamp),
        **signature_headers(webhook, timestamp, body, now=utcnow()),
    }
    attempt = WebhookAttempt(delivery_id=delivery.id, number=delivery.attempts + 1)
    attempt.started_at = utcnow()
    started = time.monotonic()
    try:
        attempt.address, attempt.status, _ = addresses.post(
            webhook.url,
            body,
            headers,
            timeout=config["WEBHOOK_TIMEOUT_SECONDS"],
            allowed=config["WEBHOOK_ALLOWED_NETWORKS"],
        )
        attempt.outcome = "delivered" if 200 <= attempt.status < 300 else "http_error"
    except addresses.AddressRefused as error:
        attempt.outcome, attempt.error = "refused", str(error)
    except (OSError, ValueError, http.client.HTTPException) as error:  # no usable answer
        attempt.outcome, attempt.error = "network_error", f"{type(error).__name__}: {error}"
    attempt.duration_ms = round((time.monotonic() - started) * 1000)
    if attempt.error:
        attempt.error = attempt.error[:500]
    return attempt


def send_due(*, limit: int = 100) -> int:
    """Attempt deliveries that are due but whose job was lost (a restart, no queue); how many."""
    due = db.session.scalars(
        select(WebhookDelivery.id)
        .where(
            WebhookDelivery.state.in_((PENDING, SENDING)),
            WebhookDelivery.next_attempt_at <= utcnow() - timedelta(seconds=60),
        )
        .order_by(WebhookDelivery.next_attempt_at)
        .limit(limit)
    ).all()
    db.session.commit()
    for delivery_id in due:
        deliver(delivery_id)
    return len(due)
