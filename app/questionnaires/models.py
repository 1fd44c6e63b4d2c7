"""Questionnaire versions: drafts uploaded by the administrator, published, retired."""

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Integer, String, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UtcDateTime, utcnow

JsonDocument = JSON().with_variant(JSONB(), "postgresql")

DRAFT, PUBLISHED, RETIRED = "draft", "published", "retired"
STATES = (DRAFT, PUBLISHED, RETIRED)


class QuestionnaireVersion(Base):
    """One version; its content never changes once written, only its state moves forward.

    draft → published → retired. A retired version stays readable (assessments started on it
    keep it) but no new assessment starts on it.
    """

    __tablename__ = "questionnaire_versions"
    __table_args__ = (
        UniqueConstraint("key", "version"),
        CheckConstraint("state IN ('draft', 'published', 'retired')", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict] = mapped_column(JsonDocument)
    source_file: Mapped[str] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(
        String(16), default=PUBLISHED, server_default=text("'published'")
    )
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime, default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
