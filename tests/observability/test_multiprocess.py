"""Multiprocess mode: gunicorn workers add up; the per-job children of an RQ worker share files."""

import contextlib
import os
import secrets
import subprocess
import sys
import textwrap
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.servers import GUNICORN_CONF, free_port

from .test_metrics import REQUESTS, sample

ROOT = Path(__file__).resolve().parents[2]


@contextlib.contextmanager
def gunicorn(env: dict):
    """The app under gunicorn with the project's settings and 2 workers; its base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            *(Path(sys.executable).parent / "gunicorn", "--config", GUNICORN_CONF),
            *("--workers", "2", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"),
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{base}/healthz", timeout=5)
                break
            time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: do not wait for a graceful stop
            server.kill()
            server.wait()


@pytest.mark.slow
def test_every_gunicorn_worker_is_counted_whichever_answers_the_scrape(database_url, tmp_path):
    env = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "JWT_SECRET_KEY": secrets.token_hex(32),
        "PUBLIC_BASE_URL": "https://zlzp.example.gov.cn",
        "ALLOW_SQLITE_IN_PRODUCTION": "1",  # the SQLite half of the suite
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    with gunicorn(env) as base:

        def get(_):
            # /readyz: the start-up polls of /healthz may still be arriving (they time out early)
            with urllib.request.urlopen(f"{base}/readyz") as response:
                return response.status

        with ThreadPoolExecutor(8) as pool:
            assert set(pool.map(get, range(40))) == {200}
        for _ in range(6):  # each scrape is answered by one worker or the other
            text = urllib.request.urlopen(f"{base}/metrics").read().decode()
            assert sample(text, REQUESTS, method="GET", route="/readyz", status="200") == 40
    assert list((tmp_path / "metrics").glob("histogram_*.db"))


def test_the_children_of_an_rq_worker_write_one_set_of_files_and_add_up(tmp_path):
    script = textwrap.dedent(
        """
        import os, sys
        from app.observability import metrics
        metrics.share_files_across_jobs()
        for job in range(3):  # RQ forks one child per job, one after the other
            pid = os.fork()
            if pid == 0:
                started = metrics.render_started(type("Row", (), {"rendered_at": 1})())
                metrics.render_failed(started)
                os._exit(0)
            os.waitpid(pid, 0)
        print(os.getpid())
        """
    )
    directory = tmp_path / "metrics"
    directory.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(directory)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    worker = done.stdout.strip()
    from prometheus_client import CollectorRegistry, generate_latest, multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(directory))
    text = generate_latest(registry).decode()
    assert sample(text, "quality_report_render_duration_seconds_count", outcome="failed") == 3
    children = sorted(p.name for p in directory.glob("histogram_*.db") if worker not in p.name)
    assert children == []  # all three wrote histogram_rqjobs<worker>.db
    assert (directory / f"histogram_rqjobs{worker}.db").exists()


def test_an_rq_worker_serves_the_metrics_of_its_jobs_on_its_own_port(tmp_path):
    port = free_port()
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from app.observability import metrics
        metrics.share_files_across_jobs()
        metrics.serve_for_worker({{
            "WORKER_METRICS_PORT": {port},
            "WORKER_METRICS_ADDRESS": "127.0.0.1",
            "PROMETHEUS_MULTIPROC_DIR": os.environ["PROMETHEUS_MULTIPROC_DIR"],
        }})
        pid = os.fork()
        if pid == 0:  # a job
            metrics.render_failed(metrics.render_started(type("Row", (), {{"rendered_at": 1}})()))
            os._exit(0)
        os.waitpid(pid, 0)
        print("ready", flush=True)
        time.sleep(30)
        """
    )
    directory = tmp_path / "metrics"
    directory.mkdir()
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(directory)}
    worker = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert worker.stdout.readline().strip() == "ready"
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics").read().decode()
    finally:
        worker.kill()
        worker.wait()
    assert sample(text, "quality_report_render_duration_seconds_count", outcome="failed") == 1
