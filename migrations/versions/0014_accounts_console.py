"""accounts console: temporary passwords, session generations, last sign-in; one-time codes and
password reset requests

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-06 18:30:00
"""

import sqlalchemy as sa
from alembic import op

import app.db

# The lead re-chains this after the other branches' migrations.
revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("session_generation", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column("last_sign_in_at", app.db.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_users_last_sign_in_at"), ["last_sign_in_at"])
    op.create_table(
        "one_time_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("issued_by", sa.Integer(), nullable=True),
        sa.Column("created_at", app.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", app.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("max_attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", app.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", app.db.UtcDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "purpose IN ('reset', 'invitation', 'claim')", name=op.f("ck_one_time_codes_purpose")
        ),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["users.id"], name=op.f("fk_one_time_codes_issued_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_one_time_codes")),
    )
    op.create_index("ix_one_time_codes_purpose_subject", "one_time_codes", ["purpose", "subject"])
    op.create_table(
        "password_reset_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("requested_at", app.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("address", sa.String(length=45), nullable=True),
        sa.Column("issued_by", sa.Integer(), nullable=True),
        sa.Column("issued_at", app.db.UtcDateTime(timezone=True), nullable=True),
        sa.Column("code_id", sa.Integer(), nullable=True),
        sa.Column("completed_at", app.db.UtcDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'issued', 'done', 'cancelled')",
            name=op.f("ck_password_reset_requests_reset_state"),
        ),
        sa.ForeignKeyConstraint(
            ["code_id"],
            ["one_time_codes.id"],
            name=op.f("fk_password_reset_requests_code_id_one_time_codes"),
        ),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_password_reset_requests_enterprise_id_enterprises"),
        ),
        sa.ForeignKeyConstraint(
            ["issued_by"], ["users.id"], name=op.f("fk_password_reset_requests_issued_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_password_reset_requests_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset_requests")),
    )
    for column in ("user_id", "enterprise_id", "state"):
        op.create_index(
            op.f(f"ix_password_reset_requests_{column}"), "password_reset_requests", [column]
        )


def downgrade() -> None:
    op.drop_table("password_reset_requests")
    op.drop_index("ix_one_time_codes_purpose_subject", table_name="one_time_codes")
    op.drop_table("one_time_codes")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_last_sign_in_at"))
        batch_op.drop_column("last_sign_in_at")
        batch_op.drop_column("session_generation")
        batch_op.drop_column("must_change_password")
