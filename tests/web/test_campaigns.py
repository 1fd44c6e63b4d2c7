"""The regulator's campaign screens and the campaign card on the enterprise's home (axe-clean)."""

import csv
import io
import re

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

    # The card's own step starts the campaign's draft; back home, the line reads as in progress.
    home.get_by_role("button", name=re.compile("^开始填报：")).first.tap()
    expect(home).to_have_url(re.compile(r"#/a/\d+(/s/\d+)?$"))
    home.goto("/#/")
    card = home.locator(".card.campaign")
    expect(card).to_contain_text("填写中")
    expect(card.get_by_role("link", name=re.compile("^继续填写："))).to_be_visible()
    no_violations(home, "home with a campaign draft")


def test_a_letter_s_code_verifies_the_firm_that_types_it_on_its_home_screen(
    new_page, make_staff_account, make_enterprise_account, artifacts
):
    make_staff_account("regulator", username="sjz-letters", jurisdiction="130100")
    enterprise, user = make_enterprise_account(region="130102", verified=False)
    desk = new_page(accept_downloads=True)
    sign_in_staff(desk, "sjz-letters")
    start = today()
    dates = (start.isoformat(), start.replace(year=start.year + 1).isoformat())
    desk.get_by_role("link", name="填报活动").tap()
    form = desk.get_by_role("form", name="新建填报活动")
    form.get_by_label("开始日期").fill(dates[0])
    form.get_by_label("截止日期").fill(dates[1])
    form.get_by_role("button", name="创建").tap()
    expect(desk.get_by_role("heading", name="导入企业名单")).to_be_visible()
    desk.get_by_label("名单文件").set_input_files(
        files=[{"name": "roll.csv", "mimeType": "text/csv", "buffer": roll(enterprise.uscc)}]
    )
    desk.get_by_role("button", name="导入", exact=True).tap()
    expect(desk.get_by_role("region", name="导入报告")).to_contain_text("已导入 1 行")
    desk.once("dialog", lambda dialog: dialog.accept())
    with desk.expect_download() as downloaded:
        desk.get_by_role("button", name="生成验证码并下载（CSV）").tap()
    rows = list(csv.reader(io.StringIO(downloaded.value.path().read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["统一社会信用代码", "企业名称", "联系人", "联系电话", "验证码", "有效期至"]
    assert rows[1][0] == enterprise.uscc
    code = rows[1][4]
    expect(desk.get_by_role("status").filter(has_text="已为 1 家企业")).to_be_visible()
    no_violations(desk, "invitations")

    home = new_page()
    sign_in(home, user.username, PASSWORD)
    card = home.get_by_role("region", name="核验企业身份")
    card.get_by_label("邀请函验证码").fill("0000 0000" if code != "0000 0000" else "1111 1111")
    card.get_by_role("button", name="核验").tap()
    expect(card.get_by_role("alert")).to_contain_text("不匹配")
    no_violations(home, "verify by letter")
    home.screenshot(path=str(artifacts / "verify-by-letter-360x640.png"), full_page=True)
    card.get_by_label("邀请函验证码").fill(code)
    card.get_by_role("button", name="核验").tap()
    expect(card.get_by_role("status")).to_contain_text(f"已核验：企业{enterprise.uscc[-4:]}")


def test_a_regulator_extends_the_closing_date_from_the_campaign_screen(
    new_page, client, make_staff_account, auth_headers
):
    regulator = make_staff_account("regulator", username="sjz-extend", jurisdiction="130100")
    start = today()
    body = {
        "name": "2027年度企业质量自评",
        "year": 2027,
        "questionnaires": ["quality"],
        "opens_on": start.isoformat(),
        "closes_on": start.replace(day=28).replace(year=start.year + 1).isoformat(),
    }
    created = client.post("/api/v1/campaigns", json=body, headers=auth_headers(regulator))
    assert created.status_code == 201, created.get_json()
    page = new_page()
    sign_in_staff(page, "sjz-extend")
    page.get_by_role("link", name="填报活动").tap()
    page.get_by_role("link", name="2027年度企业质量自评").tap()
    page.get_by_text("修改活动（名称、日期、逾期规则）").tap()
    form = page.get_by_role("form", name="修改活动（名称、日期、逾期规则）")
    form.get_by_label("截止日期").fill(start.replace(year=start.year - 1).isoformat())
    form.get_by_role("button", name="保存修改").tap()
    expect(form.locator(".field-error:not([hidden])")).to_be_visible()
    later = start.replace(day=28).replace(year=start.year + 2).isoformat()
    form.get_by_label("截止日期").fill(later)
    form.get_by_label("逾期提交").select_option("refuse")
    form.get_by_role("button", name="保存修改").tap()
    expect(page.get_by_text("已保存「2027年度企业质量自评」的修改。")).to_be_visible()
    expect(page.locator("p.lead").first).to_contain_text(later)
    no_violations(page, "campaign edit")
    changed = client.get(
        f"/api/v1/campaigns/{created.get_json()['id']}", headers=auth_headers(regulator)
    ).get_json()
    assert (changed["closes_on"], changed["late_policy"]) == (later, "refuse")
