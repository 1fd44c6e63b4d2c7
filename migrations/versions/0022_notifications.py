"""notifications: in-app notices, campaign reminders, email deliveries

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 21:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import app.db

# The lead re-chains this after the other branches' migrations.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("campaign_id", sa.Integer(), nullable=True),
        sa.Column("params", JSON, nullable=False),
        sa.Column("created_at", app.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("read_at", app.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["recipient_id"],
            ["users.id"],
            name=op.f("fk_notifications_recipient_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_notifications_assessment_id_assessments"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_notifications_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint(
            "recipient_id",
            "kind",
            "assessment_id",
            "revision",
            name=op.f("uq_notifications_recipient_id_kind_assessment_id_revision"),
        ),
    )
    op.create_index("ix_notifications_recipient_id_id", "notifications", ["recipient_id", "id"])
    op.create_index(
        "ix_notifications_unread",
        "notifications",
        ["recipient_id", "id"],
        postgresql_where=sa.text("read_at IS NULL"),
        sqlite_where=sa.text("read_at IS NULL"),
    )
    op.create_table(
        "campaign_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("sent_at", app.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("sent_by", sa.Integer(), nullable=True),
        sa.Column("trigger", sa.String(length=8), nullable=False),
        sa.Column("channels", JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_reminders_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_campaign_reminders_enterprise_id_enterprises"),
        ),
        sa.ForeignKeyConstraint(
            ["sent_by"], ["users.id"], name=op.f("fk_campaign_reminders_sent_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_reminders")),
        sa.UniqueConstraint(
            "campaign_id",
            "uscc",
            "sent_on",
            name=op.f("uq_campaign_reminders_campaign_id_uscc_sent_on"),
        ),
    )
    op.create_index(
        op.f("ix_campaign_reminders_campaign_id"), "campaign_reminders", ["campaign_id"]
    )
    op.create_table(
        "mail_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("to_address", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("created_at", app.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", app.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["notifications.id"],
            name=op.f("fk_mail_deliveries_notification_id_notifications"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_deliveries")),
    )
    op.create_index(
        op.f("ix_mail_deliveries_notification_id"), "mail_deliveries", ["notification_id"]
    )
    op.create_index(op.f("ix_mail_deliveries_status"), "mail_deliveries", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_mail_deliveries_status"), table_name="mail_deliveries")
    op.drop_index(op.f("ix_mail_deliveries_notification_id"), table_name="mail_deliveries")
    op.drop_table("mail_deliveries")
    op.drop_index(op.f("ix_campaign_reminders_campaign_id"), table_name="campaign_reminders")
    op.drop_table("campaign_reminders")
    op.drop_index("ix_notifications_unread", table_name="notifications")
    op.drop_index("ix_notifications_recipient_id_id", table_name="notifications")
    op.drop_table("notifications")
