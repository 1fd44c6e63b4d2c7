"""A report whose render failed: the regulator reads why and how operations re-queue it, the
enterprise is told gently and its retry of the download renders it; axe finds no violation."""

import pytest
from playwright.sync_api import expect

from tests.fixtures.data import PASSWORD
from tests.web.phone import sign_in
from tests.web.test_association import no_violations
from tests.web.test_screens import sign_in_staff, submitted  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def failed_report(app, submitted, login, monkeypatch, tmp_path):  # noqa: F811
    """The submission's zh report failed three times, its en report once: the store's
    directory cannot be made (a file stands where it should be). Returns (user, id, mend)."""
    user, done_id, _ = submitted
    working = app.config.get("STORAGE_URL")
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setitem(app.config, "STORAGE_URL", str(blocker / "store"))
    client, headers = app.test_client(), login(user.username)
    for lang in ("zh", "zh", "zh", "en"):
        url = f"/api/v1/assessments/{done_id}/report.pdf?lang={lang}"
        answer = client.get(url, headers=headers)
        assert answer.status_code == 503, answer.get_data(as_text=True)

    def mend():
        monkeypatch.setitem(app.config, "STORAGE_URL", working)

    return user, done_id, mend


def test_the_regulator_sees_a_failed_report_and_how_to_requeue_it(
    new_page, failed_report, make_staff_account, artifacts
):
    _, done_id, _ = failed_report
    make_staff_account("regulator", username="sjz-report-reader", jurisdiction="130100")
    page = new_page()
    sign_in_staff(page, "sjz-report-reader")
    expect(page.get_by_role("heading", name="待审核的自评")).to_be_visible()
    page.goto(f"/#/a/{done_id}/result")
    status = page.locator(".report-status")
    expect(status).to_have_attribute("data-state", "failed")
    expect(status).to_contain_text(
        "报告生成失败（已尝试3次，运维可用 flask reports pending --render 重新排队）"
    )
    expect(status).to_contain_text("最近一次错误：StorageUnavailable")
    status.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "report-failed-regulator.png"), full_page=True)
    no_violations(page, "regulator, report failed")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.evaluate("localStorage.setItem('qa.lang', 'en')")
    page.reload()
    expect(status).to_contain_text(
        "Report failed (attempts so far: 1; operations can re-queue it with "
        "flask reports pending --render)"
    )
    page.screenshot(path=str(artifacts / "report-failed-regulator-en.png"), full_page=True)
    no_violations(page, "regulator, report failed, English")


def test_the_enterprise_is_told_gently_and_its_retry_downloads_the_report(
    new_page, failed_report, artifacts
):
    user, done_id, mend = failed_report
    page = new_page()
    sign_in(page, user.username, PASSWORD)
    page.goto(f"/#/a/{done_id}/result")
    status = page.locator(".report-status")
    expect(status).to_contain_text("报告暂时没能生成，您的自评结果已保存")
    expect(status).not_to_contain_text("flask")  # operations' business, not the company's
    page.screenshot(path=str(artifacts / "report-failed-enterprise.png"), full_page=True)
    no_violations(page, "enterprise, report failed")

    mend()  # storage is back: the retry renders the report and downloads it
    with page.expect_download() as download:
        page.get_by_role("button", name="重试下载").tap()
    assert download.value.suggested_filename.endswith(".pdf")
    expect(status).to_have_attribute("data-state", "ready")
    expect(status).to_have_text("报告已生成")  # a line still: nothing below it moves up
