"""The audit log: who read which assessment, and who exported what, and when."""

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.assessments.models import JsonDocument
from app.db import Base, UtcDateTime, utcnow

READ, EXPORT = "read", "export"
ACTIONS = (READ, EXPORT)


class AuditEntry(Base):
    """One regulator read of an assessment, or one export; append-only like the event log."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))  # read | export
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"), index=True)
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(500))
    # The query string as given (the filter of an export, ?revision= of a result, …).
    filters: Mapped[dict | None] = mapped_column(JsonDocument)
    status: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
