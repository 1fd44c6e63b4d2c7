"""campaigns: a roll of expected enterprises per campaign; an assessment's campaign, year, lateness

Existing submitted assessments get their year: the Hebei calendar year of their first submission
(design.md, Decisions: Year). None of them belongs to a campaign.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 18:20:00
"""

from datetime import timedelta, timezone

import sqlalchemy as sa
from alembic import op

import app.db

# The lead re-chains this after the other branches' migrations.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

CHINA = timezone(timedelta(hours=8))


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("jurisdiction", sa.String(length=6), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.Column("late_policy", sa.String(length=8), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", app.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", app.db.UtcDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "late_policy IN ('accept', 'refuse')", name=op.f("ck_campaigns_late_policy")
        ),
        sa.CheckConstraint("closes_on >= opens_on", name=op.f("ck_campaigns_dates")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["users.id"], name=op.f("fk_campaigns_created_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    op.create_index(op.f("ix_campaigns_jurisdiction"), "campaigns", ["jurisdiction"])
    op.create_table(
        "campaign_questionnaires",
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_key", sa.String(length=64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_questionnaires_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "campaign_id", "questionnaire_key", name=op.f("pk_campaign_questionnaires")
        ),
    )
    op.create_table(
        "roll_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("division", sa.String(length=6), nullable=False),
        sa.Column("region", sa.String(length=6), nullable=False),
        sa.Column("industry", sa.String(length=5), nullable=False),
        sa.Column("size", sa.String(length=8), nullable=True),
        sa.Column("contact_name", sa.String(length=50), nullable=True),
        sa.Column("contact_phone", sa.String(length=20), nullable=True),
        sa.Column("row", sa.Integer(), nullable=False),
        sa.Column("created_at", app.db.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_roll_entries_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roll_entries")),
        sa.UniqueConstraint("campaign_id", "uscc", name=op.f("uq_roll_entries_campaign_id_uscc")),
    )
    op.create_index("ix_roll_entries_uscc", "roll_entries", ["uscc"])
    # Not in batch mode (on SQLite a batch copies and drops the table, which the foreign keys
    # of its submissions and events refuse once there are rows): plain columns are added in place.
    op.add_column("assessments", sa.Column("campaign_id", sa.Integer(), nullable=True))
    op.add_column("assessments", sa.Column("year", sa.Integer(), nullable=True))
    op.add_column(
        "assessments",
        sa.Column("late", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )
    op.create_index(op.f("ix_assessments_campaign_id"), "assessments", ["campaign_id"])
    _derive_years()


def _derive_years() -> None:
    """The Hebei calendar year of each assessment's first submission."""
    bind = op.get_bind()
    # Typed columns, so that SQLite's text comes back as an aware datetime too.
    submissions = sa.table(
        "submissions",
        sa.column("assessment_id", sa.Integer()),
        sa.column("revision", sa.Integer()),
        sa.column("submitted_at", app.db.UtcDateTime()),
    )
    firsts = bind.execute(
        sa.select(submissions.c.assessment_id, submissions.c.submitted_at).where(
            submissions.c.revision == 1
        )
    ).all()
    updates = [{"id": a, "year": when.astimezone(CHINA).year} for a, when in firsts]
    if updates:
        bind.execute(sa.text("UPDATE assessments SET year = :year WHERE id = :id"), updates)


def downgrade() -> None:
    # Not in batch mode either; SQLite (3.35+) drops a plain, unindexed column in place.
    op.drop_index(op.f("ix_assessments_campaign_id"), table_name="assessments")
    op.drop_column("assessments", "late")
    op.drop_column("assessments", "year")
    op.drop_column("assessments", "campaign_id")
    op.drop_index("ix_roll_entries_uscc", table_name="roll_entries")
    op.drop_table("roll_entries")
    op.drop_table("campaign_questionnaires")
    op.drop_index(op.f("ix_campaigns_jurisdiction"), table_name="campaigns")
    op.drop_table("campaigns")
