"""The result screen names whom to contact for each recommendation, the county bureau first,
in Chinese and English, on a small phone; axe-core finds no WCAG 2.1 AA violation."""

import pytest
from playwright.sync_api import expect

from app.questionnaires.service import latest_version
from tests.fixtures.actors import facts as actor_facts
from tests.fixtures.answering import complete_answers
from tests.fixtures.data import PASSWORD
from tests.web.phone import sign_in
from tests.web.test_association import no_violations

pytestmark = pytest.mark.browser

SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}


@pytest.fixture
def towel_result(app, make_enterprise_account, login):
    """A towel maker in 高阳县 with its brand assessment submitted with the weakest answers."""
    enterprise, user = make_enterprise_account(region="130628", name="高阳县恒丰毛巾有限公司")
    headers, client = login(user.username), app.test_client()
    facts = actor_facts(enterprise.industry, enterprise.size)  # with COMPLETE_PROFILE
    draft = client.post("/api/v1/assessments", json={"questionnaire": "brand"}, headers=headers)
    draft = draft.get_json()
    answers = complete_answers(latest_version(key="brand").definition, facts, "worst")
    saved = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": answers},
        headers={**headers, "If-Match": f'"{draft["version"]}"'},
    )
    assert saved.status_code == 200, saved.get_json()
    done = client.post(f"/api/v1/assessments/{draft['id']}/submit", headers=headers)
    assert done.status_code == 200, done.get_json()
    return user, draft["id"]


def test_each_recommendation_lists_its_contacts_local_first(new_page, towel_result, artifacts):
    user, assessment_id = towel_result
    page = new_page(**SMALL_PHONE)
    sign_in(page, user.username, PASSWORD)
    page.goto(f"/#/a/{assessment_id}/result")
    first = page.locator("#recs > li").first
    contacts = first.locator(".contacts li")
    expect(first.locator(".contacts-h")).to_have_text("联系机构（先找属地）")
    expect(contacts.first).to_contain_text("属地")
    expect(contacts.first.locator(".contact-name")).to_have_text("高阳县市场监督管理局")
    expect(contacts.first.locator(".contact-why")).to_contain_text("先找这里")
    # The trademark advice sends the firm to the IP office, not to 工商's successor.
    page.get_by_role("button", name="显示全部").tap()
    trademark = page.locator("#recs > li", has_text="注册商标").first
    expect(trademark.locator(".contact-name").nth(1)).to_have_text("河北省知识产权局")
    first.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "result-contacts.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    no_violations(page, "result with contacts")

    page.evaluate("localStorage.setItem('qa.lang', 'en')")
    page.reload()
    expect(first.locator(".contacts-h")).to_have_text("Whom to contact (local first)")
    expect(contacts.first.locator(".contact-level")).to_have_text("Local")
    expect(contacts.first.locator(".contact-name")).to_have_text(
        "高阳县 Administration for Market Regulation"
    )
    page.screenshot(path=str(artifacts / "result-contacts-en.png"), full_page=True)
    no_violations(page, "result with contacts, English")
