"""dashboard indexes: each enterprise's newest assessment, and the red-flagged ones

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 00:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

FLAGGED = "red_flag_count > 0 AND revision > 0"


def upgrade() -> None:
    # The NOT EXISTS of a newer assessment in scope (app/dashboard/population.py Scope.newest),
    # answered from the index: on PostgreSQL the scope's columns ride along (INCLUDE).
    op.create_index(
        "ix_assessments_newest",
        "assessments",
        ["enterprise_id", "questionnaire_key", "id"],
        postgresql_include=["year", "campaign_id", "created_at"],
    )
    # About 3% of assessments raise a red line: the dashboard's red flags read those alone.
    op.create_index(
        "ix_assessments_red_flagged",
        "assessments",
        ["questionnaire_key", "id"],
        sqlite_where=sa.text(FLAGGED),
        postgresql_where=sa.text(FLAGGED),
    )


def downgrade() -> None:
    op.drop_index("ix_assessments_red_flagged", table_name="assessments")
    op.drop_index("ix_assessments_newest", table_name="assessments")
