"""How long a sign-in lasts, and the refresh-token cookie the web client keeps it in.

A session ends at the first of two limits, both shorter for staff, who hold the wider scopes:
- absolute: SESSION_ABSOLUTE_HOURS_* after the password was typed (the `auth_time` claim, carried
  unchanged through every rotation);
- idle: SESSION_IDLE_MINUTES_* without a refresh. The client refreshes only while it is used
  (an access token lives minutes), so the refresh token's own lifetime is the idle timeout.
A refresh token's `exp` is the earlier of the two, and rotating checks `auth_time` again.

Browsers get the refresh token in an HttpOnly cookie scoped to the refresh path, never in the
JSON, so no script on the page can read it. They ask for that by sending REFRESH_HEADER on
sign-in; the refresh endpoint takes the cookie only with that header too. A cross-site page
cannot send a custom header without a CORS preflight, which this API never grants, so the header
is the CSRF check (SameSite=Strict is the second). Other API clients send and receive the
refresh token as before: in the JSON and the Authorization header.
"""

import uuid
from datetime import UTC, datetime, timedelta

from flask import Response, after_this_request, current_app, request
from flask_jwt_extended import create_access_token, create_refresh_token

from app.auth.models import ENTERPRISE, User
from app.db import utcnow

REFRESH_COOKIE = "qa_refresh"
REFRESH_PATH = "/api/v1/auth/refresh"
REFRESH_HEADER = "X-Refresh-Cookie"


def _hours_minutes(role: str) -> tuple[int, int]:
    config = current_app.config
    kind = "ENTERPRISE" if role == ENTERPRISE else "STAFF"
    return config[f"SESSION_ABSOLUTE_HOURS_{kind}"], config[f"SESSION_IDLE_MINUTES_{kind}"]


def session_end(role: str, auth_time: int) -> datetime:
    """When a session of this role begun at auth_time (epoch seconds) ends, whatever its use."""
    hours, _ = _hours_minutes(role)
    return datetime.fromtimestamp(auth_time, UTC) + timedelta(hours=hours)


def refresh_expiry(role: str, auth_time: int) -> datetime:
    """The expiry of a refresh token issued now: the idle timeout, within the absolute limit."""
    _, minutes = _hours_minutes(role)
    return min(utcnow() + timedelta(minutes=minutes), session_end(role, auth_time))


def longest_session() -> timedelta:
    """The longest any session can last: how long a session id must stay revoked."""
    return max(session_end(role, 0) for role in (ENTERPRISE, "staff")) - datetime.fromtimestamp(
        0, UTC
    )


def issue_tokens(user: User, *, session_id: str | None = None, auth_time: int | None = None):
    """An access and a refresh token of a session: a new one, unless its id and start are given."""
    now = utcnow()
    auth_time = auth_time if auth_time is not None else int(now.timestamp())
    claims = {"sid": session_id or str(uuid.uuid4()), "role": user.role, "auth_time": auth_time}
    if user.session_generation:  # absent means 0: the tokens of most accounts stay as short
        claims["gen"] = user.session_generation
    ends, refresh_ends = session_end(user.role, auth_time), refresh_expiry(user.role, auth_time)
    access_life = min(current_app.config["JWT_ACCESS_TOKEN_EXPIRES"], ends - now)
    access = create_access_token(str(user.id), additional_claims=claims, expires_delta=access_life)
    refresh = create_refresh_token(
        str(user.id), additional_claims=claims, expires_delta=refresh_ends - now
    )
    return {
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "Bearer",
        "expires_in": int(access_life.total_seconds()),
        "refresh_expires_at": refresh_ends,
        "session_expires_at": ends,
        "role": user.role,
        "username": user.username,
        "must_change_password": bool(user.must_change_password),
    }


def deliver(tokens: dict) -> dict:
    """The tokens as the caller keeps them: a browser gets its refresh token in the cookie only."""
    if not wants_cookie():
        return tokens
    token = tokens.pop("refresh_token")

    @after_this_request
    def _set_cookie(response: Response) -> Response:
        set_refresh_cookie(response, token, tokens["refresh_expires_at"])
        return response

    return tokens


def wants_cookie() -> bool:
    """Whether this request comes from a client that keeps the refresh token in the cookie."""
    return request.headers.get(REFRESH_HEADER) == "1"


def refresh_cookie() -> str | None:
    """The refresh token of the cookie, taken only with the custom header (the CSRF check)."""
    return request.cookies.get(REFRESH_COOKIE) if wants_cookie() else None


def set_refresh_cookie(response: Response, token: str, expires_at: datetime) -> None:
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=max(0, round((expires_at - utcnow()).total_seconds())),
        path=REFRESH_PATH,
        secure=current_app.config["REFRESH_COOKIE_SECURE"],
        httponly=True,
        samesite="Strict",
    )


def clear_refresh_cookie(response: Response) -> None:
    response.delete_cookie(
        REFRESH_COOKIE,
        path=REFRESH_PATH,
        secure=current_app.config["REFRESH_COOKIE_SECURE"],
        httponly=True,
        samesite="Strict",
    )
