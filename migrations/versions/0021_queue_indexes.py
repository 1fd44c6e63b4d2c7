"""queue indexes: the county in the USCC, and the queue's date, score and state orders

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 21:20:00
"""

import sqlalchemy as sa
from alembic import op

# The lead re-chains this after the other branches' migrations.
revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

QUEUE = {
    "ix_assessments_queue_date": ["submitted_at", "id"],
    "ix_assessments_queue_score": ["overall", "id"],
    "ix_assessments_queue_state_date": ["status", "submitted_at", "id"],
}


def upgrade() -> None:
    # Literal bounds, as the filter writes them (app/assessments/filters.py county_of).
    op.create_index("ix_enterprises_county", "enterprises", [sa.text("substr(uscc, 3, 6)")])
    for name, columns in QUEUE.items():
        op.create_index(name, "assessments", columns)


def downgrade() -> None:
    for name in QUEUE:
        op.drop_index(name, table_name="assessments")
    op.drop_index("ix_enterprises_county", table_name="enterprises")
