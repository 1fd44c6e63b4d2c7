"""audit trail: details of an event; on PostgreSQL only the retention pruning may delete

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 09:30:00
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# The lead re-chains this after the other branches' migrations.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

DETAILS = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

# Rows may be deleted only by the pruning (which sets app.audit_pruning for its transaction),
# and only once past the 等保 floor of 183 days: a session setting alone cannot erase recent
# events. Updates are never allowed.
PRUNABLE_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('app.audit_pruning', true) = 'on'
       AND OLD.created_at < now() - interval '183 days' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql
"""
STRICT_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("details", DETAILS, nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PRUNABLE_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(STRICT_FUNCTION)
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("details")
