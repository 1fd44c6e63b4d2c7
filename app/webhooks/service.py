"""The admin's webhooks: register, list, disable, enable, delete; deliveries and redelivery."""

from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select

from app.audit.models import (
    WEBHOOK_CREATE,
    WEBHOOK_DELETE,
    WEBHOOK_DISABLE,
    WEBHOOK_ENABLE,
    WEBHOOK_RESEND,
    WEBHOOK_ROTATE,
)
from app.audit.service import record_event
from app.db import db, utcnow
from app.errors import ApiError
from app.messages import webhooks as messages
from app.webhooks.addresses import literal_refused
from app.webhooks.models import PENDING, Webhook, WebhookAttempt, WebhookDelivery
from app.webhooks.signing import new_secret


def _audit(action: str, webhook: Webhook, user_id: int | None, **details) -> None:
    # In the session: recorded with the change, or not at all.
    record_event(
        action=action,
        role="admin",
        user_id=user_id,
        details={"webhook_id": webhook.id, "name": webhook.name, **details},
        status=200,
        in_session=True,
    )


def create_webhook(*, name: str, url: str, events: list[str], created_by: int) -> Webhook:
    """Register a webhook with a new secret (readable on the returned row this once)."""
    if literal_refused(url, allowed=current_app.config["WEBHOOK_ALLOWED_NETWORKS"]):
        raise ApiError(422, errors={"url": [messages.WEBHOOK_URL_PRIVATE]})
    if db.session.scalar(select(Webhook.id).where(Webhook.name == name)) is not None:
        raise ApiError(
            409, messages.WEBHOOK_NAME_TAKEN, errors={"name": [messages.WEBHOOK_NAME_TAKEN]}
        )
    webhook = Webhook(
        name=name, url=url, events=sorted(set(events)), secret=new_secret(), created_by=created_by
    )
    webhook.active = True
    db.session.add(webhook)
    db.session.flush()
    _audit(WEBHOOK_CREATE, webhook, created_by, url=url, events=webhook.events)
    return webhook


def list_webhooks() -> list[Webhook]:
    return list(db.session.scalars(select(Webhook).order_by(Webhook.id.desc())))


def get_webhook(webhook_id: int) -> Webhook:
    webhook = db.session.get(Webhook, webhook_id)
    if webhook is None:
        raise ApiError(404)
    return webhook


def set_webhook_active(*, webhook_id: int, active: bool, changed_by: int) -> Webhook:
    """Disable (deliveries wait, none is sent) or enable again; the same twice changes nothing."""
    webhook = get_webhook(webhook_id)
    if webhook.active != active:
        webhook.active = active
        webhook.disabled_at = None if active else utcnow()
        db.session.flush()
        _audit(WEBHOOK_ENABLE if active else WEBHOOK_DISABLE, webhook, changed_by)
    return webhook


def rotate_secret(*, webhook_id: int, rotated_by: int) -> Webhook:
    """A new secret (readable on the returned row this once); the current one keeps signing
    deliveries beside it for WEBHOOK_SECRET_OVERLAP_HOURS. Rotating again within the overlap
    drops the oldest: only the secret being replaced still signs."""
    webhook = get_webhook(webhook_id)
    now = utcnow()
    hours = current_app.config["WEBHOOK_SECRET_OVERLAP_HOURS"]
    webhook.previous_secret = webhook.secret
    webhook.previous_secret_until = now + timedelta(hours=hours)
    webhook.secret = new_secret()
    webhook.secret_rotated_at = now
    db.session.flush()
    until = webhook.previous_secret_until.isoformat()
    _audit(WEBHOOK_ROTATE, webhook, rotated_by, previous_secret_until=until)
    return webhook


def delete_webhook(*, webhook_id: int, deleted_by: int) -> None:
    """Delete a webhook with its deliveries and their attempts (the audit log keeps its name)."""
    webhook = get_webhook(webhook_id)
    _audit(WEBHOOK_DELETE, webhook, deleted_by, url=webhook.url)
    deliveries = select(WebhookDelivery.id).where(WebhookDelivery.webhook_id == webhook.id)
    # Explicit deletes: SQLite enforces ON DELETE CASCADE only with its foreign keys pragma.
    db.session.execute(
        WebhookAttempt.__table__.delete().where(WebhookAttempt.delivery_id.in_(deliveries))
    )
    db.session.execute(
        WebhookDelivery.__table__.delete().where(WebhookDelivery.webhook_id == webhook.id)
    )
    db.session.delete(webhook)
    db.session.flush()


def delivery_counts() -> dict[int, dict[str, int]]:
    """webhook id → {state: deliveries}."""
    rows = db.session.execute(
        select(WebhookDelivery.webhook_id, WebhookDelivery.state, func.count()).group_by(
            WebhookDelivery.webhook_id, WebhookDelivery.state
        )
    )
    counts: dict[int, dict[str, int]] = {}
    for webhook_id, state, count in rows:
        counts.setdefault(webhook_id, {})[state] = count
    return counts


def list_deliveries(*, webhook_id: int, limit: int) -> list[tuple[WebhookDelivery, list]]:
    """The webhook's latest deliveries, newest first, each with its attempts in order."""
    get_webhook(webhook_id)
    deliveries = list(
        db.session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.webhook_id == webhook_id)
            .order_by(WebhookDelivery.id.desc())
            .limit(limit)
        )
    )
    attempts: dict[int, list[WebhookAttempt]] = {}
    if deliveries:
        for attempt in db.session.scalars(
            select(WebhookAttempt)
            .where(WebhookAttempt.delivery_id.in_([d.id for d in deliveries]))
            .order_by(WebhookAttempt.id)
        ):
            attempts.setdefault(attempt.delivery_id, []).append(attempt)
    return [(delivery, attempts.get(delivery.id, [])) for delivery in deliveries]


def redeliver(*, webhook_id: int, delivery_id: int, asked_by: int) -> WebhookDelivery:
    """A new delivery of the same payload, with a fresh round of attempts; 409 when disabled."""
    webhook = get_webhook(webhook_id)
    original = db.session.get(WebhookDelivery, delivery_id)
    if original is None or original.webhook_id != webhook.id:
        raise ApiError(404)
    if not webhook.active:
        raise ApiError(409, messages.WEBHOOK_DISABLED)
    copy = WebhookDelivery(
        webhook_id=webhook.id,
        event=original.event,
        payload=original.payload,
        state=PENDING,
        attempts=0,
        next_attempt_at=utcnow(),
        redelivery_of=original.id,
    )
    db.session.add(copy)
    db.session.flush()
    _audit(WEBHOOK_RESEND, webhook, asked_by, delivery_id=original.id, redelivery_id=copy.id)
    return copy
