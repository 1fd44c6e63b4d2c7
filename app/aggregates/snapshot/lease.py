"""One snapshot a day without a scheduler: the first read after a day takes it, under a lease.

Every gunicorn worker may notice that the latest snapshot is older than the configured age.
Only the one that wins the lease (a row in aggregate_leases, claimed by a compare-and-set
UPDATE or a first INSERT, committed on its own connection) takes the snapshot; the others go
on reading the previous one. The winner answers its own request first and takes the snapshot
once the response has been sent (werkzeug's call_on_close), so nobody waits for it, except on
the very first read of a new installation, which has nothing to show until one exists. A
lease that is never released (a killed worker) expires after LEASE_SECONDS.
"""

import logging
import os
import socket
import uuid
from datetime import timedelta

from flask import after_this_request, current_app, has_request_context
from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from app.aggregates.models import AggregateLease
from app.aggregates.snapshot.take import Frozen, latest_snapshot, take_snapshot
from app.db import db, utcnow

log = logging.getLogger(__name__)

SNAPSHOT = "snapshot"
LEASE_SECONDS = 30 * 60


def holder_name() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def acquire_lease(*, name: str = SNAPSHOT, holder: str, seconds: int = LEASE_SECONDS) -> bool:
    """Claim the lease if it is free or expired; True when this holder now has it."""
    now = utcnow()
    table = AggregateLease.__table__
    with db.engine.begin() as connection:
        claimed = connection.execute(
            update(table)
            .where(table.c.name == name, table.c.expires_at < now)
            .values(holder=holder, expires_at=now + timedelta(seconds=seconds))
        ).rowcount
    if claimed:
        return True
    try:
        with db.engine.begin() as connection:
            connection.execute(
                insert(table).values(
                    name=name, holder=holder, expires_at=now + timedelta(seconds=seconds)
                )
            )
    except IntegrityError:
        return False  # someone holds it (or took it a moment ago)
    return True


def release_lease(*, name: str = SNAPSHOT, holder: str) -> None:
    table = AggregateLease.__table__
    with db.engine.begin() as connection:
        connection.execute(
            update(table)
            .where(table.c.name == name, table.c.holder == holder)
            .values(expires_at=utcnow())
        )


def snapshot_is_due() -> bool:
    latest = latest_snapshot()
    if latest is None:
        return True
    hours = current_app.config["AGGREGATE_SNAPSHOT_HOURS"]
    return utcnow() - latest.taken_at >= timedelta(hours=hours)


def take_snapshot_now(*, trigger: str, holder: str) -> None:
    """Take and commit a snapshot under a lease already held; always release it."""
    try:
        if snapshot_is_due() or trigger == "cli":
            frozen: set[str] = set()
            while True:
                try:
                    take_snapshot(
                        trigger=trigger, k=current_app.config["MIN_CELL"], frozen=frozenset(frozen)
                    )
                    break
                except Frozen as part:
                    # Unsafe to publish that part's changes: start again, keeping its figures.
                    db.session.rollback()
                    log.warning("aggregate snapshot holds back all changes of %s", part.part)
                    if part.part in frozen:
                        raise
                    frozen.add(part.part)
            db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("aggregate snapshot failed (%s)", trigger)
        raise
    finally:
        release_lease(holder=holder)


def refresh_if_due() -> None:
    """Before reading snapshots: start a new one if the latest is a day old (see module doc)."""
    # Off in production: there the scheduled job takes snapshots (app/schedule.py).
    if not current_app.config["AGGREGATE_LAZY_SNAPSHOT"] or not snapshot_is_due():
        return
    holder = holder_name()
    if not acquire_lease(holder=holder):
        return
    if latest_snapshot() is None or not has_request_context():
        take_snapshot_now(trigger="lazy", holder=holder)
        return
    app = current_app._get_current_object()

    def later() -> None:
        with app.app_context():
            try:
                take_snapshot_now(trigger="lazy", holder=holder)
            except Exception:  # logged above; the next read after LEASE_SECONDS tries again
                pass
            finally:
                db.session.remove()

    @after_this_request
    def schedule(response):
        response.call_on_close(later)
        return response
