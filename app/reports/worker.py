"""The RQ worker that renders reports: `flask --app wsgi reports worker` (make worker).

Each job runs in a child forked from the worker (RQ's default Worker), so a crash in the PDF
stack costs one job, not the worker. Before forking, the worker prepares the report fonts (the
children inherit them, already in memory) and drops its database connections, and each child
starts with an empty connection pool: a connection must never be shared across a fork.
"""

import logging
import os

from flask import current_app, has_app_context
from rq import Queue, SimpleWorker, Worker

from app.db import db
from app.observability import metrics
from app.storage import StorageUnavailable, current_store

from . import queue
from .fonts import WEIGHTS, font_coverage, prepare_report_font

log = logging.getLogger(__name__)


def render_job(report_id: int) -> dict:
    """The RQ job: render and store one report. An exception makes RQ retry it (Retry).

    That includes StorageUnavailable: a store that is down for a minute costs a retry, and
    the report row says failed (with the reason) only when the retries have run out.
    """
    if not has_app_context():  # started by a plain `rq worker` rather than the Flask CLI
        from app import create_app

        with create_app().app_context():
            return render_job(report_id)
    from .service import render_stored

    try:
        report = render_stored(report_id=report_id)
        return {"report": report.id, "sha256": report.sha256, "size": report.size}
    finally:
        db.session.remove()


def prepare_fonts() -> None:
    """Build (or find) the report fonts and read their coverage, once, before any job."""
    for weight in WEIGHTS:
        font_coverage(prepare_report_font(current_app.config["FONT_CACHE_DIR"], weight=weight))


def _fresh_pool_in_child() -> None:
    db.engine.dispose(close=False)


def lower_priority(niceness: int) -> int:
    """Run this process (and the work-horses it forks) at least this nice; the niceness now.

    Renders are CPU-bound and nobody waits on one the way a phone waits on its submit: where a
    worker shares cores with the web, the scheduler then gives the requests the CPU first.
    """
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if niceness > current:
        os.setpriority(os.PRIO_PROCESS, 0, niceness)
    return os.getpriority(os.PRIO_PROCESS, 0)


def run_worker(*, burst: bool = False, simple: bool = False) -> bool:
    """Work on the report, webhook and export queues until stopped (or, with burst, empty)."""
    niceness = lower_priority(current_app.config["REPORT_WORKER_NICE"])
    prepare_fonts()
    store = current_store()
    try:
        store.ping()
    except StorageUnavailable as error:  # jobs retry; the worker need not wait for the store
        log.warning("%s; renders will fail and be retried until it is back", error)
    db.session.remove()
    db.engine.dispose()
    if not simple:
        os.register_at_fork(after_in_child=_fresh_pool_in_child)
        metrics.share_files_across_jobs()
    metrics.serve_for_worker(current_app.config)
    worker_class = SimpleWorker if simple else Worker
    # Export jobs (app/exports) share the worker: both are background work on the same machines.
    exports = Queue(current_app.config["EXPORT_QUEUE"], connection=queue.connection())
    # So are webhook deliveries (app/webhooks): short, ahead of exports, with retries scheduled;
    # and emails (app/mail): small jobs, sent a moment after what they tell of.
    hooks = Queue(current_app.config["WEBHOOK_QUEUE"], connection=queue.connection())
    mail = Queue(current_app.config["MAIL_QUEUE"], connection=queue.connection())
    queues = [queue.report_queue(), hooks, mail, exports]
    worker = worker_class(queues, connection=queue.connection())
    name = ", ".join(q.name for q in queues)
    log.info(
        "report worker %s on queue %s, storing in %s, at nice %s",
        worker.name,
        name,
        store.describe(),
        niceness,
    )
    # The scheduler puts retries back on the queue when their interval has passed.
    level = current_app.config["LOG_LEVEL"]
    return worker.work(burst=burst, with_scheduler=True, logging_level=level)
