"""Rendering each submitted revision's report once, storing it, and handing it out.

Without REDIS_URL a report is rendered in the process that asks for it: right after the submit
commits (REPORT_RENDER_ON_SUBMIT), or else on its first download. With REDIS_URL the submit
queues a job on RQ (app/reports/worker.py) and a download that comes first gets "pending".

The PDFs live in the blob store (app/storage) under reports/<first two characters of the
code>/<code>.pdf; the row keeps their SHA-256, and a stored file that no longer hashes to it is
treated as missing and rendered again. When the store cannot be reached, StorageUnavailable
(503, Retry-After) reaches the client; the submission itself never depends on the store.

These are job-like operations at the edge of a request, so unlike other services they commit:
a row must be committed before a worker can read it, and a failure must be recorded even though
the exception that caused it propagates.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import signals
from app.assessments.models import Submission
from app.db import db, utcnow
from app.observability import metrics
from app.storage import Blob, StorageUnavailable, current_store

from . import queue
from .gathering import context_for
from .models import Report, new_number_suffix, new_verification_code

log = logging.getLogger(__name__)

PDF = "application/pdf"


@dataclass(frozen=True)
class Delivery:
    """A download's outcome: the stored file, or None (queued: a worker will render it)."""

    report: Report
    blob: Blob | None
    queued: bool = False


def report_key(report: Report) -> str:
    """The report's name in the store; two-character fan-out keeps local directories small."""
    code = report.verification_code
    return f"reports/{code[:2]}/{code}.pdf"


def open_stored(report: Report) -> Blob | None:
    """The report's file when it is stored and intact; raises StorageUnavailable."""
    if report.status != "ready" or not report.sha256:
        return None
    return current_store().open(report_key(report), sha256=report.sha256)


def get_report(*, submission_id: int, lang: str = "zh") -> Report | None:
    return db.session.scalar(
        select(Report).where(Report.submission_id == submission_id, Report.lang == lang)
    )


def open_report(*, submission_id: int, lang: str = "zh", first: bool = False) -> Report:
    """Add the pending report row of a new revision to the session (not committed).

    Called inside the submit's transaction, so that a submission never exists without its
    report row: a process that dies between the commit and the queueing leaves a pending row
    that requeue_stalled() finds, not a submission nobody will render. first: the submission
    was made in this transaction, so it has no report yet to share a number with.
    """
    # Both languages of a revision carry one report number.
    sibling = None
    if not first:
        sibling = db.session.scalar(
            select(Report.number).where(Report.submission_id == submission_id).limit(1)
        )
    report = Report(
        submission_id=submission_id,
        lang=lang,
        number=sibling or new_number_suffix(),
        verification_code=new_verification_code(),
        status="pending",
        attempts=0,
        created_at=utcnow(),
    )
    db.session.add(report)
    return report


def ensure_report(*, submission_id: int, lang: str = "zh") -> Report:
    """The report row of a revision in a language, created (pending, committed) when missing."""
    report = get_report(submission_id=submission_id, lang=lang)
    if report is not None:
        return report
    report = open_report(submission_id=submission_id, lang=lang)
    try:
        db.session.commit()
    except IntegrityError:
        # Two requests created it at once: the unique constraint kept one; use that one.
        db.session.rollback()
        report = get_report(submission_id=submission_id, lang=lang)
        if report is None:
            raise
    return report


def schedule_render(
    *, assessment_id: int, revision: int, lang: str = "zh", report_id: int | None = None
) -> None:
    """After a submit has committed: render (or queue) the revision's report. Never raises.

    report_id: the pending report the submit has just committed, when it ran (not replayed);
    with a queue it is queued without reading it back. The submission is already stored; a
    report that cannot be scheduled now is rendered on its first download instead, so a
    failure here only costs time later.
    """
    if not current_app.config["REPORT_RENDER_ON_SUBMIT"]:
        return
    try:
        if report_id is not None and queue.queue_enabled():
            queue.enqueue_render(report_id)
            return
        submission_id = db.session.scalar(
            select(Submission.id).where(
                Submission.assessment_id == assessment_id, Submission.revision == revision
            )
        )
        if submission_id is None:
            return
        report = ensure_report(submission_id=submission_id, lang=lang)
        if report.status == "ready":
            return
        if queue.queue_enabled():
            queue.enqueue_render(report.id)
        else:
            render_stored(report_id=report.id)
    except Exception:
        db.session.rollback()
        log.exception("report of assessment %s revision %s not scheduled", assessment_id, revision)


