"""One-time codes (password resets now; invitations and claims later) and reset requests."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UtcDateTime, utcnow

# What a code is for; a code of one purpose never redeems another.
RESET = "reset"
PURPOSES = (RESET, "invitation", "claim")
# How the code reached its holder: read out by a regulator at the desk today; SMS and email
# carry the same code once those channels exist (docs/accounts.md).
DESK, EMAIL = "desk", "email"
CHANNELS = (DESK, "sms", EMAIL)
# A reset request: asked for, a code issued, the password set with it, or withdrawn.
PENDING, ISSUED, DONE, CANCELLED = "pending", "issued", "done", "cancelled"
RESET_STATES = (PENDING, ISSUED, DONE, CANCELLED)


class OneTimeCode(Base):
    """A short code given to one subject for one purpose: hashed, expiring, single use.

    Only an HMAC of the code (keyed by SECRET_KEY) is kept: a short code under a plain hash
    would be reversed from a stolen database by trying every value.
    """

    __tablename__ = "one_time_codes"
    __table_args__ = (
        Index("ix_one_time_codes_purpose_subject", "purpose", "subject"),
        CheckConstraint("purpose IN ('reset', 'invitation', 'claim')", name="purpose"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(16))
    # Whom it is for, as "<kind>:<id>" (user:12): one module serves users, rolls and claims.
    subject: Mapped[str] = mapped_column(String(64))
    code_hash: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16), default=DESK)
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Replaced by a newer code for the same subject and purpose, or burnt by too many tries.
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class PasswordResetRequest(Base):
    """An enterprise that lost its password asked for a reset; its regulator answers it."""

    __tablename__ = "password_reset_requests"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'issued', 'done', 'cancelled')", name="reset_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # The enterprise whose regulators may answer (the policy's scope is over enterprises).
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    state: Mapped[str] = mapped_column(String(10), default=PENDING, index=True)
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    address: Mapped[str | None] = mapped_column(String(45))
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    code_id: Mapped[int | None] = mapped_column(ForeignKey("one_time_codes.id"))
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
