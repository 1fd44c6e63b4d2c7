"""An export job: what was asked, by whom, how far it got, and where its file is."""

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import UtcDateTime, db

STATES = ("queued", "running", "done", "failed")


class ExportJob(db.Model):
    __tablename__ = "export_jobs"
    __table_args__ = (Index("ix_export_jobs_owner_created", "owner_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random: ids are not guessable
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    format: Mapped[str] = mapped_column(String(8))
    lang: Mapped[str] = mapped_column(String(8))
    filters: Mapped[dict] = mapped_column(JSON)  # as the API took them (re-validated at run)
    state: Mapped[str] = mapped_column(String(16), default="queued")
    rows_written: Mapped[int] = mapped_column(Integer, default=0)
    rows_estimated: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    storage_key: Mapped[str | None] = mapped_column(String(255))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    created_at = mapped_column(UtcDateTime(timezone=True), nullable=False)
    started_at = mapped_column(UtcDateTime(timezone=True))
    finished_at = mapped_column(UtcDateTime(timezone=True))
    expires_at = mapped_column(UtcDateTime(timezone=True), nullable=False)
