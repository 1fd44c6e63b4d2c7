"""The enterprise profile: one row per enterprise, its current answers."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UtcDateTime, utcnow

JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class Profile(Base):
    """An enterprise's current profile; each submission keeps a frozen copy in its facts."""

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), unique=True)
    answers: Mapped[dict] = mapped_column(JsonDocument, default=dict)
    # The version of questionnaires/profile/profile.yaml the answers were checked against.
    definition_version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
