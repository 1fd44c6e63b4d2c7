"""Multiprocess mode: gunicorn workers add up; the per-job children of an RQ worker share files."""

import os
import secrets
import subprocess
import sys
import textwrap
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.servers import gunicorn

from .test_metrics import REQUESTS, sample

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_every_gunicorn_worker_is_counted_whichever_answers_the_scrape(database_url, tmp_path):
    env = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_hex(16),
        "JWT_SECRET_KEY": secrets.token_hex(16),
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    with gunicorn("wsgi:app", env, "/healthz", workers=2) as server:
        base = f"http://127.0.0.1:{server.port}"

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
