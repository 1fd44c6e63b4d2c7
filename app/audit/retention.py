"""Pruning the audit log past its retention: the one way rows ever leave it."""

from datetime import timedelta

from sqlalchemy import delete, select, text

from app.audit.models import AuditEntry
from app.db import db, utcnow
from app.jobs.prune import BATCH

# Read by the PostgreSQL trigger of migration 0012, which refuses any other delete (and any
# update); set per transaction, so it ends with each batch's commit.
PRUNING_SETTING = "app.audit_pruning"


def prune_audit_log(*, days: int) -> int:
    """Delete entries older than days, a batch per transaction; how many."""
    cutoff = utcnow() - timedelta(days=days)
    postgres = db.engine.dialect.name == "postgresql"
    total = 0
    while True:
        if postgres:
            db.session.execute(
                text("SELECT set_config(:name, 'on', true)"), {"name": PRUNING_SETTING}
            )
        batch = (
            select(AuditEntry.id).where(AuditEntry.created_at < cutoff).limit(BATCH)
        ).scalar_subquery()
        deleted = db.session.execute(delete(AuditEntry).where(AuditEntry.id.in_(batch))).rowcount
        db.session.commit()
        total += deleted
        if deleted < BATCH:
            return total
