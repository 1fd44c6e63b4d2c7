"""GET /assessments/{id}/report.pdf without Redis: rendered once, stored, served with an ETag."""

import hashlib
from datetime import UTC, datetime
from urllib.parse import unquote

import pytest
from sqlalchemy import select

from app.db import db
from app.reports.models import Report
from app.reports.service import report_key
from tests.reports.conftest import needs_poppler, pdf_fonts, pdf_text
from tests.storage.servers import tamper

# Each test runs on a local directory and on the S3 test server.
pytestmark = [needs_poppler, pytest.mark.usefixtures("report_storage")]


def report_url(assessment_id: int, **query) -> str:
    args = "&".join(f"{k}={v}" for k, v in query.items())
    return f"/api/v1/assessments/{assessment_id}/report.pdf" + (f"?{args}" if args else "")


def stored_reports() -> list[Report]:
    db.session.expire_all()
    return list(db.session.scalars(select(Report).order_by(Report.id)))


@pytest.mark.parametrize("questionnaire", ["brand", "standards", "quality"])
def test_the_report_reads_as_a_quality_manager_needs_it(
    client, submitted, render_at_submit, tmp_path, questionnaire
):
    company, body = submitted(questionnaire, name="河北冀华纺织有限公司")
    [report] = stored_reports()
    assert report.status == "ready"  # rendered when it was submitted

    response = client.get(report_url(body["id"]), headers=company.headers)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert len(response.data) < 300 * 1024
    text = pdf_text(response.data, tmp_path)
    result = body["result"]
    assert "河北冀华纺织有限公司" in text
    assert f"{result['overall']:.1f}" in text
    assert result["maturity"]["label"] in text
    assert report.verification_code in text
    assert result["recommendations"]
    for recommendation in result["recommendations"]:
        for clause in recommendation["clause"]:
            assert clause in text
    fonts = pdf_fonts(response.data, tmp_path)
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts


def test_downloads_are_served_from_storage_with_a_strong_etag(client, submitted, render_at_submit):
    company, body = submitted()
    first = client.get(report_url(body["id"]), headers=company.headers)
    [report] = stored_reports()
    assert first.headers["ETag"] == f'"{report.sha256}"'
    assert hashlib.sha256(first.data).hexdigest() == report.sha256
    assert report.attempts == 1

    again = client.get(report_url(body["id"]), headers=company.headers)
    assert again.data == first.data
    assert stored_reports()[0].attempts == 1  # served, not rendered again

    cached = client.get(
        report_url(body["id"]), headers={**company.headers, "If-None-Match": first.headers["ETag"]}
    )
    assert cached.status_code == 304
    assert cached.data == b""


def test_the_file_name_is_the_company_name_with_an_ascii_fallback(
    client, submitted, render_at_submit
):
    company, body = submitted(name="河北㑇堃纺织有限公司")
    disposition = client.get(report_url(body["id"]), headers=company.headers).headers[
        "Content-Disposition"
    ]
    assert disposition.startswith("attachment; ")
    assert f'filename="report-{company.uscc}-quality-r1.pdf"' in disposition
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == "河北㑇堃纺织有限公司-质量管理自评报告-第1次提交.pdf"


def test_without_render_at_submit_the_first_download_renders_it(client, submitted):
    company, body = submitted()
    # The submit made the row (in its own transaction); nothing rendered it yet.
    assert [r.status for r in stored_reports()] == ["pending"]
    response = client.get(report_url(body["id"]), headers=company.headers)
    assert response.status_code == 200
    assert [r.status for r in stored_reports()] == ["ready"]


def test_a_lost_or_altered_file_is_rendered_again_byte_for_byte(
    client, submitted, render_at_submit, report_storage
):
    company, body = submitted()
    original = client.get(report_url(body["id"]), headers=company.headers).data
    [report] = stored_reports()
    key = report_key(report)

    tamper(report_storage, key, original.replace(b"%PDF-", b"%PDF-x", 1))  # altered
    assert client.get(report_url(body["id"]), headers=company.headers).data == original
    tamper(report_storage, key, None)  # lost
    assert client.get(report_url(body["id"]), headers=company.headers).data == original
    assert stored_reports()[0].attempts == 3
    assert report_storage.open(key, sha256=report.sha256).read() == original  # stored again


def test_each_revision_keeps_its_own_report(client, submitted, render_at_submit, make_staff):
    company, body = submitted()
    regulator = make_staff("regulator", jurisdiction="130100")
    returned = client.post(
        f"/api/v1/assessments/{body['id']}/review",
        json={"decision": "return", "comment": "请补充证据"},
        headers=regulator.headers,
    )
    assert returned.status_code == 200, returned.get_json()
    company.submit(company.create("quality"))
    first = client.get(report_url(body["id"], revision=1), headers=company.headers)
    latest = client.get(report_url(body["id"]), headers=company.headers)
    assert first.status_code == latest.status_code == 200
    assert first.headers["ETag"] != latest.headers["ETag"]
    assert "-r2.pdf" in latest.headers["Content-Disposition"]
    assert [r.status for r in stored_reports()] == ["ready", "ready"]
    missing = client.get(report_url(body["id"], revision=3), headers=company.headers)
    assert missing.status_code == 404


