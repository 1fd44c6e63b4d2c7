"""When the store cannot be reached: submissions stay safe, downloads say 503, renders retry."""

import time

import pytest
from sqlalchemy import func, select

from app.assessments.models import Submission
from app.db import db
from app.reports import queue
from app.reports.models import Report
from tests.reports.conftest import needs_poppler
from tests.storage.servers import closed_port_url

pytestmark = needs_poppler


def report_url(assessment_id: int) -> str:
    return f"/api/v1/assessments/{assessment_id}/report.pdf"


def only_report() -> Report:
    db.session.expire_all()
    [report] = db.session.scalars(select(Report))
    return report


@pytest.fixture
def break_storage(app, monkeypatch, tmp_path, report_storage):
    """break_storage() makes the current store unreachable; the returned mend() undoes it."""
    from app.storage.s3 import S3Store

    monkeypatch.setitem(app.config, "STORAGE_RETRY_AFTER", 11)
    working = {n: app.config.get(n) for n in ("STORAGE_URL", "STORAGE_S3_ENDPOINT_URL")}

    def breaks():
        if isinstance(report_storage, S3Store):  # nothing listens on the endpoint
            monkeypatch.setitem(app.config, "STORAGE_S3_ENDPOINT_URL", closed_port_url())
        else:  # a directory that cannot exist (a failed mount, a volume gone)
            blocker = tmp_path / "not-a-directory"
            blocker.write_text("")
            monkeypatch.setitem(app.config, "STORAGE_URL", str(blocker / "store"))

        def mend():
            for name, value in working.items():
                monkeypatch.setitem(app.config, name, value)

        return mend

    return breaks


def assert_storage_503(response, lang: str):
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.headers["Retry-After"] == "11"
    assert response.headers["Content-Language"] == lang
    expected = "文件存储暂时无法访问" if lang == "zh" else "File storage cannot be reached"
    assert expected in response.get_json()["detail"]


def test_an_unreachable_store_never_loses_a_submission_and_downloads_say_503(
    client, submitted, render_at_submit, break_storage
):
    mend = break_storage()
    company, body = submitted()  # submitted() asserts the submit answered 200
    assert body["status"] == "submitted"
    assert db.session.scalar(select(func.count()).select_from(Submission)) == 1
    report = only_report()
    assert report.status == "failed"
    assert "storage unavailable" in report.error

    url = report_url(body["id"])
    assert_storage_503(client.get(url, headers=company.headers), "zh")
    english = client.get(url, headers={**company.headers, "Accept-Language": "en"})
    assert_storage_503(english, "en")

    mend()
    served = client.get(url, headers=company.headers)
    assert served.status_code == 200
    assert served.data.startswith(b"%PDF-")
    assert only_report().status == "ready"


def test_a_stored_report_is_not_rendered_again_while_the_store_is_down(
    client, submitted, render_at_submit, break_storage
):
    company, body = submitted()
    original = client.get(report_url(body["id"]), headers=company.headers).data
    mend = break_storage()
    assert_storage_503(client.get(report_url(body["id"]), headers=company.headers), "zh")
    assert (only_report().status, only_report().attempts) == ("ready", 1)
    mend()
    assert client.get(report_url(body["id"]), headers=company.headers).data == original


def test_a_render_whose_store_fails_is_retried_by_rq_once_the_store_is_back(
    app, client, submitted, queued, break_storage, monkeypatch
):
    from rq.scheduler import RQScheduler

    monkeypatch.setitem(app.config, "REPORT_RETRY_INTERVALS", [1])
    mend = break_storage()
    company, body = submitted()
    queued()  # the first attempt fails on the store; RQ schedules a retry in 1 s
    report = only_report()
    assert (report.status, report.attempts) == ("failed", 1)
    assert "storage unavailable" in report.error
    reports_queue = queue.report_queue()
    assert reports_queue.scheduled_job_registry.get_job_ids() == [queue.job_id(report.id)]

    mend()
    time.sleep(1.1)
    scheduler = RQScheduler([reports_queue], connection=queue.connection())
    scheduler.acquire_locks()
    scheduler.enqueue_scheduled_jobs()  # what the worker's scheduler does every second
    scheduler.release_locks()
    queued()
    assert (only_report().status, only_report().attempts) == ("ready", 2)
    served = client.get(report_url(body["id"]), headers=company.headers)
    assert served.status_code == 200
