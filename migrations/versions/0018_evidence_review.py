"""evidence_review: a return carries the rejected evidence files and their reasons

The regulator may change a verdict after a return; what the enterprise was told stays as it
was told, frozen with the decision like its comments: on the assessment (the current return)
and on the submission (its history). Existing rows: none.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 21:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# The lead re-chains this after the other branches' migrations.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    for table in ("assessments", "submissions"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("rejected_evidence", JSON, nullable=True))


def downgrade() -> None:
    for table in ("assessments", "submissions"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("rejected_evidence")
