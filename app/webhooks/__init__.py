"""Outgoing webhooks: signed JSON deliveries of domain events to receivers an admin registers.

The domains announce what happened (app/signals.py); init_app connects the receivers that turn
each announcement into emit(event, subject), which records one delivery per active webhook
subscribed to the event (at most one per event and webhook, so emitting twice sends once) and
starts the job that sends it (docs/webhooks.md).
"""

import logging

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import signals
from app.db import db, utcnow

log = logging.getLogger(__name__)
# A regulator's decision → its event.
REVIEW_EVENTS = {"approve": "submission.approved", "return": "submission.returned"}


def init_app(app) -> None:
    """Deliver the domains' announcements to the webhooks subscribed to them."""
    signals.listen(signals.submission_submitted, _on_submitted)
    signals.listen(signals.submission_decided, _on_decided)
    signals.listen(signals.report_ready, _on_report_ready)


def _on_submitted(assessment_id: int) -> None:
    emit("submission.submitted", assessment_id)


def _on_decided(assessment, *, decision: str) -> None:
    emit(REVIEW_EVENTS[decision], assessment)


def _on_report_ready(report) -> None:
    emit("report.ready", report)


def emit(event: str, subject) -> None:
    """Deliver an event about an assessment or a report (object or id); never raises."""
    try:
        _emit(event, subject)
    except Exception:  # the state change is committed already; a lost webhook must not undo it
        db.session.rollback()
        log.exception("webhook event %s could not be recorded", event)


def _emit(event: str, subject) -> None:
    from app.webhooks.delivery import schedule_attempt
    from app.webhooks.models import EVENTS, Webhook, WebhookDelivery
    from app.webhooks.payloads import payload_for

    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")
    hooks = [
        w for w in db.session.scalars(select(Webhook).where(Webhook.active)) if event in w.events
    ]
    if not hooks:
        db.session.commit()  # ends the read: a worker's connection is not left idle in it
        return
    key, payload = payload_for(event, subject)
    created = []
    for webhook in hooks:
        delivery = WebhookDelivery(
            webhook_id=webhook.id,
            event=event,
            event_key=key,
            payload=payload,
            next_attempt_at=utcnow(),
        )
        try:
            with db.session.begin_nested():
                db.session.add(delivery)
        except IntegrityError:  # emitted before (a replayed request): sent once
            continue
        created.append(delivery.id)
    db.session.commit()
    for delivery_id in created:
        schedule_attempt(delivery_id, attempt=1)
