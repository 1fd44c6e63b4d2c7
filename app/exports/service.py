"""Create, run, find and prune export jobs. The caller's scope is read when the job runs."""

import logging
import secrets
import tempfile
from collections.abc import Iterator
from datetime import timedelta

from flask import current_app, has_app_context
from sqlalchemy import select, update

from app.aggregates.read import exports as aggregate_exports
from app.aggregates.read.query import definition, read_aggregates, resolve_query
from app.aggregates.read.representation import question_texts
from app.aggregates.schemas import AggregateArgsSchema
from app.assessments.queue_schemas import QueueFilterSchema
from app.auth.models import User
from app.db import db, utcnow
from app.errors import ApiError
from app.i18n import localise
from app.jobs.background import start
from app.messages.exports import ACCOUNT_CHANGED, EXPORT_KIND_FORBIDDEN
from app.messages.review import SUBMISSIONS_SHEET
from app.review import export_copy
from app.review import exports as review_exports
from app.storage import current_store

from .models import ExportJob

log = logging.getLogger(__name__)

# kind → the roles that may export it, and the schema its filters are checked with
KINDS = {
    "submissions": (("regulator",), QueueFilterSchema),
    "aggregates": (("association", "regulator", "admin"), AggregateArgsSchema),
}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
RUN = "app.exports.service.run_export"


def check_filters(kind: str, raw: dict) -> dict:
    """The filters loaded by the kind's own schema (marshmallow's ValidationError if bad)."""
    return KINDS[kind][1]().load(raw)


def create_export(*, principal, kind: str, fmt: str, filters: dict, lang: str) -> ExportJob:
    """A queued job for what the principal asked, started in the background."""
    roles, _ = KINDS[kind]
    if principal.role not in roles:
        raise ApiError(403, EXPORT_KIND_FORBIDDEN)
    loaded = check_filters(kind, filters)
    estimate = None
    if kind == "aggregates":
        resolve_query(principal=principal, args=loaded)  # the 403/422 of GET /aggregates, now
    else:
        estimate = review_exports.count_rows(principal=principal, filters=loaded)
    now = utcnow()
    job = ExportJob(
        id=secrets.token_hex(16),
        owner_id=principal.id,
        kind=kind,
        format=fmt,
        lang=lang,
        filters=filters,
        state="queued",
        rows_written=0,
        rows_estimated=estimate,
        created_at=now,
        expires_at=now + timedelta(days=current_app.config["EXPORT_RETENTION_DAYS"]),
    )
    db.session.add(job)
    db.session.commit()  # before starting: the worker or thread must find the row
    try:
        start(RUN, job.id, queue=current_app.config["EXPORT_QUEUE"], job_id=f"export-{job.id}")
    except Exception:
        db.session.delete(job)
        db.session.commit()
        raise
    return job


def jobs_of(owner_id: int) -> list[ExportJob]:
    """The owner's jobs that have not expired, newest first."""
    query = (
        select(ExportJob)
        .where(ExportJob.owner_id == owner_id, ExportJob.expires_at > utcnow())
        .order_by(ExportJob.created_at.desc())
        .limit(100)
    )
    return list(db.session.scalars(query))


def job_of(owner_id: int, job_id: str) -> ExportJob | None:
    """One of the owner's unexpired jobs; None for anyone else's (404, existence never leaks)."""
    job = db.session.get(ExportJob, job_id)
    if job is None or job.owner_id != owner_id or job.expires_at <= utcnow():
        return None
    return job


def run_export(job_id: str) -> None:
    """The background job: write the file, store it, record the outcome."""
    if not has_app_context():  # started by a plain `rq worker` rather than the Flask CLI
        from app import create_app

        with create_app().app_context():
            return run_export(job_id)
    try:
        job = db.session.get(ExportJob, job_id)
        if job is None or job.state in ("done", "failed"):
            return None
        job.state, job.started_at = "running", utcnow()
        db.session.commit()
        try:
            _write_and_store(job)
        except Exception as error:
            db.session.rollback()
            log.exception("export %s failed", job_id)
            _finish(job_id, state="failed", error=_first_line(error))
    finally:
        db.session.remove()
    return None


