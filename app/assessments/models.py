"""Assessments, their frozen revisions, the event log and idempotent submissions."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UtcDateTime, utcnow

JsonDocument = JSON().with_variant(JSONB(), "postgresql")

OPEN_STATUSES = ("draft", "returned")
STATUSES = ("draft", "submitted", "returned", "approved")


class Assessment(Base):
    """One enterprise's assessment against one questionnaire version; its answers are the draft."""

    __tablename__ = "assessments"
    __table_args__ = (
        # One open draft per enterprise and questionnaire, even when two devices create at once.
        Index(
            "uq_assessments_open_draft",
            "enterprise_id",
            "questionnaire_key",
            unique=True,
            sqlite_where=text("status IN ('draft', 'returned')"),
            postgresql_where=text("status IN ('draft', 'returned')"),
        ),
        # The regulator's queue: a page in date or score order (id breaking ties) read off an
        # index either way, and the default view (one state, newest first) likewise.
        Index("ix_assessments_queue_date", "submitted_at", "id"),
        Index("ix_assessments_queue_score", "overall", "id"),
        Index("ix_assessments_queue_state_date", "status", "submitted_at", "id"),
        # The dashboard (app/dashboard/population.py): "no newer assessment of this enterprise
        # in scope" probed in the index alone, and its red flags read from the few flagged rows.
        Index(
            "ix_assessments_newest",
            "enterprise_id",
            "questionnaire_key",
            "id",
            postgresql_include=["year", "campaign_id", "created_at"],
        ),
        Index(
            "ix_assessments_red_flagged",
            "questionnaire_key",
            "id",
            sqlite_where=text("red_flag_count > 0 AND revision > 0"),
            postgresql_where=text("red_flag_count > 0 AND revision > 0"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    questionnaire_key: Mapped[str] = mapped_column(String(64))
    questionnaire_version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    revision: Mapped[int] = mapped_column(Integer, default=0)  # the last submitted revision
    version: Mapped[int] = mapped_column(Integer, default=1)  # changes on every write (ETag)
    answers: Mapped[dict] = mapped_column(JsonDocument, default=dict)
    review_comment: Mapped[str | None] = mapped_column(Text)
    question_comments: Mapped[dict | None] = mapped_column(JsonDocument)
    # The rejected evidence files a return pointed at, as told then (app/review/service.py).
    rejected_evidence: Mapped[list | None] = mapped_column(JsonDocument)
    # Copied from the latest submitted revision, so the regulator's queue filters and sorts in SQL.
    overall: Mapped[float | None] = mapped_column(Float)
    maturity_level: Mapped[int | None] = mapped_column(Integer)
    red_flag_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    # When the latest revision was approved or returned (cleared on resubmission).
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The campaign it was filed for (app/campaigns/): no foreign key, since campaigns stand on
    # a floor above assessments; set at creation or at the first submission (app/assessments/
    # filing.py). year: its campaign's, else the Hebei calendar year of its first submission.
    campaign_id: Mapped[int | None] = mapped_column(Integer, index=True)
    year: Mapped[int | None] = mapped_column(Integer)
    # First submitted after its campaign closed (the campaign accepted it, marked late).
    late: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))

    enterprise = relationship("Enterprise", lazy="joined")
    # Loaded only when asked: hot paths read the definition from a per-process cache instead.
    questionnaire_version = relationship("QuestionnaireVersion", lazy="select")


class Submission(Base):
    """A submitted revision: answers, result and report frozen for ever."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("assessment_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    questionnaire_version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_versions.id"))
    answers: Mapped[dict] = mapped_column(JsonDocument)
    facts: Mapped[dict] = mapped_column(JsonDocument)  # industry, size and the profile as scored
    result: Mapped[dict] = mapped_column(JsonDocument)
    overall: Mapped[float] = mapped_column(Float)
    maturity_level: Mapped[int] = mapped_column(Integer)
    # The scoring model that gave the level (app/scoring/maturity.py); 1 for results before 2026-12.
    scoring_model: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    has_red_flags: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[str | None] = mapped_column(String(16))  # approve | return
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decision_comment: Mapped[str | None] = mapped_column(Text)
    question_comments: Mapped[dict | None] = mapped_column(JsonDocument)
    # The rejected evidence files a return pointed at, as told then (app/review/service.py).
    rejected_evidence: Mapped[list | None] = mapped_column(JsonDocument)

    # Loaded only when asked: hot paths read the definition from a per-process cache instead.
    questionnaire_version = relationship("QuestionnaireVersion", lazy="select")


class AssessmentEvent(Base):
    """An append-only record of something that happened to an assessment."""

    __tablename__ = "assessment_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    actor_role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))  # create save submit return approve
    revision: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict | None] = mapped_column(JsonDocument)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class IdempotentRequest(Base):
    """The stored response to a request made with an Idempotency-Key, replayed on retry."""

    __tablename__ = "idempotent_requests"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    key: Mapped[str] = mapped_column(String(128))
    fingerprint: Mapped[str] = mapped_column(String(64))  # method, path and body of the request
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict] = mapped_column(JsonDocument)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
