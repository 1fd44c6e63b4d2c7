"""submissions.scoring_model: the scoring model that gave a frozen result (1 before 2026-12)

Revision ID: scoring_model
Revises: 0006
Create Date: 2026-12-06 03:30:00
"""

from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every submission so far was levelled by model 1; the server default records that, and
    # the stored results themselves are not touched (a frozen result never changes). A plain
    # ADD COLUMN, not a batch copy: on SQLite a copy would drop and rebuild submissions under
    # the reports that refer to it.
    op.add_column(
        "submissions",
        sa.Column("scoring_model", sa.Integer(), server_default=sa.text("1"), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("scoring_model")
