"""The profile screen: reached from the start page, a field shown by an earlier answer, errors
beside their fields, red lines stated on the start page; axe-core finds no WCAG 2.1 AA violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.fixtures.data import PASSWORD
from tests.web.phone import fill_profile, sign_in

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def no_violations(page, name):
    results = Axe().run(page, options=WCAG_AA)
    found = [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert not found, (name, found)


def test_a_new_enterprise_fills_its_profile_before_the_questionnaires(
    new_page, make_enterprise_account, artifacts
):
    _, user = make_enterprise_account(profile={})
    page = new_page(bypass_csp=True)
    sign_in(page, user.username, PASSWORD)
    card = page.locator(".card", has_text="企业基本情况")
    expect(card).to_contain_text("提交问卷前须先填写")
    no_violations(page, "home with the profile card")

    page.get_by_role("link", name="填写企业基本情况").tap()
    expect(page.get_by_role("heading", name="企业基本情况")).to_be_visible()
    licence = page.locator("[data-q=licence_status]")
    expect(licence).to_be_hidden()
    page.locator("[data-q=business] label.opt").first.tap()  # licensed products
    expect(licence).to_be_visible()
    no_violations(page, "profile")
    page.screenshot(path=str(artifacts / "profile.png"), full_page=True)

    # Saved incomplete: the missing fields are named beside themselves.
    page.get_by_role("button", name="保存").tap()
    expect(page.locator("[data-q=staff_count] .field-error")).to_have_text("请填写这一项。")
    expect(page.locator(".form-error")).to_contain_text("必填项未填写")
    no_violations(page, "profile with errors")

    # Licensed is dropped again, so licence_status hides; then the rest is filled.
    page.locator("[data-q=business] label.opt").first.tap()
    page.goto("/#/")
    fill_profile(page)


def test_a_red_line_of_the_profile_is_said_on_the_start_page(new_page, make_enterprise_account):
    from tests.fixtures.actors import COMPLETE_PROFILE

    _, user = make_enterprise_account(profile={**COMPLETE_PROFILE, "dishonesty_list": "listed"})
    page = new_page()
    sign_in(page, user.username, PASSWORD)
    card = page.locator(".card", has_text="企业基本情况")
    expect(card).to_contain_text("严重违法失信名单")
    expect(card).to_contain_text("封顶")
