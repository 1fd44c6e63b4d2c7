"""One stored report per submitted revision and language, and its verification code."""

import re
import secrets
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.assessments.models import JsonDocument
from app.db import Base, UtcDateTime, utcnow

STATUSES = ("pending", "ready", "failed")
LANGS = ("zh", "en")

# Crockford's base32: no I, L, O or U, so a code read off paper cannot be mistyped into another.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 random bits
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_verification_code() -> str:
    """16 random base32 characters in groups of four: 7K3F-9XQ2-M4TB-H8RW."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def new_number_suffix() -> str:
    """8 random base32 characters (40 bits): a report number that says nothing of volume."""
    return "".join(secrets.choice(ALPHABET) for _ in range(8))


def normalise_code(value: str) -> str | None:
    """The stored form of a code as a person may type it (any case, spaces, O for 0); or None."""
    raw = _SEPARATORS.sub("", value or "").upper().translate(_LOOKALIKES)
    if len(raw) != CODE_LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


class Report(Base):
    """The PDF of one submitted revision in one language: rendered once, then served from storage.

    The bytes live in the blob store (app/storage) under a key derived from the verification
    code (service.report_key); `context` is the plain data it was rendered from, frozen at the
    first render so that a re-render (a lost file) gives the same document, byte for byte.
    """

    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("submission_id", "lang"),
        CheckConstraint("status IN ('pending', 'ready', 'failed')", name="status"),
        CheckConstraint("lang IN ('zh', 'en')", name="lang"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"))
    lang: Mapped[str] = mapped_column(String(2), default="zh")
    verification_code: Mapped[str] = mapped_column(String(19), unique=True)
    status: Mapped[str] = mapped_column(String(8), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    context: Mapped[dict | None] = mapped_column(JsonDocument)
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    rendered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The random part of the report number (ZP-YEAR-REGION-XXXXXXXX), shared by both languages
    # of one revision; None on reports issued before numbers were random (they kept the id).
    number: Mapped[str | None] = mapped_column(String(8))
    # A regulator withdrew the code (the report must no longer be relied on); the page says so.
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(String(500))
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
