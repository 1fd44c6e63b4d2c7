"""A control stays where it was drawn: what a screen learns a moment later (the report's state,
the unread count) takes room it already had or goes below, so a tap lands where it was aimed."""

import re

import pytest
from playwright.sync_api import expect

from tests.notifications.conftest import decide, file_assessment
from tests.web.phone import moved_controls, sign_in, watch_moves
from tests.web.test_screens import sign_in_staff, submitted  # noqa: F401  (a fixture)

pytestmark = pytest.mark.browser
ACTOR_PASSWORD = "correct-horse-battery"  # tests/fixtures/actors.py's accounts


def test_the_download_buttons_stay_put_when_the_reports_state_arrives(
    new_page,
    submitted,  # noqa: F811
    make_staff_account,
):
    """The regulator is always told where the report stands; the note came after the screen
    and pushed the three download buttons down by its height."""
    _, done_id, _ = submitted
    make_staff_account("regulator", username="sjz-steady-reader", jurisdiction="130100")
    page = new_page()
    sign_in_staff(page, "sjz-steady-reader")
    expect(page.get_by_role("heading", name="待审核的自评")).to_be_visible()
    watch_moves(page)
    page.goto(f"/#/a/{done_id}/result")
    page.reload()
    expect(page.locator(".report-status")).to_have_attribute("data-state", re.compile(".+"))
    expect(page.get_by_role("link", name="改进报告（PDF）")).to_be_visible()
    assert moved_controls(page) == []


def test_the_header_links_stay_put_when_the_unread_count_arrives(
    new_page, make_enterprise, make_staff, client, definition
):
    """The count is fetched after the header is drawn; widening the link, it moved the header's
    links sideways and, on a narrow phone, wrapped them onto another row."""
    company = make_enterprise("130102", name="石家庄毛巾有限公司")
    regulator = make_staff("regulator", jurisdiction="130100")
    decide(client, regulator, file_assessment(company, definition)["id"], "approve")
    page = new_page()
    page.set_viewport_size({"width": 360, "height": 640})
    sign_in(page, company.username, ACTOR_PASSWORD)
    watch_moves(page)
    page.reload()
    expect(page.get_by_role("link", name=re.compile(r"通知，\d+ 条未读"))).to_be_visible()
    assert moved_controls(page) == []
