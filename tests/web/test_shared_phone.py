"""Issue 23: a phone shared by two enterprises keeps nothing of one for the other."""

import pytest
from playwright.sync_api import expect

from tests.fixtures.data import PASSWORD
from tests.web.phone import answer_section, sign_in

pytestmark = pytest.mark.browser

SECTION_1 = "第 1 部分（共 7 部分）"  # a towel maker: no 服务质量, the towel cluster part


def start_quality(page) -> int:
    page.locator(".card", has_text="质量管理").get_by_role("button", name="开始自评").tap()
    expect(page.get_by_role("heading", name=SECTION_1)).to_be_visible()
    return int(page.url.split("/a/")[1].split("/")[0])


def stored(page) -> dict:
    return page.evaluate("({...localStorage})")


def sign_out(page) -> None:
    page.get_by_role("button", name="退出登录").tap()
    expect(page.get_by_role("heading", name="登录")).to_be_visible()


def test_after_a_signs_out_b_cannot_open_as_assessment_online_or_offline(
    new_page, make_enterprise_account
):
    _, a = make_enterprise_account(size="medium")
    _, b = make_enterprise_account(size="medium")
    page = new_page()
    sign_in(page, a.username, PASSWORD)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assessment_id = start_quality(page)
    page.context.set_offline(True)
    answer_section(page, pick=0)
    assert any(k.startswith(f"qa.u.{a.username}.pending.") for k in stored(page))

    # Offline, the answers cannot be sent: signing out asks before it drops them.
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    sign_out(page)
    assert dialogs and "尚未上传" in dialogs[0]
    # Only what is the same for everyone stays: published questionnaires and the language.
    left = [k for k in stored(page) if not k.startswith("qa.cache.all.") and k != "qa.lang"]
    assert left == []

    page.context.set_offline(False)
    sign_in(page, b.username, PASSWORD)
    page.goto(f"/#/a/{assessment_id}/s/1")
    expect(page.locator("#main")).to_have_attribute("data-route", f"#/a/{assessment_id}/s/1")
    expect(page.get_by_role("heading", name=SECTION_1)).not_to_be_visible()
    assert page.locator(".q").count() == 0

    page.context.set_offline(True)
    page.reload()  # the app from the service worker's cache, no network: only B's copies count
    expect(page.locator("#main")).to_have_attribute("data-route", f"#/a/{assessment_id}/s/1")
    expect(page.get_by_role("heading", name=SECTION_1)).not_to_be_visible()
    assert page.locator(".q").count() == 0


def test_signing_out_online_sends_the_answers_first_and_asks_nothing(
    app, new_page, make_enterprise_account, login
):
    _, a = make_enterprise_account(size="medium")
    page = new_page()
    sign_in(page, a.username, PASSWORD)
    assessment_id = start_quality(page)
    answered = answer_section(page, pick=0)
    page.on("dialog", lambda dialog: pytest.fail(f"asked: {dialog.message}"))
    sign_out(page)
    assert not [k for k in stored(page) if a.username in k]
    response = app.test_client().get(
        f"/api/v1/assessments/{assessment_id}", headers=login(a.username)
    )
    assert answered.items() <= response.get_json()["answers"].items()


def test_declining_to_drop_unsent_answers_keeps_the_user_signed_in(
    new_page, make_enterprise_account
):
    _, a = make_enterprise_account(size="medium")
    page = new_page()
    sign_in(page, a.username, PASSWORD)
    start_quality(page)
    page.context.set_offline(True)
    answer_section(page, pick=0)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="退出登录").tap()
    expect(page.get_by_role("heading", name=SECTION_1)).to_be_visible()
    assert any(k.startswith(f"qa.u.{a.username}.pending.") for k in stored(page))


def test_an_expired_session_keeps_unsent_answers_for_the_same_user_only(
    app, new_page, make_enterprise_account, login
):
    _, a = make_enterprise_account(size="medium")
    page = new_page()
    sign_in(page, a.username, PASSWORD)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assessment_id = start_quality(page)
    page.context.set_offline(True)
    answered = answer_section(page, pick=0)
    # The session ends while the phone is offline (its cookie gone, the page reopened); the
    # phone finds out when it comes back online.
    page.context.clear_cookies()
    page.reload()
    expect(page.locator(".save-status")).to_have_attribute("data-state", "offline")
    page.context.set_offline(False)
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    left = stored(page)
    assert "qa.user" not in left
    mine = [k for k in left if k.startswith(f"qa.u.{a.username}.")]
    assert mine and all(k.split(".")[3] == "pending" for k in mine), mine
    sign_in(page, a.username, PASSWORD)
    page.goto(f"/#/a/{assessment_id}/s/1")
    expect(page.locator(".save-status")).to_have_attribute("data-state", "saved", timeout=15_000)
    response = app.test_client().get(
        f"/api/v1/assessments/{assessment_id}", headers=login(a.username)
    )
    assert answered.items() <= response.get_json()["answers"].items()
