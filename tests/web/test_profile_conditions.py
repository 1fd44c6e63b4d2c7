"""The client shows and hides questions and whole parts by the enterprise profile, offline too:
it evaluates the conditions with the facts the server sends with the draft."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from app.questionnaires.conditions import visible_sections
from app.questionnaires.service import latest_version
from tests.fixtures.actors import facts
from tests.fixtures.data import PASSWORD
from tests.web.phone import sign_in

pytestmark = pytest.mark.browser

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def shot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"{name}.png"), full_page=True)


def part(key: str) -> int:
    """The place (1-based) of a part in the quality questionnaire: its address in the client."""
    keys = [s["key"] for s in latest_version(key="quality").definition["sections"]]
    return keys.index(key) + 1


def listed(industry: str) -> list[str]:
    """The titles of the parts the server lists for such a firm with the test profile."""
    definition = latest_version(key="quality").definition
    return [s["title"]["zh"] for s, _ in visible_sections(definition, {}, facts(industry))]


def start_quality(page) -> int:
    page.locator(".card", has_text="质量管理").get_by_role("button", name="开始自评").tap()
    expect(page.locator("#section-jump")).to_be_visible()
    return int(page.url.split("/a/")[1].split("/")[0])


def test_a_profile_change_shows_and_hides_questions_in_the_draft(
    app, new_page, make_enterprise_account, artifacts
):
    _, user = make_enterprise_account(industry="C1772", size="small")
    page = new_page(bypass_csp=True)
    sign_in(page, user.username, PASSWORD)
    assessment_id = start_quality(page)
    integrity = f"/#/a/{assessment_id}/s/{part('integrity')}"
    page.goto(integrity)
    expect(page.locator("[data-q=credit_record]")).to_be_visible()
    expect(page.locator("[data-q=online_shop]")).to_be_hidden()  # the profile: no online sales

    # The profile now says: sells online, and is on the serious-dishonesty list.
    page.goto("/#/profile")
    page.locator("[data-q=sales_channels] label.opt", has_text="在境内电子商务平台").tap()
    page.locator("[data-q=dishonesty_list] label.opt", has_text="已列入").tap()
    page.get_by_role("button", name="保存").tap()
    expect(page.get_by_role("heading", name="我的自评")).to_be_visible()

    page.goto(integrity)
    expect(page.locator("[data-q=online_shop]")).to_be_visible()
    # The listing is stated once, in the profile: the credit question is not asked again.
    expect(page.locator("[data-q=credit_record]")).to_be_hidden()
    results = Axe().run(page, options=WCAG_AA)
    assert not [v["id"] for v in results.response["violations"]]
    shot(page, artifacts, "profile-conditions-integrity")

    # Offline, after a reload, the same facts still decide (the draft's cached copy has them).
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("[data-q=online_shop]")).to_be_visible()
    expect(page.locator("[data-q=credit_record]")).to_be_hidden()
    page.context.set_offline(False)


@pytest.mark.parametrize(
    ("industry", "shown", "left_out"),
    [("C1772", "特色产业集群", "服务质量"), ("F5211", "服务质量", "特色产业集群")],
)
def test_parts_with_nothing_for_the_firm_are_not_listed_or_counted(
    app, new_page, make_enterprise_account, artifacts, industry, shown, left_out
):
    _, user = make_enterprise_account(industry=industry, size="small")
    page = new_page()
    sign_in(page, user.username, PASSWORD)
    assessment_id = start_quality(page)
    titles = listed(industry)
    assert shown in titles and left_out not in titles
    options = page.locator("#section-jump option")
    expect(options).to_have_count(len(titles))
    assert [o.split(". ", 1)[1] for o in options.all_inner_texts()] == titles
    expect(page.get_by_role("heading", name=f"第 1 部分（共 {len(titles)} 部分）")).to_be_visible()
    shot(page, artifacts, f"profile-conditions-parts-{industry}")
    # The address of a part left out leads on to the next part that is listed.
    key = "service" if left_out == "服务质量" else "cluster"
    page.goto(f"/#/a/{assessment_id}/s/{part(key)}")
    expect(page.locator("#section-title")).not_to_contain_text(left_out)
    sections = latest_version(key="quality").definition["sections"]
    after = [s["title"]["zh"] for s in sections[part(key) :] if s["title"]["zh"] in titles]
    expect(page.locator("#section-title")).to_contain_text(after[0])
    # The last part's "next" goes to the review, whatever was left out after it.
    page.goto(f"/#/a/{assessment_id}/s/{part('people_green')}")
    last = f"第 {len(titles)} 部分（共 {len(titles)} 部分）"
    expect(page.get_by_role("heading", name=last)).to_be_visible()
    expect(page.get_by_role("link", name="检查并提交 ›")).to_be_visible()
