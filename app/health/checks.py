"""The readiness checks: each pings one service the app needs, raising when it does not answer.

To add one (object storage, say): `CHECKS["storage"] = storage.ping` — a callable run in the app
context that raises when the service is unreachable and returns False when it is not configured.
"""

from collections.abc import Callable

from flask import current_app
from redis import Redis
from sqlalchemy import text

from app.db import db

_redis_clients: dict[str, Redis] = {}


def database() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    finally:
        db.session.rollback()  # a failed ping must not leave the session unusable
    return True


def redis() -> bool:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return False
    if url not in _redis_clients:
        # Short timeouts: an orchestrator's probe gives up after a few seconds.
        _redis_clients[url] = Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    _redis_clients[url].ping()
    return True


def storage() -> bool:
    """The blob store of reports (and later exports and evidence): local or S3."""
    from app.storage import current_store

    current_store().ping()
    return True


CHECKS: dict[str, Callable[[], bool | None]] = {
    "database": database,
    "redis": redis,
    "storage": storage,
}


def run_checks() -> dict[str, str]:
    """Each check's outcome: "ok", "unavailable" or "not configured"."""
    outcomes = {}
    for name, check in CHECKS.items():
        try:
            configured = check()
        except Exception:  # any error of a driver or client means "not ready", the answer asked for
            current_app.logger.warning("readiness: %s does not answer", name, exc_info=True)
            outcomes[name] = "unavailable"
            continue
        outcomes[name] = "not configured" if configured is False else "ok"
    return outcomes
