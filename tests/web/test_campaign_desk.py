"""The regulator's desk for a campaign: the firms' list, its filters, reminders, a city's view."""

import re

import pytest
from playwright.sync_api import expect

from app.campaigns.service import today
from tests.campaigns.conftest import roll_csv, roll_row
from tests.fixtures.actors import new_uscc
from tests.notifications.conftest import file_assessment
from tests.web.test_association import no_violations
from tests.web.test_notifications import sign_in_regulator

pytestmark = pytest.mark.browser
SIZES = ((360, 640), (1366, 768))


def campaign_with_roll(client, regulator, rows, name="2027年度企业质量自评") -> dict:
    closes = today().replace(day=28).replace(year=today().year + 1).isoformat()
    body = {"name": name, "year": 2027, "questionnaires": ["brand"]}
    body |= {"opens_on": today().isoformat(), "closes_on": closes}
    campaign = client.post("/api/v1/campaigns", json=body, headers=regulator.headers).get_json()
    upload = client.post(
        f"/api/v1/campaigns/{campaign['id']}/roll",
        data=roll_csv(rows),
        headers={**regulator.headers, "Content-Type": "text/csv"},
    )
    assert upload.status_code == 200, upload.get_json()
    return campaign


def shoot(page, artifacts, name):
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(artifacts / f"{name}-{width}x{height}.png"), full_page=True)


def test_a_regulator_filters_the_roll_reminds_ticked_firms_and_takes_one_off(
    new_page, client, make_enterprise, make_staff, definition, artifacts
):
    regulator = make_staff("regulator", jurisdiction="130100")
    done, drafting = make_enterprise("130102"), make_enterprise("130102")
    rows = [
        roll_row(done.uscc, name="甲织造有限公司"),
        roll_row(drafting.uscc, name="乙纺织有限公司"),
        roll_row(new_uscc("130104"), name="丙毛巾厂"),
        roll_row(new_uscc("130104"), name="丁床品有限公司"),
    ]
    campaign = campaign_with_roll(client, regulator, rows)
    submitted = file_assessment(done, definition)
    drafting.create("brand")

    page = new_page()
    sign_in_regulator(page, regulator.username)
    expect(page.locator(".bell")).to_be_visible()
    page.evaluate(f"location.hash = '#/campaigns/{campaign['id']}'")
    firms = page.get_by_role("region", name="名单企业")
    expect(firms.get_by_role("status")).to_have_text("共 4 家企业。")

    # A count in the progress table lists the firms it counts, and the URL says so.
    states = page.get_by_role("table", name="填报进度")
    states.get_by_role("row", name=re.compile("未开始")).get_by_role("link").tap()
    expect(firms.get_by_role("status")).to_have_text("未开始：共 2 家企业。")
    assert "state=not_started" in page.evaluate("location.hash")
    expect(firms.get_by_text("丙毛巾厂")).to_be_visible()
    expect(firms.get_by_text("甲织造有限公司")).to_have_count(0)
    no_violations(page, "campaign firms filtered")

    firms.get_by_label("名称或统一社会信用代码").fill("纺织")
    firms.get_by_label("状态").select_option("")
    firms.get_by_role("button", name="筛选", exact=True).tap()
    expect(firms.get_by_role("status")).to_have_text("“纺织”：共 1 家企业。")
    firms.get_by_role("button", name="清除筛选").tap()
    expect(firms.get_by_role("status")).to_have_text("共 4 家企业。")
    link = firms.get_by_role("link", name="查看提交：甲织造有限公司")
    expect(link).to_have_attribute("href", f"#/a/{submitted['id']}/review")

    # Tick one firm and remind it alone; the history says who, when, how.
    firms.get_by_role("checkbox", name=re.compile("乙纺织有限公司")).check()
    section = page.get_by_role("region", name="催报提醒")
    page.once("dialog", lambda dialog: dialog.accept())
    section.get_by_role("button", name="提醒勾选的企业（1 家）").tap()
    expect(section.get_by_role("status")).to_contain_text("已提醒 1 家企业")
    history = section.get_by_role("region", name="提醒记录")
    entry = history.get_by_role("listitem").filter(has_text="乙纺织有限公司")
    expect(entry).to_contain_text("手动")
    no_violations(page, "campaign desk")
    shoot(page, artifacts, "campaign-desk")

    page.once("dialog", lambda dialog: dialog.accept())
    firms.get_by_role("button", name="移出名单：丁床品有限公司").tap()
    expect(page.get_by_text("已将“丁床品有限公司”移出名单。")).to_be_visible()
    expect(firms.get_by_role("status")).to_have_text("共 3 家企业。")
    expect(page.get_by_text("名单企业 3 家")).to_be_visible()
    roll = client.get(
        f"/api/v1/campaigns/{campaign['id']}/roll", headers=regulator.headers
    ).get_json()
    assert [firm["name"] for firm in roll["items"]] == [
        "甲织造有限公司",
        "乙纺织有限公司",
        "丙毛巾厂",
    ]


def test_a_city_sees_its_own_part_of_the_provinces_campaign_read_only(
    new_page, client, make_enterprise, make_staff, artifacts
):
    province = make_staff("regulator", jurisdiction="130000")
    city = make_staff("regulator", jurisdiction="130100")
    ours, theirs = make_enterprise("130102"), make_enterprise("130203")
    rows = [
        roll_row(ours.uscc, name="石家庄毛巾有限公司"),
        roll_row(theirs.uscc, name="唐山陶瓷有限公司"),
    ]
    campaign = campaign_with_roll(client, province, rows, name="2027年度全省企业质量自评")

    page = new_page()
    sign_in_regulator(page, city.username)
    expect(page.locator(".bell")).to_be_visible()
    page.evaluate("location.hash = '#/campaigns'")
    card = page.get_by_role("link", name=re.compile("2027年度全省企业质量自评"))
    expect(card).to_contain_text("本辖区 1 家")
    expect(card).to_contain_text("上级活动（只读）")
    no_violations(page, "a city's campaigns")
    shoot(page, artifacts, "campaigns-city")
    card.tap()
    expect(page.get_by_text("这里只显示名单中属于石家庄市的企业")).to_be_visible()
    firms = page.get_by_role("region", name="名单企业")
    expect(firms.get_by_role("status")).to_have_text("共 1 家企业。")
    expect(firms.get_by_text("石家庄毛巾有限公司")).to_be_visible()
    expect(page.get_by_text("唐山陶瓷有限公司")).to_have_count(0)
    # Read-only: nothing to change the campaign, its roll or its letters with.
    expect(page.get_by_role("heading", name="导入企业名单")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("移出名单"))).to_have_count(0)
    expect(page.get_by_text("修改活动（名称、日期、逾期规则）")).to_have_count(0)
    section = page.get_by_role("region", name="催报提醒")
    expect(section.get_by_role("button", name="提醒所有未提交的企业")).to_be_enabled()
    no_violations(page, "a city's part of the province's campaign")
    shoot(page, artifacts, "campaign-city-part")
    page.get_by_role("button", name="English").tap()
    expect(page.get_by_text("Only the enterprises of Shijiazhuang on its roll")).to_be_visible()
    firms = page.get_by_role("region", name="Enterprises on the roll")
    expect(firms.get_by_role("status")).to_have_text("Enterprises: 1.")
    no_violations(page, "a city's part, in English")
    shoot(page, artifacts, "campaign-city-part-en")
    assert f"#/campaigns/{campaign['id']}" in page.evaluate("location.hash")
