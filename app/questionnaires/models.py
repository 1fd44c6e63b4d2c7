"""Published questionnaire versions: immutable, identified by key and version number."""

from datetime import datetime

from sqlalchemy import JSON, Integer, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UtcDateTime, utcnow

JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class QuestionnaireVersion(Base):
    """One published version; never updated or deleted once written."""

    __tablename__ = "questionnaire_versions"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    definition: Mapped[dict] = mapped_column(JsonDocument)
    source_file: Mapped[str] = mapped_column(String(255))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
