"""Run a function away from the request: on an RQ queue when REDIS_URL is set, else in a thread.

    from app.jobs.background import start
    start("app.exports.service.run_export", job.id, queue="exports", job_id=f"export-{job.id}")

The function is named by its import path (what RQ stores) and takes plain arguments; it must
open its own app context when called by a plain `rq worker` (see app/exports/service.py). A
thread is what `make run` and the tests use: one machine, no Redis, nothing else to start.
"""

import importlib
import logging
import threading
from datetime import timedelta

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue

log = logging.getLogger(__name__)
_connections: dict[str, Redis] = {}


class QueueUnavailable(RuntimeError):
    """Redis could not be reached: the caller answers 503 or falls back."""


def redis_connection() -> Redis:
    """One client (with its pool) per Redis URL and process."""
    url = current_app.config["REDIS_URL"]
    if url not in _connections:
        _connections[url] = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    return _connections[url]


def start(
    function: str, *args, queue: str, job_id: str, timeout: int = 900, delay: float = 0
) -> str:
    """Start function(*args) in the background, after delay seconds; returns "rq" or "thread".

    A delayed RQ job waits in the queue's scheduled registry: a worker started with
    `--with-scheduler` moves it on when it is due (docs/jobs.md).
    """
    if current_app.config.get("REDIS_URL"):
        options = {
            "job_id": job_id,
            "job_timeout": timeout,
            "result_ttl": 3600,
            "failure_ttl": 7 * 86400,
        }
        try:
            queued = Queue(queue, connection=redis_connection())
            if delay > 0:
                queued.enqueue_in(timedelta(seconds=delay), function, *args, **options)
            else:
                queued.enqueue(function, *args, **options)
        except RedisError as error:
            raise QueueUnavailable(str(error)) from error
        return "rq"
    module, name = function.rsplit(".", 1)
    target = getattr(importlib.import_module(module), name)
    app = current_app._get_current_object()

    def run():
        with app.app_context():
            try:
                target(*args)
            except Exception:  # the function records its own failure; this is the last net
                log.exception("background %s%r failed", function, args)

    if delay > 0:
        timer = threading.Timer(delay, run)
        timer.name, timer.daemon = job_id, True
        timer.start()
    else:
        threading.Thread(target=run, name=job_id, daemon=True).start()
    return "thread"
