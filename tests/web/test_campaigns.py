"""The regulator's campaign screens and the campaign card on the enterprise's home (axe-clean)."""

import csv
import io

import pytest
from playwright.sync_api import expect

from app.campaigns.service import today
from tests.fixtures.data import PASSWORD, new_uscc
from tests.web.phone import sign_in
from tests.web.test_association import no_violations
from tests.web.test_screens import sign_in_staff

pytestmark = pytest.mark.browser
SIZES = ((360, 640), (1366, 768))


def roll(*usccs, bad=()) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["统一社会信用代码", "企业名称", "行业代码", "企业规模", "联系人", "联系电话"])
    for uscc in usccs:
        writer.writerow([uscc, f"企业{uscc[-4:]}", "1772", "小型", "李四", "0311-1234567"])
    writer.writerows(bad)
    return buffer.getvalue().encode()


def test_a_regulator_creates_a_campaign_imports_a_roll_and_follows_progress(
    new_page, make_staff_account, make_enterprise_account, artifacts, tmp_path
):
    make_staff_account("regulator", username="sjz-campaigns", jurisdiction="130100")
    enterprise, user = make_enterprise_account(region="130102")
    page = new_page()
    sign_in_staff(page, "sjz-campaigns")
    page.get_by_role("link", name="填报活动").tap()
    form = page.get_by_role("form", name="新建填报活动")
    form.get_by_label("开始日期").fill("2027-03-01")
    form.get_by_label("截止日期").fill("2027-02-01")
    form.get_by_role("button", name="创建").tap()
    expect(form.locator(".field-error:not([hidden])")).to_contain_text("2027-02-01")
    no_violations(page, "campaigns")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(artifacts / f"campaigns-{width}x{height}.png"), full_page=True)

    start = today()
    form.get_by_label("开始日期").fill(start.isoformat())
    form.get_by_label("截止日期").fill(start.replace(year=start.year + 1).isoformat())
    form.get_by_role("button", name="创建").tap()
    expect(page.get_by_role("heading", name="导入企业名单")).to_be_visible()

    bad = [
        [new_uscc("130203"), "唐山企业", "1772", "小型"],
        ["911301020000000000", "错码", "9999", "巨型"],
    ]
    path = tmp_path / "roll.csv"
    path.write_bytes(roll(enterprise.uscc, new_uscc("130104"), bad=bad))
    page.get_by_label("名单文件").set_input_files(str(path))
    page.get_by_role("button", name="导入", exact=True).tap()
    report = page.get_by_role("region", name="导入报告")
    expect(report).to_contain_text("有误 2 行，已导入 0 行")
    expect(report).to_contain_text("第 4 行")
    page.get_by_label("只导入有效的行").check()
    page.get_by_role("button", name="导入", exact=True).tap()
    expect(report).to_contain_text("已导入 2 行")
    expect(page.get_by_text("名单企业 2 家")).to_be_visible()
    no_violations(page, "campaign")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(artifacts / f"campaign-{width}x{height}.png"), full_page=True)

    home = new_page()
    sign_in(home, user.username, PASSWORD)
    expect(home.locator(".card.campaign")).to_contain_text("还剩")
    expect(home.locator(".card.campaign")).to_contain_text("未开始")
    no_violations(home, "home with a campaign")
    for width, height in SIZES:
        home.set_viewport_size({"width": width, "height": height})
        home.screenshot(path=str(artifacts / f"home-campaign-{width}x{height}.png"), full_page=True)
