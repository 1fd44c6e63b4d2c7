"""The RQ side of rendering: one job per stored report, retried by RQ, never queued twice."""

import logging

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Retry
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus

log = logging.getLogger(__name__)

JOB = "app.reports.worker.render_job"
# A job in one of these states will run (again) without our help.
ACTIVE = {
    JobStatus.CREATED,
    JobStatus.QUEUED,
    JobStatus.STARTED,
    JobStatus.DEFERRED,
    JobStatus.SCHEDULED,
    JobStatus.READY_TO_ENQUEUE,
}

_connections: dict[str, Redis] = {}


class QueueUnavailable(RuntimeError):
    """Redis could not be reached; the caller renders in-process instead or tries later."""


def queue_enabled() -> bool:
    return bool(current_app.config.get("REDIS_URL"))


def connection() -> Redis:
    """One client (with its pool) per Redis URL and process."""
    url = current_app.config["REDIS_URL"]
    if url not in _connections:
        _connections[url] = Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    return _connections[url]


def report_queue() -> Queue:
    return Queue(current_app.config["REPORT_QUEUE"], connection=connection())


def job_id(report_id: int) -> str:
    # Named by queue too: two deployments (or test sessions) may share one Redis server.
    return f"{current_app.config['REPORT_QUEUE']}-report-{report_id}"


def _will_run(job: Job, queue: Queue) -> bool:
    """Whether a job is going to run: active, and if queued, really on the queue."""
    status = job.get_status(refresh=False)
    if status == JobStatus.QUEUED:
        return queue.get_job_position(job) is not None
    return status in ACTIVE


def render_will_run(report_id: int) -> bool:
    """Whether a job for the report is waiting, running or scheduled for a retry; raises
    QueueUnavailable when Redis cannot be reached."""
    try:
        queue = report_queue()
        try:
            job = Job.fetch(job_id(report_id), connection=queue.connection)
        except NoSuchJobError:
            return False
        return _will_run(job, queue)
    except RedisError as error:
        raise QueueUnavailable(str(error)) from error


def enqueue_render(report_id: int) -> bool:
    """Queue the rendering of a report unless a job for it is already waiting or running.

    Returns True when a job was queued now. Raises QueueUnavailable when Redis cannot be reached.
    """
    config = current_app.config
    try:
        queue = report_queue()
        try:
            existing = Job.fetch(job_id(report_id), connection=queue.connection)
        except NoSuchJobError:
            existing = None
        if existing is not None:
            if _will_run(existing, queue):
                return False
            existing.delete()  # finished, failed for good or lost: make room for a new attempt
        intervals = list(config["REPORT_RETRY_INTERVALS"])
        queue.enqueue(
            JOB,
            report_id,
            job_id=job_id(report_id),
            unique=True,
            retry=Retry(max=config["REPORT_RETRIES"], interval=intervals or 0),
            job_timeout=config["REPORT_JOB_TIMEOUT"],
            result_ttl=3600,
            failure_ttl=30 * 86400,  # a failed job stays inspectable (rq info, the dashboard)
            description=f"render report {report_id}",
        )
    except DuplicateJobError:
        return False  # another request queued it a moment ago
    except RedisError as error:
        raise QueueUnavailable(str(error)) from error
    log.info("queued the rendering of report %s on %s", report_id, queue.name)
    return True
