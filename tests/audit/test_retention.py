"""Retention: a setting with 等保's floor, pruned by the schedule; append-only otherwise."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from app.audit.models import AuditEntry
from app.audit.retention import prune_audit_log
from app.config import ConfigError, load_config
from app.db import db, utcnow


def add_entry(days_old: int) -> int:
    row = {"role": "admin", "action": "read", "method": "GET", "path": "/x", "status": 200}
    created = utcnow() - timedelta(days=days_old)
    result = db.session.execute(insert(AuditEntry).values(**row, created_at=created))
    db.session.commit()
    return result.inserted_primary_key[0]


def remaining() -> list[int]:
    db.session.rollback()
    return list(db.session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def test_retention_below_six_months_refuses_to_start(tmp_path):
    with pytest.raises(ConfigError, match="AUDIT_RETENTION_DAYS"):
        load_config(env={"AUDIT_RETENTION_DAYS": "90"}, instance_path=tmp_path)
    config = load_config(env={"AUDIT_RETENTION_DAYS": "200"}, instance_path=tmp_path)
    assert config["AUDIT_RETENTION_DAYS"] == 200


def test_the_scheduled_pruning_deletes_only_entries_past_retention(app):
    old, kept = add_entry(400), add_entry(100)
    app.config["AUDIT_RETENTION_DAYS"] = 365
    result = app.test_cli_runner().invoke(args=["jobs", "run-scheduled", "prune-audit-log"])
    assert result.exit_code == 0, result.output
    assert "1 deleted" in result.output
    assert old not in remaining() and kept in remaining()


def test_postgresql_refuses_any_other_delete_or_update(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    recent, old = add_entry(1), add_entry(400)
    for statement in (
        delete(AuditEntry).where(AuditEntry.id == old),  # old, but not through the pruning
        update(AuditEntry).where(AuditEntry.id == recent).values(status=500),
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            db.session.execute(statement)
        db.session.rollback()
    # The pruning's setting does not reach past the floor: a recent entry stays.
    db.session.execute(text("SELECT set_config('app.audit_pruning', 'on', true)"))
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(delete(AuditEntry).where(AuditEntry.id == recent))
    db.session.rollback()
    assert prune_audit_log(days=200) == 1
    assert remaining() == [recent]
