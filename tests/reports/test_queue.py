"""With REDIS_URL: rendering runs on an RQ worker; early downloads get 202; failures retry.

The worker runs here, in this process (rq's SimpleWorker in burst mode), on a queue of this
test session's own, against the local Redis server.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import db
from app.reports import queue
from app.reports.models import Report
from tests.reports.conftest import needs_poppler, storage_env

# Each test runs on a local directory and on the S3 test server.
pytestmark = [needs_poppler, pytest.mark.usefixtures("report_storage")]
ROOT = Path(__file__).resolve().parents[2]


def report_of(assessment_id: int) -> str:
    return f"/api/v1/assessments/{assessment_id}/report.pdf"


def only_report() -> Report:
    db.session.expire_all()
    [report] = db.session.scalars(select(Report))
    return report


def break_rendering(monkeypatch, failures: int):
    """The next `failures` renders raise; later ones work."""
    from app.reports import render

    real, left = render.render_report_pdf, [failures]

    def flaky(*args, **kwargs):
        if left[0] > 0:
            left[0] -= 1
            raise RuntimeError("font server hiccup")
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "render_report_pdf", flaky)


def test_submit_queues_the_render_and_an_early_download_gets_202(client, submitted, queued):
    company, body = submitted()
    report = only_report()
    assert report.status == "pending"
    assert queue.report_queue().job_ids == [queue.job_id(report.id)]

    early = client.get(report_of(body["id"]), headers=company.headers)
    assert early.status_code == 202
    assert early.headers["Retry-After"] == "3"
    assert early.get_json()["status"] == "pending"
    assert queue.report_queue().count == 1  # asking again does not queue it twice

    queued()
    assert only_report().status == "ready"
    ready = client.get(report_of(body["id"]), headers=company.headers)
    assert ready.status_code == 200
    assert ready.data.startswith(b"%PDF-")


def test_a_failed_render_is_retried_by_rq(client, submitted, queued, monkeypatch):
    break_rendering(monkeypatch, failures=1)
    company, body = submitted()
    queued()
    report = only_report()
    assert (report.status, report.attempts, report.error) == ("ready", 2, None)
    assert client.get(report_of(body["id"]), headers=company.headers).status_code == 200


def test_when_retries_run_out_the_report_stays_failed_and_a_download_requeues_it(
    app, client, submitted, queued, monkeypatch, caplog
):
    break_rendering(monkeypatch, failures=app.config["REPORT_RETRIES"] + 1)
    company, body = submitted()
    queued()
    report = only_report()
    assert (report.status, report.attempts) == ("failed", app.config["REPORT_RETRIES"] + 1)
    assert "font server hiccup" in report.error
    assert "rendering report" in caplog.text  # logged, with its traceback

    again = client.get(report_of(body["id"]), headers=company.headers)
    assert again.status_code == 202
    assert again.get_json()["status"] == "failed"
    assert queue.report_queue().job_ids == [queue.job_id(report.id)]
    queued()
    assert only_report().status == "ready"
    assert client.get(report_of(body["id"]), headers=company.headers).status_code == 200


def test_a_report_whose_job_was_lost_is_queued_again_on_download(client, submitted, queued):
    company, body = submitted()
    reports_queue, job = queue.report_queue(), queue.job_id(only_report().id)
    # The job still says "queued" but is on no queue (a lost list entry, a restored backup).
    reports_queue.remove(job)
    assert reports_queue.fetch_job(job).get_status() == "queued"
    waiting = client.get(report_of(body["id"]), headers=company.headers)
    assert waiting.status_code == 202
    queued()
    assert client.get(report_of(body["id"]), headers=company.headers).status_code == 200


def test_without_a_reachable_redis_the_download_renders_in_the_request(
    app, client, submitted, monkeypatch
):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setitem(app.config, "REPORT_RENDER_ON_SUBMIT", True)
    company, body = submitted()  # the submit succeeds although nothing could be queued
    assert only_report().status == "pending"
    response = client.get(report_of(body["id"]), headers=company.headers)
    assert response.status_code == 200
    assert only_report().status == "ready"


def test_make_worker_renders_the_queue_in_forked_children(app, submitted, queued):
    """`flask reports worker` as `make worker` runs it: a separate process forking per job."""
    submitted()
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": app.config["REDIS_URL"],
        "REPORT_QUEUE": app.config["REPORT_QUEUE"],
        "FONT_CACHE_DIR": app.config["FONT_CACHE_DIR"],
        "REPORT_WORKER_NICE": "5",
        **storage_env(app),
    }
    flask = Path(sys.executable).with_name("flask")
    done = subprocess.run(
        [str(flask), "--app", "wsgi", "reports", "worker", "--burst"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert only_report().status == "ready"
    assert "rendered report" in done.stderr
    assert "at nice 5" in done.stderr  # renders yield the CPU to requests (REPORT_WORKER_NICE)


def test_the_worker_refuses_to_start_without_redis(app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", None)
    result = app.test_cli_runner().invoke(args=["reports", "worker", "--burst"])
    assert result.exit_code != 0
    assert "REDIS_URL" in result.output
