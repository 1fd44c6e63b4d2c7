"""The audit log: written once per request from what the policy noted, read by admins.

Recording happens in one place: policy.assessment_for_read notes every regulator read and
export routes note their export (policy.note_access); after a successful GET, the hook below
writes the notes. A new regulator-readable endpoint that reads through the policy is audited
without any code of its own.
"""

from datetime import date, timedelta

from flask import Flask, request
from sqlalchemy import insert, select

from app.assessments.filters import day_start
from app.assessments.listing import decode_cursor, encode_cursor
from app.auth import policy
from app.auth.models import User
from app.db import db, utcnow
from app.review.models import AuditEntry

AUDITED_METHODS = ("GET", "HEAD")


def _query_of_request() -> dict | None:
    """The query string as a mapping; a repeated parameter keeps all its values."""
    args = request.args.to_dict(flat=False)
    return {k: v[0] if len(v) == 1 else v for k, v in args.items()} or None


def record_noted_accesses(response):
    """after_request: write this request's noted accesses, once the response is a success."""
    notes = list(dict.fromkeys(policy.take_noted_accesses()))
    if not notes or request.method not in AUDITED_METHODS or response.status_code >= 400:
        return response
    principal = policy.current_principal()
    now = utcnow()
    rows = [
        {
            "user_id": principal.id,
            "role": principal.role,
            "action": action,
            "assessment_id": assessment_id,
            "method": request.method,
            "path": request.path[:500],
            "filters": _query_of_request(),
            "status": response.status_code,
            "created_at": now,
        }
        for action, assessment_id in notes
    ]
    # Its own transaction: the request's session may be mid-read (a streamed export) and must
    # not be committed here. If this fails the request fails, so no read goes unrecorded.
    with db.engine.begin() as connection:
        connection.execute(insert(AuditEntry), rows)
    return response


def list_audit(
    *,
    user: str | None = None,
    action: str | None = None,
    assessment: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[tuple[AuditEntry, User]], str | None]:
    """Newest first, filtered; the cursor is the last id seen."""
    query = select(AuditEntry, User).join(User, User.id == AuditEntry.user_id)
    if user:
        query = query.where(User.username == user.strip().lower())
    if action:
        query = query.where(AuditEntry.action == action)
    if assessment:
        query = query.where(AuditEntry.assessment_id == assessment)
    if date_from:
        query = query.where(AuditEntry.created_at >= day_start(date_from))
    if date_to:
        query = query.where(AuditEntry.created_at < day_start(date_to + timedelta(days=1)))
    if cursor:
        query = query.where(AuditEntry.id < decode_cursor(cursor, "-created")[1])
    rows = list(db.session.execute(query.order_by(AuditEntry.id.desc()).limit(limit + 1)).all())
    next_cursor = encode_cursor({"id": rows[limit - 1][0].id}) if len(rows) > limit else None
    return rows[:limit], next_cursor


def audit_repr(entry: AuditEntry, user: User) -> dict:
    return {
        "id": entry.id,
        "created_at": entry.created_at,
        "user": {"id": user.id, "username": user.username, "role": entry.role},
        "action": entry.action,
        "assessment_id": entry.assessment_id,
        "method": entry.method,
        "path": entry.path,
        "filters": entry.filters,
        "status": entry.status,
    }


def _forget_stale_notes():
    # Where an app context outlives requests (tests, CLI), g would carry marks from before.
    policy.take_noted_accesses()


def init_app(app: Flask) -> None:
    """Write the audit log after every request that noted an access."""
    app.before_request(_forget_stale_notes)
    app.after_request(record_noted_accesses)
