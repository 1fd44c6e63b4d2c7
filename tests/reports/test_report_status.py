"""GET /assessments/{id}/report/status: where a revision's report stands, and who sees why."""

import pytest
from rq.job import Job
from sqlalchemy import select

from app.db import db
from app.reports import queue
from app.reports.models import Report
from tests.reports.conftest import needs_poppler

pytestmark = needs_poppler


def status_url(assessment_id: int, query: str = "") -> str:
    return f"/api/v1/assessments/{assessment_id}/report/status" + (f"?{query}" if query else "")


def stored_reports() -> list[Report]:
    db.session.expire_all()
    return list(db.session.scalars(select(Report).order_by(Report.id)))


@pytest.fixture
def unwritable_store(app, monkeypatch, tmp_path):
    """The report store is a directory that cannot be made (a failed mount); mend() undoes it."""
    working = app.config.get("STORAGE_URL")
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setitem(app.config, "STORAGE_URL", str(blocker / "store"))
    return lambda: monkeypatch.setitem(app.config, "STORAGE_URL", working)


def test_a_report_reads_pending_until_its_download_renders_it(client, submitted):
    company, body = submitted()  # REPORT_RENDER_ON_SUBMIT is off in the suite
    before = client.get(status_url(body["id"]), headers=company.headers)
    assert before.status_code == 200
    assert "no-store" in before.headers["Cache-Control"]
    assert before.get_json() == {
        "revision": 1,
        "lang": "zh",
        "status": "pending",
        "attempts": 0,
        "rendered_at": None,
    }
    assert client.get(f"/api/v1/assessments/{body['id']}/report.pdf", headers=company.headers)
    after = client.get(status_url(body["id"]), headers=company.headers).get_json()
    [report] = stored_reports()
    assert after["status"] == "ready" and after["attempts"] == 1
    assert after["verification_code"] == report.verification_code
    assert after["rendered_at"]
    english = client.get(status_url(body["id"], "lang=en"), headers=company.headers).get_json()
    assert (english["lang"], english["status"]) == ("en", "pending")  # its own document


def test_a_failed_render_shows_its_attempts_and_tells_only_regulators_why(
    client, submitted, render_at_submit, unwritable_store, make_staff
):
    company, body = submitted()  # the submit succeeds; its render fails on the store
    [report] = stored_reports()
    assert (report.status, report.attempts) == ("failed", 1)

    own = client.get(status_url(body["id"]), headers=company.headers).get_json()
    assert (own["status"], own["attempts"]) == ("failed", 1)
    assert "error" not in own and "verification_code" not in own

    regulator = make_staff("regulator", jurisdiction="130100")
    seen = client.get(status_url(body["id"]), headers=regulator.headers).get_json()
    assert seen["status"] == "failed"
    assert seen["error"].startswith("StorageUnavailable")
    assert "\n" not in seen["error"]


def test_the_status_of_a_failed_report_is_read_only(
    client, submitted, render_at_submit, unwritable_store
):
    company, body = submitted()
    unwritable_store()  # mended: a render would now succeed, but a status read starts none
    for _ in range(2):
        client.get(status_url(body["id"]), headers=company.headers)
    [report] = stored_reports()
    assert (report.status, report.attempts) == ("failed", 1)


def test_a_started_attempt_reads_as_rendering(client, submitted):
    from app.assessments.models import Submission
    from app.reports.service import ensure_report

    company, body = submitted()
    submission_id = db.session.scalar(
        select(Submission.id).where(Submission.assessment_id == body["id"])
    )
    # What render_stored commits before it calls the renderer: a worker is mid-render.
    report = ensure_report(submission_id=submission_id)
    report.attempts = 1
    db.session.commit()
    answer = client.get(status_url(body["id"]), headers=company.headers).get_json()
    assert (answer["status"], answer["attempts"]) == ("rendering", 1)


def test_other_enterprises_and_regulators_out_of_scope_get_404(client, submitted, make_staff):
    company, body = submitted(division="130100")
    elsewhere = make_staff("regulator", jurisdiction="130200")
    assert client.get(status_url(body["id"]), headers=elsewhere.headers).status_code == 404
    unknown = client.get(status_url(body["id"], "revision=2"), headers=company.headers)
    assert unknown.status_code == 404


@pytest.mark.parametrize(("query", "field"), [("lang=fr", "lang"), ("revision=0", "revision")])
def test_bad_arguments_are_a_problem_naming_the_field(client, submitted, query, field):
    company, body = submitted()
    answer = client.get(
        status_url(body["id"], query), headers={**company.headers, "Accept-Language": "en"}
    )
    assert 400 <= answer.status_code < 500
    assert answer.mimetype == "application/problem+json"
    assert field in answer.get_data(as_text=True)


def test_failed_only_requeues_the_failed_and_leaves_the_pending(
    app, client, submitted, render_at_submit, unwritable_store, monkeypatch
):
    submitted()  # failed on the store
    mend = unwritable_store
    mend()
    monkeypatch.setitem(app.config, "REPORT_RENDER_ON_SUBMIT", False)
    submitted()  # pending: nobody rendered it yet
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["reports", "pending", "--failed-only"])
    assert "1 report(s) not ready" in listed.output and "failed" in listed.output
    rendered = runner.invoke(args=["reports", "pending", "--render", "--failed-only"])
    assert rendered.exit_code == 0, rendered.output
    assert [r.status for r in stored_reports()] == ["ready", "pending"]


def test_with_a_worker_a_failed_render_reads_rendering_while_rq_will_retry_it(
    app, client, submitted, queued, unwritable_store, monkeypatch, make_staff
):
    monkeypatch.setitem(app.config, "REPORT_RETRY_INTERVALS", [600])
    _, body = submitted()
    queued()  # the first attempt fails on the store; RQ schedules a retry in 10 minutes
    regulator = make_staff("regulator", jurisdiction="130100")
    seen = client.get(status_url(body["id"]), headers=regulator.headers).get_json()
    [report] = stored_reports()
    # The retry must not outlive the test: report ids start again in the next one.
    Job.fetch(queue.job_id(report.id), connection=queue.connection()).delete()
    assert (seen["status"], seen["attempts"]) == ("rendering", 1)
    assert seen["error"].startswith("StorageUnavailable")
    assert report.status == "failed"  # the row's word; the job's retry makes it "rendering"


def test_with_a_worker_a_render_that_used_up_its_retries_reads_failed(
    app, client, submitted, queued, unwritable_store, monkeypatch
):
    monkeypatch.setitem(app.config, "REPORT_RETRIES", 2)
    company, body = submitted()
    queued()  # the fixture retries at once: three attempts in this burst, all on the store
    own = client.get(status_url(body["id"]), headers=company.headers).get_json()
    assert (own["status"], own["attempts"]) == ("failed", 3)