def _write_and_store(job: ExportJob) -> None:
    owner = db.session.get(User, job.owner_id)
    # Scope is the account's as it is now: a regulator moved to another city gets that city.
    if owner is None or owner.disabled or owner.role not in KINDS[job.kind][0]:
        _finish(job.id, state="failed", error=localise(ACCOUNT_CHANGED, job.lang))
        return
    filters = check_filters(job.kind, job.filters)
    with tempfile.TemporaryFile() as handle:
        if job.kind == "submissions" and job.format == "csv" and _copies():
            # The server formats the cells (app/review/export_copy.py): the same bytes, sooner.
            written = export_copy.copy_csv(
                principal=owner,
                filters=filters,
                lang=job.lang,
                write=handle.write,
                every=current_app.config["EXPORT_PROGRESS_ROWS"],
                progress=lambda rows, job_id=job.id: _progress(job_id, rows),
            )
        elif job.kind == "submissions":
            header, rows = review_exports.export_table(
                principal=owner, filters=filters, lang=job.lang
            )
            counted = _counting(job.id, rows)
            if job.format == "csv":
                chunks = review_exports.csv_chunks(header, counted)
            else:
                title = localise(SUBMISSIONS_SHEET, job.lang)
                chunks = review_exports.xlsx_chunks(header, counted, title=title)
            for chunk in chunks:
                handle.write(chunk)
            written = counted.total
        else:
            query = resolve_query(principal=owner, args=filters)
            body = read_aggregates(query=query, min_cell=current_app.config["MIN_CELL"])
            texts = question_texts(definition(body), job.lang)
            writer = aggregate_exports.to_csv if job.format == "csv" else aggregate_exports.to_xlsx
            handle.write(writer(body, texts, job.lang))
            written = len(body["groups"]) + 1  # the groups and the total
        handle.seek(0)
        key = f"exports/{job.id[:2]}/{job.id}.{job.format}"
        stored = current_store().put(key, handle, content_type=CONTENT_TYPES[job.format])
    _finish(
        job.id,
        state="done",
        rows_written=written,
        storage_key=stored.key,
        sha256=stored.sha256,
        size=stored.size,
    )


def _copies() -> bool:
    return db.engine.dialect.name == "postgresql"


class _counting:
    """Rows passed through, with the count written to the job every EXPORT_PROGRESS_ROWS."""

    def __init__(self, job_id: str, rows: Iterator[list]):
        self.job_id, self.rows, self.total = job_id, rows, 0
        self.every = current_app.config["EXPORT_PROGRESS_ROWS"]

    def __iter__(self):
        for row in self.rows:
            self.total += 1
            if self.total % self.every == 0:
                _progress(self.job_id, self.total)
            yield row


def _progress(job_id: str, rows: int) -> None:
    # Its own connection and transaction: the session's holds the streaming read open.
    with db.engine.begin() as connection:
        connection.execute(
            update(ExportJob.__table__)
            .where(ExportJob.__table__.c.id == job_id)
            .values(rows_written=rows)
        )


def _finish(job_id: str, **values) -> None:
    db.session.rollback()
    db.session.execute(
        update(ExportJob)
        .where(ExportJob.id == job_id)
        .values(finished_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"[:500]


def prune_expired() -> str:
    """Delete expired jobs and their files (the scheduled `prune-exports` task)."""
    now = utcnow()
    expired = list(db.session.scalars(select(ExportJob).where(ExportJob.expires_at <= now)))
    store = current_store()
    for job in expired:
        if job.storage_key:
            store.delete(job.storage_key)
        db.session.delete(job)
    return f"{len(expired)} deleted"
