"""Filing again (next year, or after approval) starts from the last submitted answers."""

import re

import pytest
from playwright.sync_api import expect

from tests.web.phone import sign_in
from tests.web.test_association import no_violations

pytestmark = pytest.mark.browser


def test_assess_again_starts_from_the_last_submitted_answers_and_says_so(
    new_page, make_enterprise, definition, artifacts
):
    from tests.fixtures.answering import complete_answers

    company = make_enterprise(size="medium")
    answers = complete_answers(definition("quality"), company.facts, "middle")
    draft = company.submit(company.fill("quality", answers))
    headers, client = company.headers, company.client

    page = new_page()
    sign_in(page, company.username, "correct-horse-battery")
    card = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name="质量管理"))
    card.get_by_role("button", name="重新自评").tap()

    # It opens at the first section, to be walked through, not at the submit button.
    expect(page).to_have_url(re.compile(r"#/a/\d+/s/1$"))
    expect(page.locator("#notice")).to_contain_text("已带入上次提交的答案")
    new_id = int(page.url.split("#/a/")[1].split("/")[0])
    assert new_id != draft["id"]
    carried = client.get(f"/api/v1/assessments/{new_id}", headers=headers).get_json()
    assert carried["answers"] == answers and carried["status"] == "draft"
    no_violations(page, "a draft carried from the last submission")
    page.screenshot(path=str(artifacts / "carried-draft-360x640.png"), full_page=True)

    # Back home the card offers to continue that draft; a second tap makes no other.
    page.goto("/#/")
    card.get_by_role("link", name="继续填写").tap()
    # That draft (every answer given, so the answer screen moves on to its review page).
    expect(page).to_have_url(re.compile(rf"#/a/{new_id}(/review)?$"))
