"""enterprise verification (who is behind an account); report numbers and revocation

Existing enterprises start unverified, like new ones: nobody has checked who registered them.
The demo seed verifies its own demo firms.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

import app.db

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "verification",
                sa.String(length=10),
                server_default="unverified",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("verified_name", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("verification_note", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("verification_by", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("verification_at", app.db.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("released_uscc", sa.String(length=18), nullable=True))
        batch_op.alter_column("uscc", existing_type=sa.String(length=18), nullable=True)
        batch_op.create_check_constraint(
            op.f("ck_enterprises_verification"),
            "verification IN ('unverified', 'verified', 'refused', 'released')",
        )
        batch_op.create_index(batch_op.f("ix_enterprises_verification"), ["verification"])
        batch_op.create_index(batch_op.f("ix_enterprises_released_uscc"), ["released_uscc"])
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.String(length=8), nullable=True))
        batch_op.add_column(
            sa.Column("revoked_at", app.db.UtcDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("revoked_reason", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("revoked_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_reports_revoked_by_users"), "users", ["revoked_by"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_reports_revoked_by_users"), type_="foreignkey")
        batch_op.drop_column("revoked_by")
        batch_op.drop_column("revoked_reason")
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("number")
    # A released enterprise has no USCC (the real company holds it now): it keeps its data
    # under a placeholder that no USCC can equal (a USCC never contains the letter Z).
    op.execute("UPDATE enterprises SET uscc = 'Z' || id WHERE uscc IS NULL")
    with op.batch_alter_table("enterprises", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enterprises_released_uscc"))
        batch_op.drop_index(batch_op.f("ix_enterprises_verification"))
        batch_op.drop_constraint(op.f("ck_enterprises_verification"), type_="check")
        batch_op.alter_column("uscc", existing_type=sa.String(length=18), nullable=False)
        batch_op.drop_column("released_uscc")
        batch_op.drop_column("verification_at")
        batch_op.drop_column("verification_by")
        batch_op.drop_column("verification_note")
        batch_op.drop_column("verified_name")
        batch_op.drop_column("verification")
