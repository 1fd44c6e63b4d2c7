"""The Prometheus metrics, and the one-line functions the rest of the app records them with.

Under gunicorn (several processes) prometheus_client's multiprocess mode is on when
PROMETHEUS_MULTIPROC_DIR is set before start: each process writes its own files there and a
scrape of any worker adds them all up (gunicorn.conf.py marks exited workers dead).
"""

import os
import time
from dataclasses import dataclass
from datetime import datetime

from prometheus_client import Histogram, values

# Render jobs run in a child forked per job (RQ's work-horse). With pid-named files that would be
# two new files per report, for ever; one job runs at a time per worker, so every child of a worker
# writes the same files, named after the worker (prometheus_client allows this when no two running
# processes share a name).
_rq_worker_pid: int | None = None


def _process_identifier() -> str:
    pid = os.getpid()
    if _rq_worker_pid is not None and pid != _rq_worker_pid and os.getppid() == _rq_worker_pid:
        return f"rqjobs{_rq_worker_pid}"
    return str(pid)


if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    values.ValueClass = values.MultiProcessValue(_process_identifier)

REQUEST_SECONDS = Histogram(
    "quality_http_request_duration_seconds",
    "Time to build the response, by route (the URL rule) and status; _count counts requests",
    ["method", "route", "status"],
    # 0.3: the burst target for a submit's p95 (issue 13)
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, 5, 10),
)
RENDER_SECONDS = Histogram(
    "quality_report_render_duration_seconds",
    "Time to render and store one report, by outcome (ok, failed)",
    ["outcome"],
    buckets=(0.25, 0.5, 1, 2, 3, 5, 10, 20, 60, 180),
)
READY_SECONDS = Histogram(
    "quality_report_ready_seconds",
    "From the submission to its report stored for the first time, retries included",
    buckets=(1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600),
)


def share_files_across_jobs() -> None:
    """Called by the RQ worker before it forks jobs: its children write one set of files."""
    global _rq_worker_pid
    _rq_worker_pid = os.getpid()


def serve_for_worker(config) -> None:
    """Serve this RQ worker's metrics (its jobs' included) on WORKER_METRICS_PORT, when set.

    Workers run apart from the web processes, often on other machines: Prometheus scrapes each.
    Plain prometheus_client HTTP, without METRICS_TOKEN: bind it to an internal address.
    """
    port = config["WORKER_METRICS_PORT"]
    if not port:
        return
    from prometheus_client import CollectorRegistry, multiprocess, start_http_server

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=config["PROMETHEUS_MULTIPROC_DIR"])
    start_http_server(port, addr=config["WORKER_METRICS_ADDRESS"], registry=registry)


def observe_request(*, method: str, route: str, status: int, seconds: float) -> None:
    REQUEST_SECONDS.labels(method, route, str(status)).observe(seconds)


@dataclass(frozen=True)
class RenderStart:
    """What render_started noted: when, and whether the report had been stored before."""

    at: float
    first: bool


def render_started(report) -> RenderStart:
    """Called when an attempt to render a report begins."""
    return RenderStart(time.perf_counter(), first=report.rendered_at is None)


def render_failed(started: RenderStart) -> None:
    """Called when the attempt failed (the failure count is this histogram's failed _count)."""
    RENDER_SECONDS.labels("failed").observe(time.perf_counter() - started.at)


def report_stored(started: RenderStart, *, submitted_at: datetime, stored_at: datetime) -> None:
    """Called when the report is stored; the first store also measures submit → ready."""
    RENDER_SECONDS.labels("ok").observe(time.perf_counter() - started.at)
    if started.first:
        READY_SECONDS.observe(max((stored_at - submitted_at).total_seconds(), 0.0))
