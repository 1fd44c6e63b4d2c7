"""Report rendering is measured: its duration, its failures and the time from submit to ready."""

from tests.reports.conftest import realistic_answers

from .test_metrics import sample, scrape

RENDERS = "quality_report_render_duration_seconds_count"
READY = "quality_report_ready_seconds_count"


def submit_one(make_enterprise, definition):
    company = make_enterprise("130100", "C1772", "medium")
    answers = realistic_answers(definition("quality"), company.facts)
    return company.submit(company.fill("quality", answers))


def test_a_rendered_report_counts_its_render_and_its_time_to_ready(
    app, client, make_enterprise, definition, monkeypatch
):
    monkeypatch.setitem(app.config, "REPORT_RENDER_ON_SUBMIT", True)
    monkeypatch.setitem(app.config, "REDIS_URL", None)
    before = scrape(client)
    submit_one(make_enterprise, definition)
    after = scrape(client)
    assert sample(after, RENDERS, outcome="ok") == sample(before, RENDERS, outcome="ok") + 1
    assert sample(after, READY) == sample(before, READY) + 1
    assert sample(after, RENDERS, outcome="failed") == sample(before, RENDERS, outcome="failed")


def test_a_failed_render_is_counted_as_failed_and_not_as_ready(
    app, client, make_enterprise, definition, monkeypatch, tmp_path
):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the report directory should be")
    monkeypatch.setitem(app.config, "REPORT_RENDER_ON_SUBMIT", True)
    monkeypatch.setitem(app.config, "REDIS_URL", None)
    monkeypatch.setitem(app.config, "REPORT_DIR", str(blocked))
    before = scrape(client)
    submit_one(make_enterprise, definition)
    after = scrape(client)
    failed = sample(after, RENDERS, outcome="failed") - sample(before, RENDERS, outcome="failed")
    assert failed == 1
    assert sample(after, READY) == sample(before, READY)
