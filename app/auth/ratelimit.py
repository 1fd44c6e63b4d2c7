"""Sign-in rate limits that count failures, per (username, address) and per client address.

An attempt is written before the password is checked and deleted when it succeeds, so:
- after LOGIN_MAX_FAILURES failures of one username from one address, each further attempt from
  there waits LOGIN_FIRST_DELAY_SECONDS (1 s), then twice as long each time (at most
  LOGIN_MAX_DELAY_SECONDS) after the one before. Attempts
  still being checked count too, so parallel guesses cannot slip past the delay. Someone guessing
  at a public USCC slows only themselves: its owner, at another address, signs in as usual;
- an address is cut off after LOGIN_MAX_ADDRESS_FAILURES failures across usernames (only
  failures: many people signing in correctly behind one address are never slowed down);
- a success clears that username's failures from that address.
Both hold within LOGIN_WINDOW_SECONDS. The rows live in the database, in transactions of their
own (they must outlive a request that fails), so every gunicorn worker counts the same attempts.

The address is request.remote_addr: behind TRUSTED_PROXY_HOPS proxies, the one ProxyFix takes
from X-Forwarded-For (app/auth/limits.py).
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, insert, select, update

from app.auth.models import LoginAttempt
from app.db import db, utcnow
from app.errors import ApiError
from app.messages import auth as messages

_USERNAME_MAX = LoginAttempt.username.type.length
_ADDRESS_MAX = LoginAttempt.address.type.length


@dataclass(frozen=True)
class Attempt:
    id: int
    username: str
    address: str


def begin_attempt(*, username: str, address: str | None) -> Attempt:
    """Record a sign-in attempt about to be checked; 429 with Retry-After when over a limit."""
    config = current_app.config
    window = timedelta(seconds=config["LOGIN_WINDOW_SECONDS"])
    now = utcnow()
    since = now - window
    username, address = username[:_USERNAME_MAX], (address or "-")[:_ADDRESS_MAX]
    # Committed before counting, so concurrent attempts in other workers see each other.
    with db.engine.begin() as conn:
        conn.execute(delete(LoginAttempt).where(LoginAttempt.created_at < since))
        attempt_id = conn.execute(
            insert(LoginAttempt).values(
                username=username, address=address, failed=False, created_at=now
            )
        ).inserted_primary_key[0]
    with db.engine.begin() as conn:
        by_pair = select(LoginAttempt.created_at).where(
            LoginAttempt.username == username,
            LoginAttempt.address == address,
            LoginAttempt.id != attempt_id,
            LoginAttempt.created_at >= since,
        )
        by_address = select(LoginAttempt.created_at).where(
            LoginAttempt.address == address,
            LoginAttempt.failed.is_(True),
            LoginAttempt.created_at >= since,
        )
        allowed_at = []  # when each limit lets this attempt through
        pair_count, pair_limit = _count(conn, by_pair), config["LOGIN_MAX_FAILURES"]
        if pair_count >= pair_limit:
            delay = min(
                config["LOGIN_MAX_DELAY_SECONDS"],
                config["LOGIN_FIRST_DELAY_SECONDS"] * 2 ** (pair_count - pair_limit),
            )
            newest = conn.scalar(select(func.max(by_pair.subquery().c.created_at)))
            allowed_at.append(newest + timedelta(seconds=delay))
        address_limit = config["LOGIN_MAX_ADDRESS_FAILURES"]
        if _count(conn, by_address) >= address_limit:
            allowed_at.append(_wait(conn, by_address, address_limit) + window)
        allowed_at = [moment for moment in allowed_at if moment > now]
        if allowed_at:
            conn.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt_id))
    if allowed_at:
        seconds = max(1, math.ceil((max(allowed_at) - now).total_seconds()))
        raise ApiError(
            429, messages.TOO_MANY_FAILURES, headers={"Retry-After": str(seconds)}, seconds=seconds
        )
    return Attempt(id=attempt_id, username=username, address=address)


def finish_attempt(attempt: Attempt, *, succeeded: bool) -> None:
    """A success clears the pair's failures; a failure is kept until the window passes."""
    with db.engine.begin() as conn:
        if succeeded:
            conn.execute(
                delete(LoginAttempt).where(
                    (LoginAttempt.id == attempt.id)
                    | (
                        (LoginAttempt.username == attempt.username)
                        & (LoginAttempt.address == attempt.address)
                    )
                )
            )
        else:
            conn.execute(
                update(LoginAttempt).where(LoginAttempt.id == attempt.id).values(failed=True)
            )


def _count(conn, query) -> int:
    return conn.scalar(select(func.count()).select_from(query.subquery()))


def _wait(conn, query, limit: int) -> datetime:
    """When the limit-th newest counted attempt was made: once it leaves the window, one more."""
    newest = conn.scalars(
        query.order_by(LoginAttempt.created_at.desc()).offset(limit - 1).limit(1)
    ).first()
    return newest or utcnow()
