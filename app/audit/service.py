"""Record audit events with where they came from, and read them back for admins."""

import base64
import json
from datetime import UTC, date, datetime, time, timedelta, timezone

from flask import g, has_request_context, request
from sqlalchemy import insert, select

from app.audit.models import AuditEntry
from app.db import Base, db, utcnow
from app.errors import ApiError
from app.messages.common import BAD_CURSOR

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
_PATH_MAX = AuditEntry.path.type.length
_AGENT_MAX = AuditEntry.user_agent.type.length


def request_origin() -> dict:
    """Method, path, query, client address, request id and user agent of this request."""
    if not has_request_context():  # the CLI
        return {"method": "CLI", "path": "-", "filters": None}
    args = request.args.to_dict(flat=False)
    return {
        "method": request.method[:8],
        "path": request.path[:_PATH_MAX],
        # A repeated parameter keeps all its values.
        "filters": {k: v[0] if len(v) == 1 else v for k, v in args.items()} or None,
        "address": request.remote_addr,
        "request_id": g.get("request_id"),
        "user_agent": request.headers.get("User-Agent", "")[:_AGENT_MAX] or None,
    }


def record_events(events: list[dict], *, status: int, in_session: bool = False) -> None:
    """Write events (action, role, user_id or service_token_id, assessment_id) of this request.

    By default in a transaction of their own: the request's session may be mid-read (a streamed
    export) or about to roll back (a refused token), and the event must stay either way; if this
    fails the request fails, so nothing goes unrecorded. in_session=True writes them in the
    request's session instead, to be committed with the change they record, or not at all.
    """
    if not events:
        return
    origin, now = request_origin(), utcnow()
    rows = [{**origin, "status": status, "created_at": now, **event} for event in events]
    if in_session:
        db.session.execute(insert(AuditEntry), rows)
        return
    with db.engine.begin() as connection:
        connection.execute(insert(AuditEntry), rows)


def record_event(
    *, action: str, role: str, status: int, in_session: bool = False, **fields
) -> None:
    """Write one event (user_id, service_token_id, assessment_id as keywords)."""
    record_events(
        [{"action": action, "role": role, **fields}], status=status, in_session=in_session
    )


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=CHINA).astimezone(UTC)


def _cursor_id(cursor: str) -> int:
    try:
        last_id = json.loads(base64.urlsafe_b64decode(cursor.encode())).get("id")
    except (ValueError, UnicodeDecodeError, AttributeError) as exc:
        raise ApiError(422, errors={"cursor": [BAD_CURSOR]}) from exc
    if not isinstance(last_id, int) or isinstance(last_id, bool) or not 0 < last_id < 2**63:
        raise ApiError(422, errors={"cursor": [BAD_CURSOR]})
    return last_id


def _cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"id": last_id}).encode()).decode()


def list_audit(
    *,
    user: str | None = None,
    service_token: int | None = None,
    action: str | None = None,
    assessment: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[tuple[AuditEntry, str | None]], str | None]:
    """(entry, username) newest first, filtered; the cursor is the last id seen."""
    # The accounts' table, by name: the ground floor imports nothing from the floors above.
    users = Base.metadata.tables["users"]
    query = select(AuditEntry, users.c.username).outerjoin(users, users.c.id == AuditEntry.user_id)
    if user:
        query = query.where(users.c.username == user.strip().lower())
    if service_token:
        query = query.where(AuditEntry.service_token_id == service_token)
    if action:
        query = query.where(AuditEntry.action == action)
    if assessment:
        query = query.where(AuditEntry.assessment_id == assessment)
    if date_from:
        query = query.where(AuditEntry.created_at >= _day_start(date_from))
    if date_to:
        query = query.where(AuditEntry.created_at < _day_start(date_to + timedelta(days=1)))
    if cursor:
        query = query.where(AuditEntry.id < _cursor_id(cursor))
    rows = list(db.session.execute(query.order_by(AuditEntry.id.desc()).limit(limit + 1)).all())
    next_cursor = _cursor(rows[limit - 1][0].id) if len(rows) > limit else None
    return [tuple(row) for row in rows[:limit]], next_cursor


def audit_repr(entry: AuditEntry, username: str | None) -> dict:
    user = None
    if entry.user_id is not None:
        user = {"id": entry.user_id, "username": username, "role": entry.role}
    return {
        "id": entry.id,
        "created_at": entry.created_at,
        "user": user,
        "service_token_id": entry.service_token_id,
        "role": entry.role,
        "action": entry.action,
        "assessment_id": entry.assessment_id,
        "method": entry.method,
        "path": entry.path,
        "filters": entry.filters,
        "details": entry.details,
        "status": entry.status,
        "address": entry.address,
        "request_id": entry.request_id,
        "user_agent": entry.user_agent,
    }
