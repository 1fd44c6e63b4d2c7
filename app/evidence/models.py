"""An evidence file on one question of an assessment, and which revisions it belongs to."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UtcDateTime, utcnow

PENDING, VERIFIED, REJECTED = "pending", "verified", "rejected"
VERIFICATIONS = (PENDING, VERIFIED, REJECTED)


class EvidenceFile(Base):
    """One stored file (the bytes live in app/storage under storage_key).

    A file belongs to submitted revision r when first_revision <= r and it was not removed by
    then (removed_revision is null or > r); the draft holds the files not removed. A file never
    submitted is deleted outright; a submitted one is only marked removed, so every revision
    keeps the evidence it was submitted with.
    """

    __tablename__ = "evidence_files"
    __table_args__ = (
        # A retried upload (same Idempotency-Key) finds the file the first attempt stored.
        UniqueConstraint("assessment_id", "upload_key"),
        Index("ix_evidence_files_assessment_question", "assessment_id", "question_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"))
    question_id: Mapped[str] = mapped_column(String(64))
    upload_key: Mapped[str | None] = mapped_column(String(128))
    filename: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))  # of the stored (re-encoded) bytes
    received_sha256: Mapped[str] = mapped_column(String(64))  # of the bytes as uploaded
    storage_key: Mapped[str] = mapped_column(String(200))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    first_revision: Mapped[int | None] = mapped_column(Integer)
    removed_revision: Mapped[int | None] = mapped_column(Integer)
    verification: Mapped[str] = mapped_column(String(16), default=PENDING)
    verification_reason: Mapped[str | None] = mapped_column(Text)
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
