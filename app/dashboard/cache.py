"""A short-lived cache of computed dashboards: in Redis when REDIS_URL is set, else per process.

A dashboard is a summary of a whole jurisdiction (one or two scans of up to 200k rows), read
again and again while it barely changes, so a computed answer is kept for
DASHBOARD_CACHE_SECONDS (default 60; 0 turns the cache off) and is neither invalidated by
submissions nor by reviews: during a deadline burst dozens land each second, and invalidating on
each would leave the cache empty exactly when regulators watch it most. What a regulator sees
is therefore at most DASHBOARD_CACHE_SECONDS old, or that plus one computation while another
request recomputes an expired entry (docs/dashboard.md, "Freshness").

The key is what the answer depends on: the area shown (the jurisdiction, or the unit the
province narrowed to), the campaign or year, the questionnaire and the language; the caller's
right to see the area is checked before the cache is read. One computation per key at a time:
the others wait for it when nothing is cached, or serve the expired copy while it runs.
"""

import contextlib
import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime

from flask import current_app
from redis.exceptions import RedisError

from app.jobs.background import redis_connection

log = logging.getLogger(__name__)

PREFIX = "quality:dashboard:v1"
LOCAL_ENTRIES = 256  # per process: 14 units × a few campaigns and years × 2 languages fit
LOCK_SECONDS = 60  # a computation taking longer lets a second one start
WAIT_SECONDS = 30  # the longest a reader waits for another's computation of a missing entry


def cached(key: tuple, compute: Callable[[], dict]) -> dict:
    """compute(), or its copy of less than DASHBOARD_CACHE_SECONDS ago under key."""
    seconds = current_app.config.get("DASHBOARD_CACHE_SECONDS", 0)
    if seconds <= 0:
        return compute()
    name = _name(key)
    if current_app.config.get("REDIS_URL"):
        try:
            return _shared(name, seconds, compute)
        except RedisError as error:  # the dashboard still answers, as it did without a cache
            log.warning("dashboard cache unavailable, computing: %s", error)
            return compute()
    return _LOCAL.get(name, seconds, compute)


def _name(key: tuple) -> str:
    # The database in the name: apps on different databases may share one Redis (tests, staging).
    database = current_app.config["SQLALCHEMY_DATABASE_URI"]
    tag = hashlib.sha256(str(database).encode()).hexdigest()[:12]
    return ":".join((PREFIX, tag, *(str(part) for part in key)))


def _encode(value):
    # The schema dumps dates and datetimes (a campaign's dates, the snapshot's time) itself.
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not JSON")


def _decode(value: dict):
    if value.keys() == {"$datetime"}:
        return datetime.fromisoformat(value["$datetime"])
    if value.keys() == {"$date"}:
        return date.fromisoformat(value["$date"])
    return value


def _dumps(body: dict) -> str:
    return json.dumps({"at": time.time(), "body": body}, default=_encode, ensure_ascii=False)


def _shared(name: str, seconds: int, compute: Callable[[], dict]) -> dict:
    """Through Redis: every web process sees the one computed copy."""
    redis = redis_connection()
    entry = _read(redis.get(name))
    if entry is not None and time.time() - entry[0] < seconds:
        return entry[1]
    lock = redis.lock(f"{name}:lock", timeout=LOCK_SECONDS)
    # Expired: recompute only if nobody else is; meanwhile the expired copy serves.
    if not lock.acquire(blocking=entry is None, blocking_timeout=WAIT_SECONDS):
        return entry[1] if entry is not None else compute()  # waited long enough: compute
    try:
        again = _read(redis.get(name))
        if again is not None and time.time() - again[0] < seconds:
            return again[1]  # computed by the request we waited for
        body = compute()
        try:
            # Kept twice its freshness, so that an expired copy can serve while one recomputes.
            redis.set(name, _dumps(body), ex=2 * seconds)
        except RedisError as error:  # answered all the same, and not computed a second time
            log.warning("dashboard not cached: %s", error)
        return body
    finally:
        # Expired meanwhile (a computation past LOCK_SECONDS): harmless.
        with contextlib.suppress(RedisError):
            lock.release()


def _read(raw: bytes | None) -> tuple[float, dict] | None:
    if raw is None:
        return None
    entry = json.loads(raw, object_hook=_decode)
    return entry["at"], entry["body"]


class _Local:
    """Per process, bounded to LOCAL_ENTRIES, least recently used dropped first."""

    def __init__(self):
        self.entries: OrderedDict[str, tuple[float, dict]] = OrderedDict()
        self.locks: dict[str, threading.Lock] = {}
        self.guard = threading.Lock()

    def get(self, name: str, seconds: int, compute: Callable[[], dict]) -> dict:
        entry = self._entry(name, seconds)
        if entry is not None and time.monotonic() - entry[0] < seconds:
            return entry[1]
        with self.guard:
            lock = self.locks.setdefault(name, threading.Lock())
        # One thread computes; the others wait for it, or serve the expired copy meanwhile.
        if not (lock.acquire(timeout=WAIT_SECONDS) if entry is None else lock.acquire(False)):
            return entry[1] if entry is not None else compute()
        try:
            again = self._entry(name, seconds)
            if again is not None and time.monotonic() - again[0] < seconds:
                return again[1]
            body = compute()
            with self.guard:
                self.entries[name] = (time.monotonic(), body)
                self.entries.move_to_end(name)
                while len(self.entries) > LOCAL_ENTRIES:
                    dropped, _ = self.entries.popitem(last=False)
                    self.locks.pop(dropped, None)
            return body
        finally:
            lock.release()

    def _entry(self, name: str, seconds: int) -> tuple[float, dict] | None:
        """The entry under name, unless older than twice its freshness (as Redis expires it)."""
        with self.guard:
            entry = self.entries.get(name)
            if entry is None or time.monotonic() - entry[0] >= 2 * seconds:
                return None
            self.entries.move_to_end(name)
            return entry

    def __len__(self) -> int:
        return len(self.entries)

    def clear(self) -> None:
        with self.guard:
            self.entries.clear()
            self.locks.clear()


_LOCAL = _Local()
