"""A notification to one user, and the record of each campaign reminder sent."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UtcDateTime, utcnow

RETURNED, APPROVED, REPORT_READY = "returned", "approved", "report_ready"
SUBMITTED, RESUBMITTED, REMINDER = "submitted", "resubmitted", "reminder"
KINDS = (RETURNED, APPROVED, REPORT_READY, SUBMITTED, RESUBMITTED, REMINDER)
# Who triggered a reminder, and how it went out.
MANUAL, SCHEDULE = "manual", "schedule"
IN_APP, EMAIL = "in_app", "email"

JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class Notification(Base):
    """Something that happened, told to one user; its text is rendered in their language."""

    __tablename__ = "notifications"
    __table_args__ = (
        # One notice per event and recipient, however often the event's caller runs (a replayed
        # submit, a report rendered again); NULL revisions (reminders) never collide.
        UniqueConstraint("recipient_id", "kind", "assessment_id", "revision"),
        # The list: a user's newest first.
        Index("ix_notifications_recipient_id_id", "recipient_id", "id"),
        # The badge's count, asked every minute by every open client, and the unread page: the
        # unread ones only, so a provincial regulator's years of read notices are never counted.
        Index(
            "ix_notifications_unread",
            "recipient_id",
            "id",
            postgresql_where=text("read_at IS NULL"),
            sqlite_where=text("read_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    revision: Mapped[int | None] = mapped_column(Integer)
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="CASCADE"))
    # The text's parameters (names, dates, the reviewer's reasons), never the text itself.
    params: Mapped[dict] = mapped_column(JsonDocument, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Reminder(Base):
    """One campaign reminder to one enterprise: at most one a day per campaign and enterprise."""

    __tablename__ = "campaign_reminders"
    __table_args__ = (UniqueConstraint("campaign_id", "uscc", "sent_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    uscc: Mapped[str] = mapped_column(String(18))
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"))
    sent_on: Mapped[date] = mapped_column(Date)  # the Hebei calendar day
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: the schedule
    trigger: Mapped[str] = mapped_column(String(8))  # manual or schedule
    channels: Mapped[list[str]] = mapped_column(JsonDocument)  # in_app, and email when sent
