"""What `flask jobs run-scheduled` runs, in this order (docs/jobs.md).

It stands above the domains, like app/models.py: app/jobs runs tasks without knowing them, and
each task here calls a domain's public functions.
"""

from datetime import timedelta

from flask import Flask, current_app

from app import jobs
from app.aggregates.snapshot.lease import (
    acquire_lease,
    holder_name,
    snapshot_is_due,
    take_snapshot_now,
)
from app.aggregates.snapshot.take import latest_snapshot
from app.assessments.models import IdempotentRequest
from app.audit.retention import prune_audit_log
from app.auth.models import LoginAttempt, RevokedToken
from app.db import utcnow
from app.exports.service import prune_expired
from app.mail.service import resend_queued
from app.notifications.reminders import remind_on_schedule
from app.reports.service import requeue_stalled
from app.webhooks.delivery import send_due


def take_aggregate_snapshot() -> str:
    """A new aggregate snapshot when the latest is AGGREGATE_SNAPSHOT_HOURS old."""
    if not snapshot_is_due():
        return "not due"
    holder = holder_name()
    # The lease readers take too: one replica snapshots, the others find it held.
    if not acquire_lease(holder=holder):
        return "another process is taking it"
    before = latest_snapshot()
    take_snapshot_now(trigger="schedule", holder=holder)  # checks again under the lease
    after = latest_snapshot()
    if after is None or (before is not None and after.id == before.id):
        return "not due (taken meanwhile)"
    return f"snapshot {after.id} taken"


def hand_on_stalled_reports() -> str:
    """Reports still pending a minute after their submit with no job: queue or render them."""
    return f"{requeue_stalled(older_than_seconds=60)} handed on"


def prune_idempotent_requests() -> str:
    """Stored Idempotency-Key responses older than IDEMPOTENCY_RETENTION_DAYS."""
    days = current_app.config["IDEMPOTENCY_RETENTION_DAYS"]
    cutoff = utcnow() - timedelta(days=days)
    return f"{jobs.delete_older_than(IdempotentRequest.created_at, cutoff)} deleted"


def prune_login_attempts() -> str:
    """Sign-in attempts older than LOGIN_WINDOW_SECONDS: they no longer count toward a limit."""
    cutoff = utcnow() - timedelta(seconds=current_app.config["LOGIN_WINDOW_SECONDS"])
    return f"{jobs.delete_older_than(LoginAttempt.created_at, cutoff)} deleted"


def prune_revoked_tokens() -> str:
    """Revocations of tokens that have expired anyway."""
    return f"{jobs.delete_older_than(RevokedToken.expires_at, utcnow())} deleted"


def prune_audit_entries() -> str:
    """Audit entries older than AUDIT_RETENTION_DAYS (at least 183: 等保's six months)."""
    return f"{prune_audit_log(days=current_app.config['AUDIT_RETENTION_DAYS'])} deleted"


def send_due_webhooks() -> str:
    """Webhook deliveries due a minute ago whose job was lost (a restart): attempt them now."""
    return f"{send_due()} attempted"


def init_app(app: Flask) -> None:
    """Register the scheduled tasks."""
    jobs.schedule(app, "aggregate-snapshot", take_aggregate_snapshot)
    jobs.schedule(app, "stalled-reports", hand_on_stalled_reports)
    jobs.schedule(app, "prune-idempotent-requests", prune_idempotent_requests)
    jobs.schedule(app, "prune-login-attempts", prune_login_attempts)
    jobs.schedule(app, "prune-revoked-tokens", prune_revoked_tokens)
    jobs.schedule(app, "prune-exports", prune_expired)
    jobs.schedule(app, "prune-audit-log", prune_audit_entries)
    jobs.schedule(app, "webhook-deliveries", send_due_webhooks)
    jobs.schedule(app, "campaign-reminders", remind_on_schedule)
    jobs.schedule(app, "resend-mail", resend_queued)
