"""questionnaire versions: a state (draft, published, retired), when uploaded and retired

Versions so far were all published: they keep published_at and get the state "published".
A draft has no published_at yet, so the column becomes nullable.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 21:00:00
"""

import sqlalchemy as sa
from alembic import op

import app.db

# The lead re-chains this after the other branches' migrations.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("questionnaire_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("state", sa.String(length=16), nullable=False, server_default="published")
        )
        batch_op.add_column(sa.Column("created_at", app.db.UtcDateTime(timezone=True)))
        batch_op.add_column(sa.Column("retired_at", app.db.UtcDateTime(timezone=True)))
        batch_op.alter_column(
            "published_at", existing_type=app.db.UtcDateTime(timezone=True), nullable=True
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_questionnaire_versions_state"),
            "state IN ('draft', 'published', 'retired')",
        )


def downgrade() -> None:
    op.execute("DELETE FROM questionnaire_versions WHERE state = 'draft'")
    with op.batch_alter_table("questionnaire_versions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_questionnaire_versions_state"), type_="check")
        batch_op.alter_column(
            "published_at", existing_type=app.db.UtcDateTime(timezone=True), nullable=False
        )
        batch_op.drop_column("retired_at")
        batch_op.drop_column("created_at")
        batch_op.drop_column("state")
