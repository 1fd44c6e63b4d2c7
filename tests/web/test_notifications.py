"""The header's notification link with its unread count, and the list screen (axe-clean)."""

import re

import pytest
from playwright.sync_api import expect

from tests.notifications.conftest import decide, file_assessment
from tests.web.phone import sign_in
from tests.web.test_association import no_violations

pytestmark = pytest.mark.browser
SIZES = ((390, 844), (1366, 768))
STAFF_AND_ACTOR_PASSWORD = "correct-horse-battery"  # tests/fixtures/actors.py's accounts


def test_an_enterprise_sees_its_return_with_the_reasons_and_opens_the_assessment(
    new_page,
    make_enterprise,
    make_staff,
    client,
    definition,
    artifacts,
):
    company = make_enterprise("130102", name="石家庄毛巾有限公司")
    regulator = make_staff("regulator", jurisdiction="130100")
    assessment = file_assessment(company, definition)
    decide(
        client,
        regulator,
        assessment["id"],
        "return",
        comment="请补充质量承诺的内容，并上传质量管理体系证书。",
    )
    # Another company's submission: told to the regulator, never on this company's list.
    file_assessment(make_enterprise("130102"), definition)

    page = new_page()
    sign_in(page, company.username, STAFF_AND_ACTOR_PASSWORD)
    bell = page.get_by_role("link", name="通知，1 条未读")
    expect(bell).to_be_visible()
    bell.tap()
    expect(page.get_by_role("heading", name="通知", exact=True)).to_be_visible()
    item = page.locator(".notices .row")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("自评被退回")
    expect(item).to_contain_text("退回理由：请补充质量承诺的内容，并上传质量管理体系证书。")
    no_violations(page, "notifications")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(artifacts / f"notifications-{width}x{height}.png"), full_page=True)

    item.get_by_role("link", name="修改并重新提交").tap()
    # The returned assessment opens for editing (all answered: on its check-and-submit page).
    expect(page).to_have_url(re.compile(rf"#/a/{assessment['id']}(/review)?$"))
    expect(page.get_by_role("link", name="通知", exact=True)).to_be_visible()  # none unread


def test_a_regulator_is_told_of_submissions_and_marks_them_all_read(
    new_page,
    make_enterprise,
    make_staff,
    definition,
    artifacts,
):
    regulator = make_staff("regulator", jurisdiction="130100")
    file_assessment(
        definition=definition, company=make_enterprise("130102", name="石家庄毛巾有限公司")
    )
    newest = file_assessment(
        definition=definition, company=make_enterprise("130104", name="石家庄纺织有限公司")
    )
    page = new_page()
    sign_in_regulator(page, regulator.username)
    page.get_by_role("link", name="通知，2 条未读").tap()
    rows = page.locator(".notices .row")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("石家庄纺织有限公司提交了《")
    expect(rows.first.get_by_role("link", name="审核")).to_have_attribute(
        "href", f"#/a/{newest['id']}/result"
    )
    page.get_by_role("button", name="未读").tap()
    expect(rows).to_have_count(2)
    page.get_by_role("button", name="全部标为已读").tap()
    expect(page.get_by_text("没有未读通知。")).to_be_visible()
    expect(page.get_by_role("link", name="通知", exact=True)).to_be_visible()
    page.get_by_role("button", name="全部", exact=True).tap()
    expect(rows).to_have_count(2)
    no_violations(page, "notifications, all read")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.screenshot(path=str(artifacts / "notifications-regulator-1366x768.png"), full_page=True)


def sign_in_regulator(page, username):
    page.goto("/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(STAFF_AND_ACTOR_PASSWORD)
    page.get_by_role("button", name="登录").tap()


def test_a_regulator_reminds_a_campaigns_non_responders_who_see_it_on_their_phone(
    new_page, client, make_enterprise, make_staff, artifacts
):
    from app.campaigns.service import today
    from tests.campaigns.conftest import roll_csv, roll_row

    regulator = make_staff("regulator", jurisdiction="130100")
    company = make_enterprise("130102")
    closes = today().replace(year=today().year + 1).isoformat()
    body = {"name": "2027年度企业质量自评", "year": 2027, "questionnaires": ["brand"]}
    body |= {"opens_on": today().isoformat(), "closes_on": closes}
    campaign = client.post("/api/v1/campaigns", json=body, headers=regulator.headers).get_json()
    rows = [roll_row(company.uscc), roll_row()]  # the second is not registered
    upload = client.post(
        f"/api/v1/campaigns/{campaign['id']}/roll",
        data=roll_csv(rows),
        headers={**regulator.headers, "Content-Type": "text/csv"},
    )
    assert upload.status_code == 200, upload.get_json()

    page = new_page()
    sign_in_regulator(page, regulator.username)
    expect(page.locator(".bell")).to_be_visible()  # signed in
    page.evaluate(f"location.hash = '#/campaigns/{campaign['id']}'")
    section = page.get_by_role("region", name="催报提醒")
    page.once("dialog", lambda dialog: dialog.accept())
    section.get_by_role("button", name="提醒所有未提交的企业").tap()
    expect(section.get_by_role("status")).to_contain_text(
        "已提醒 1 家企业（其中 0 家同时发送了邮件）；今天已提醒过的 0 家不再重复；1 家尚未注册"
    )
    no_violations(page, "campaign with reminders")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(
            path=str(artifacts / f"campaign-reminders-{width}x{height}.png"), full_page=True
        )

    phone = new_page()
    sign_in(phone, company.username, STAFF_AND_ACTOR_PASSWORD)
    phone.get_by_role("link", name="通知，1 条未读").tap()
    expect(phone.locator(".notices .row")).to_contain_text(
        f"“2027年度企业质量自评”将于 {closes} 截止"
    )
    phone.get_by_role("link", name="去填报").tap()
    expect(phone.get_by_role("heading", name="我的自评")).to_be_visible()


def test_the_header_keeps_its_height_from_screen_to_screen(new_page, make_enterprise):
    """The notifications link is drawn with the rest of the header, not a moment after it: on a
    phone the header wraps to a second row, and a row arriving late pushed the screen down under
    the user's finger (and a test's tap) on every screen change."""
    company = make_enterprise("130102", name="石家庄毛巾有限公司")
    page = new_page()
    sign_in(page, company.username, STAFF_AND_ACTOR_PASSWORD)
    page.evaluate(
        """() => {
          const header = document.querySelector("header");
          window.heights = [];
          new ResizeObserver(() => window.heights.push(header.offsetHeight)).observe(header);
        }"""
    )
    for path, heading in (
        ("/#/notifications", "通知"),
        ("/#/", "我的自评"),
        ("/#/password", "修改密码"),
    ):
        page.goto(path)
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
        expect(page.get_by_role("link", name="通知")).to_be_visible()
    heights = page.evaluate("window.heights")
    assert len(set(heights)) == 1, f"the header's height changed: {heights}"
