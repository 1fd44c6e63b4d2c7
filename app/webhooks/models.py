"""Webhooks an admin registers, the deliveries of events to them, and every attempt."""

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UtcDateTime, utcnow

# The events a webhook may subscribe to (docs/webhooks.md describes each payload).
EVENTS = (
    "submission.submitted",
    "submission.returned",
    "submission.approved",
    "report.ready",
)
# A delivery: waiting for its next attempt, being attempted, delivered, or given up on.
PENDING, SENDING, DELIVERED, FAILED = "pending", "sending", "delivered", "failed"
DELIVERY_STATES = (PENDING, SENDING, DELIVERED, FAILED)
# An attempt's outcome: a 2xx answer, another answer, no answer, or a refused address.
OUTCOMES = ("delivered", "http_error", "network_error", "refused")

JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class Webhook(Base):
    """A receiver's URL, the events it wants and the secret its deliveries are signed with."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[list] = mapped_column(JsonDocument)
    # Kept as given: HMAC needs it. Shown once at creation, never returned by the API again.
    secret: Mapped[str] = mapped_column(String(100))
    # After a rotation, the secret it replaced signs deliveries too until previous_secret_until,
    # so that the receiver can switch within that window (docs/webhooks.md, "Rotating").
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    secret_rotated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class WebhookDelivery(Base):
    """One event for one webhook: its payload, where it stands, when it is tried next."""

    __tablename__ = "webhook_deliveries"
    # One delivery per event per webhook: an event emitted twice (a replayed submit) is sent once.
    __table_args__ = (UniqueConstraint("webhook_id", "event_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        ForeignKey("webhooks.id", ondelete="CASCADE"), index=True
    )
    event: Mapped[str] = mapped_column(String(40))
    # e.g. submission.returned:assessment:12:3; none on a redelivery (it repeats one on purpose).
    event_key: Mapped[str | None] = mapped_column(String(120))
    payload: Mapped[dict] = mapped_column(JsonDocument)
    state: Mapped[str] = mapped_column(String(12), default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    last_status: Mapped[int | None] = mapped_column(Integer)
    redelivery_of: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class WebhookAttempt(Base):
    """One try at a delivery: the answer's status, or why there was none."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    delivery_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))
    status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(45))  # the address connected to
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
