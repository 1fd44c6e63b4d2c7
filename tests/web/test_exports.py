"""A regulator starts a background export from the queue, watches it finish and downloads the
file; the panel passes axe-core's WCAG 2.1 AA rules at phone and desktop sizes."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.fixtures.answering import complete_answers
from tests.web.test_association import DESKTOP, no_violations
from tests.web.test_screens import sign_in_staff

pytestmark = pytest.mark.browser


@pytest.fixture
def city_queue(make_enterprise, make_staff_account, definition):
    """Three submissions in 石家庄 and its regulator."""
    for name in ("石家庄甲毛巾有限公司", "石家庄乙毛巾有限公司", "石家庄丙毛巾有限公司"):
        company = make_enterprise("130100", "C1772", "small", name=name)
        answers = complete_answers(definition("quality"), company.facts, "middle")
        company.submit(company.fill("quality", answers, batches=1))
    make_staff_account("regulator", username="sjz-exporter", jurisdiction="130100")
    return "sjz-exporter"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_regulator_exports_in_the_background_and_downloads_the_file(
    new_page, city_queue, artifacts, size
):
    page = new_page(**(DESKTOP if size == "desktop" else {}))
    sign_in_staff(page, city_queue)
    panel = page.locator(".exports-panel")
    expect(panel.get_by_role("heading", name="后台导出")).to_be_visible()
    panel.get_by_role("button", name="后台导出 CSV").click()
    done = panel.locator("li").first
    expect(done).to_contain_text("已完成，共 3 行", timeout=30_000)
    width = "390x844" if size == "phone" else "1366x768"
    page.screenshot(path=str(artifacts / f"regulator-exports-{width}.png"), full_page=True)
    no_violations(page, f"regulator exports {width}")
    with page.expect_download() as download:
        done.get_by_role("button", name="下载").click()
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert sorted(r["企业名称"] for r in rows) == [
        "石家庄丙毛巾有限公司",
        "石家庄乙毛巾有限公司",
        "石家庄甲毛巾有限公司",
    ]