def requeue_stalled(*, older_than_seconds: int = 60) -> int:
    """Queue (or render) the reports still pending this long after their row was made.

    A pending row with no job behind it is what a crash between a submit's commit and its
    queueing leaves; enqueue_render is a no-op for a report whose job will still run, so this
    is safe to run as often as the schedule likes. Failed reports are left for a person
    (`flask reports pending --render`). Returns how many were handed on.
    """
    cutoff = utcnow() - timedelta(seconds=older_than_seconds)
    ids = db.session.scalars(
        select(Report.id).where(Report.status == "pending", Report.created_at < cutoff)
    ).all()
    handed = 0
    for report_id in ids:
        try:
            if queue.queue_enabled():
                handed += queue.enqueue_render(report_id)
            else:
                render_stored(report_id=report_id)
                handed += 1
        except Exception:  # logged; the next run tries again
            db.session.rollback()
            log.exception("stalled report %s not handed on", report_id)
    return handed


def deliver_report(*, submission: Submission, lang: str = "zh") -> Delivery:
    """The stored PDF of a revision; renders or queues it when it is missing, failed or lost.

    Raises StorageUnavailable when the store cannot be reached (nothing is re-rendered then).
    """
    report = ensure_report(submission_id=submission.id, lang=lang)
    if report.status == "ready":
        blob = open_stored(report)
        if blob is not None:
            return Delivery(report, blob)
        log.warning("report %s is missing from storage or altered; rendering it again", report.id)
    if queue.queue_enabled():
        try:
            queue.enqueue_render(report.id)
            return Delivery(report, None, queued=True)
        except queue.QueueUnavailable as error:
            log.error("report queue unavailable (%s); rendering report %s here", error, report.id)
    try:
        render_stored(report_id=report.id)
    except StorageUnavailable:
        raise  # the client is told so (503); the row says failed, the next download retries
    except Exception:  # recorded on the row and logged by render_stored; the next download retries
        return Delivery(report, None)
    return Delivery(report, open_stored(report))


def report_status(*, submission_id: int, lang: str = "zh", with_error: bool = False) -> dict:
    """Where the report of a revision stands, read only: nothing is rendered or queued.

    "rendering": a pending row whose first attempt has started, or a failed one whose RQ job
    will run again (a retry is scheduled); "failed" is one nobody will retry unless asked (a
    download, `flask reports pending --render`). No row yet reads as "pending". with_error
    adds the first line of the last error (regulators: they may tell operations).
    """
    report = get_report(submission_id=submission_id, lang=lang)
    if report is None:
        return {"status": "pending", "attempts": 0, "rendered_at": None}
    status = report.status
    started = status == "pending" and report.attempts
    if started or (status == "failed" and _retry_coming(report.id)):
        status = "rendering"
    facts = {"status": status, "attempts": report.attempts, "rendered_at": report.rendered_at}
    if status == "ready":
        facts["verification_code"] = report.verification_code
    if with_error:
        lines = (report.error or "").strip().splitlines()  # cleared when a render succeeds
        facts["error"] = lines[0][:300] if lines else None
    return facts


def _retry_coming(report_id: int) -> bool:
    if not queue.queue_enabled():
        return False
    try:
        return queue.render_will_run(report_id)
    except queue.QueueUnavailable:
        return False  # the row's own word, then: failed


def render_stored(*, report_id: int) -> Report:
    """Render a report and store the bytes; records the attempt, and the error when it fails.

    Idempotent: a report that is ready and intact in storage is left alone. The context is
    built at the first attempt and kept, so a later re-render gives the same document.
    """
    report = db.session.get(Report, report_id)
    if report is None:
        raise LookupError(f"no report {report_id}")
    intact = open_stored(report)
    if intact is not None:
        intact.close()
        return report
    report.attempts += 1
    db.session.commit()
    started = metrics.render_started(report)
    from .render import render_report_pdf  # WeasyPrint: imported where it is needed

    try:
        if report.context is None:
            report.context = context_for(report)
        data = render_report_pdf(
            report.context, lang=report.lang, font_dir=current_app.config["FONT_CACHE_DIR"]
        )
        stored = current_store().put(report_key(report), data, content_type=PDF)
    except Exception as error:
        db.session.rollback()
        report.status, report.error = "failed", f"{type(error).__name__}: {error}"[:2000]
        db.session.commit()
        metrics.render_failed(started)
        log.exception("rendering report %s failed (attempt %s)", report.id, report.attempts)
        raise
    report.status, report.error = "ready", None
    report.sha256, report.size = stored.sha256, stored.size
    report.rendered_at = utcnow()
    db.session.commit()
    signals.announce(signals.report_ready, report)
    metrics.report_stored(started, submitted_at=_submitted_at(report), stored_at=report.rendered_at)
    log.info("rendered report %s: %d bytes, attempt %d", report.id, len(data), report.attempts)
    return report


def _submitted_at(report: Report):
    return db.session.get(Submission, report.submission_id).submitted_at