def test_english_is_rendered_on_demand_and_stored_too(
    client, submitted, render_at_submit, tmp_path
):
    company, body = submitted()
    english = client.get(report_url(body["id"], lang="en"), headers=company.headers)
    assert english.status_code == 200
    assert english.headers["Content-Language"] == "en"
    text = pdf_text(english.data, tmp_path)
    assert "Improvementplan" in text
    assert "Qualitymanagement" in text  # the questionnaire's English title
    reports = stored_reports()
    assert [(r.lang, r.status) for r in reports] == [("zh", "ready"), ("en", "ready")]
    assert reports[0].verification_code != reports[1].verification_code


def test_a_failed_render_never_fails_the_submit_and_is_retried(
    client, submitted, render_at_submit, monkeypatch, caplog
):
    from app.reports import render

    real = render.render_report_pdf

    def broken(*args, **kwargs):
        raise RuntimeError("pango fell over")

    monkeypatch.setattr(render, "render_report_pdf", broken)
    company, body = submitted()  # submitted() asserts the submit answered 200
    [report] = stored_reports()
    assert (report.status, report.attempts) == ("failed", 1)
    assert "pango fell over" in report.error
    assert "rendering report" in caplog.text

    refused = client.get(report_url(body["id"]), headers=company.headers)
    assert refused.status_code == 503
    assert refused.headers["Retry-After"]
    assert refused.mimetype == "application/problem+json"

    monkeypatch.setattr(render, "render_report_pdf", real)
    served = client.get(report_url(body["id"]), headers=company.headers)
    assert served.status_code == 200
    [report] = stored_reports()
    assert (report.status, report.attempts, report.error) == ("ready", 3, None)


def test_the_peer_benchmark_of_app_aggregates_is_drawn_in(
    app, client, submitted, render_at_submit, monkeypatch, tmp_path
):
    def published_figures(*, assessment, submission):
        return {
            "cohort": {"industry": "C17", "region": "130100", "label": "石家庄市 · 纺织业"},
            "n": 23,
            "percentile": 50,
            "overall": {"mean": 47.0, "median": 46.4},
            "dimensions": [
                {"key": d["key"], "cohort_mean": 40.0, "cohort_median": 41.7}
                for d in submission.result["dimensions"]
            ],
            "snapshot": {"id": 1, "taken_at": datetime(2026, 11, 1, tzinfo=UTC)},
        }

    # In place of the provider app/aggregates registers: figures as a published snapshot gives them.
    provider = lambda **kw: (published_figures(**kw), None)  # noqa: E731
    monkeypatch.setitem(app.extensions, "benchmark", provider)
    company, body = submitted()
    text = pdf_text(client.get(report_url(body["id"]), headers=company.headers).data, tmp_path)
    assert "在石家庄市纺织业的23家企业中，本企业综合得分处于中上25%（高于中位数）" in text
    assert "同行综合得分中位数为46.4分" in text
    assert text.count("同行中位数41.7") == len(body["result"]["dimensions"])


def test_the_pending_command_lists_and_renders_what_is_not_ready(
    app, submitted, render_at_submit, monkeypatch
):
    from app.reports import render

    real = render.render_report_pdf
    monkeypatch.setattr(render, "render_report_pdf", lambda *a, **k: 1 / 0)
    submitted()
    runner = app.test_cli_runner()
    listed = runner.invoke(args=["reports", "pending"])
    assert "failed" in listed.output and "ZeroDivisionError" in listed.output
    assert "1 report(s) not ready" in listed.output

    monkeypatch.setattr(render, "render_report_pdf", real)
    rendered = runner.invoke(args=["reports", "pending", "--render"])
    assert rendered.exit_code == 0, rendered.output
    assert [r.status for r in stored_reports()] == ["ready"]
    assert "0 report(s) not ready" in runner.invoke(args=["reports", "pending"]).output


def test_a_pending_report_nobody_queued_is_found_by_the_sweep(app, client, submitted):
    from app.reports.service import requeue_stalled

    submitted()
    # Younger than the threshold: its job may still be on the way, so it is left alone.
    assert requeue_stalled(older_than_seconds=3600) == 0
    assert [r.status for r in stored_reports()] == ["pending"]
    assert requeue_stalled(older_than_seconds=0) == 1
    assert [r.status for r in stored_reports()] == ["ready"]
