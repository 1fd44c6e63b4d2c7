"""What the audit log learns from each request, written once its status is known.

- Reads the policy noted (policy.note_access): every regulator read of an assessment, the
  regulator's list and search (with the firms returned), exports, aggregate reads; written
  after a successful GET, so a new endpoint reading through the policy is audited unasked.
- Refusals: a signed-in caller answered 403, or 404 on a path naming an object (a probe of
  another's record looks exactly like that).
- Sessions and accounts: sign-in (failures and limits too), refresh, sign-out, registration.
Each entry carries the client address, request id and user agent (app/audit/service.py).
"""

from flask import Flask, g, request
from sqlalchemy import select

from app.audit.models import (
    DENIED,
    REFRESH,
    REGISTER,
    SERVICE_ROLE,
    SIGN_IN,
    SIGN_OUT,
)
from app.audit.service import record_events
from app.auth import policy
from app.auth.models import User
from app.auth.schemas import normalise_username
from app.db import db

AUDITED_METHODS = ("GET", "HEAD")
SESSION_ENDPOINTS = {
    "auth.Login": SIGN_IN,
    "auth.Refresh": REFRESH,
    "auth.Logout": SIGN_OUT,
    "auth.Register": REGISTER,
}
# A malformed request says nothing about who tried what; a 5xx is in the error log.
UNRECORDED = frozenset({400, 413, 415, 422})
ANONYMOUS = "anonymous"


def _who(principal) -> dict:
    if principal is None:
        return {"role": ANONYMOUS}
    if principal.service_token_id:
        return {"role": SERVICE_ROLE, "service_token_id": principal.service_token_id}
    return {"role": principal.role, "user_id": principal.id}


def _named_account() -> dict:
    """The account a sign-in or registration body names, if it exists (not the typed text)."""
    body = request.get_json(silent=True)
    name = body.get("username") or body.get("uscc") if isinstance(body, dict) else None
    if not isinstance(name, str) or len(name) > 100:
        return {"role": ANONYMOUS}
    # A connection of its own: the request's session may be failed (a registration race).
    with db.engine.connect() as connection:
        row = connection.execute(
            select(User.id, User.role).where(User.username == normalise_username(name))
        ).first()
    return {"role": row.role, "user_id": row.id} if row else {"role": ANONYMOUS}


def _probe(status: int) -> bool:
    """A refusal worth recording: 403, or 404 on a matched route whose path names an object."""
    return status == 403 or (status == 404 and request.url_rule is not None and request.view_args)


def _events(status: int) -> list[dict]:
    principal = g.get("principal")
    events = []
    notes = policy.take_noted_accesses()
    if notes and request.method in AUDITED_METHODS and status < 400:
        seen = set()
        for action, assessment_id, details in notes:
            if (action, assessment_id) not in seen:
                seen.add((action, assessment_id))
                event = {"action": action, "assessment_id": assessment_id, "details": details}
                events.append({**event, **_who(principal)})
    elif principal is not None and _probe(status):
        events.append(
            {"action": DENIED, "details": {"object": request.view_args}, **_who(principal)}
        )
    action = SESSION_ENDPOINTS.get(request.endpoint)
    if action and status not in UNRECORDED and status < 500:
        who = _who(principal) if principal is not None else _named_account()
        events.append({"action": action, **who})
    return events


def record_request_events(response):
    """after_request: write this request's audit events (none for most requests)."""
    events = _events(response.status_code)
    for event in events:  # one insert: every row needs the same keys
        event.setdefault("assessment_id", None)
        event.setdefault("details", None)
        event.setdefault("user_id", None)
        event.setdefault("service_token_id", None)
    record_events(events, status=response.status_code)
    return response


def _forget_stale_notes():
    # Where an app context outlives requests (tests, CLI), g would carry marks from before.
    policy.take_noted_accesses()


def init_app(app: Flask) -> None:
    """Write the audit events of every request that has some."""
    app.before_request(_forget_stale_notes)
    app.after_request(record_request_events)
