"""Snapshots: the released population, the published cells, and the lease that takes them.

A snapshot publishes cells of a fixed hierarchy (region × industry × size) per questionnaire
and year. Cells are stored as versions (valid_from … valid_to), so a snapshot that leaves a
cell unchanged writes nothing for it, and any past snapshot can be read back exactly.
"""

from datetime import datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UtcDateTime, utcnow


class AggregateSnapshot(Base):
    """One publication of every questionnaire's cells; readers use the newest."""

    __tablename__ = "aggregate_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    taken_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    trigger: Mapped[str] = mapped_column(String(16))  # cli | lazy | schedule
    min_cell: Mapped[int] = mapped_column(Integer)
    # Counts for operators: changes released and held back, cells written.
    summary: Mapped[dict | None] = mapped_column(JSON)


# The columns of each coarser level of the cube (the finest, region × division × size, has the
# cube index). With an index of its own per level, ending with the overall score, SQLite reads
# each level's groups with their scores already sorted (snapshot/statistics.py), as it reads the
# finest cells from the cube index: quartiles need no sort.
COARSE_LEVELS = (
    ("region", "division"),
    ("region", "section", "size"),
    ("region", "section"),
    ("region", "size"),
    ("region",),
    ("division", "size"),
    ("division",),
    ("section", "size"),
    ("section",),
    ("size",),
    (),
)


def level_index(columns: tuple[str, ...]) -> str:
    """The name of a coarse level's index on aggregate_members."""
    return "ix_aggregate_members_by_" + ("_".join(columns) or "province")


class AggregateMember(Base):
    """One enterprise's contribution to a questionnaire-year, as last released (never live)."""

    __tablename__ = "aggregate_members"
    __table_args__ = (
        UniqueConstraint("questionnaire_key", "year", "enterprise_id"),
        # The cube's grouped scans read this index alone (a covering index on PostgreSQL too).
        Index(
            "ix_aggregate_members_cube",
            "questionnaire_key",
            "year",
            "region",
            "division",
            "size",
            "overall_tenths",
            "maturity_level",
        ),
        *(
            Index(
                level_index(columns),
                "questionnaire_key",
                "year",
                *columns,
                "overall_tenths",
                "maturity_level",
            )
            for columns in COARSE_LEVELS
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_key: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"))
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), unique=True)
    region: Mapped[str] = mapped_column(String(6))
    division: Mapped[str] = mapped_column(String(3))  # C17
    section: Mapped[str] = mapped_column(String(1))  # C
    size: Mapped[str] = mapped_column(String(8))
    # The overall score in tenths of a point (scores have one decimal): integers make the
    # SQLite quartile scan (snapshot/quantiles.py) cheaper, and sum exactly.
    overall_tenths: Mapped[int] = mapped_column(Integer)
    maturity_level: Mapped[int] = mapped_column(Integer)


class AggregateScore(Base):
    """A dimension score of a released submission, extracted once from its result."""

    __tablename__ = "aggregate_scores"

    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), primary_key=True)
    dimension: Mapped[str] = mapped_column(String(64), primary_key=True)
    score: Mapped[float] = mapped_column(Float)


class AggregateChoice(Base):
    """An option chosen in a released submission (single and multiple choice questions only)."""

    __tablename__ = "aggregate_choices"

    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), primary_key=True)
    question: Mapped[str] = mapped_column(String(64), primary_key=True)
    option: Mapped[str] = mapped_column(String(64), primary_key=True)


class AggregateCell(Base):
    """A cell's published state from snapshot valid_from until (excluding) valid_to."""

    __tablename__ = "aggregate_cells"
    __table_args__ = (
        Index("ix_aggregate_cells_current", "questionnaire_key", "year", "valid_to"),
        Index("ix_aggregate_cells_lookup", "questionnaire_key", "year", "region", "industry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_key: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    region: Mapped[str] = mapped_column(String(6))  # a reporting unit, or * for the province
    industry: Mapped[str] = mapped_column(String(3))  # a division (C17), a section (C) or *
    size: Mapped[str] = mapped_column(String(8))  # a size, or *
    valid_from: Mapped[int] = mapped_column(ForeignKey("aggregate_snapshots.id"))
    valid_to: Mapped[int | None] = mapped_column(ForeignKey("aggregate_snapshots.id"))
    # Internal bookkeeping for the next snapshot; never sent for a suppressed cell.
    n: Mapped[int] = mapped_column(Integer)
    suppressed: Mapped[bool] = mapped_column(Boolean)
    # Suppressed and part of a published difference (a visible parent minus visible children).
    exposed: Mapped[bool] = mapped_column(Boolean, default=False)
    figures: Mapped[dict | None] = mapped_column(JSON)


class AggregatePending(Base):
    """An enterprise that changed an exposed suppressed cell since the cell was last decided."""

    __tablename__ = "aggregate_pending"

    questionnaire_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    region: Mapped[str] = mapped_column(String(6), primary_key=True)
    industry: Mapped[str] = mapped_column(String(3), primary_key=True)
    size: Mapped[str] = mapped_column(String(8), primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(Integer, primary_key=True)


class AggregateLease(Base):
    """A named lease, so that one process of many takes the daily snapshot."""

    __tablename__ = "aggregate_leases"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
