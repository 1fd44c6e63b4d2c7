"""A regulator returns a submission while the enterprise fills in a new draft of the same
questionnaire on its phone: the draft is folded into the returned assessment (docs/review.md),
and what the phone had not sent yet follows it there."""

import pytest
from playwright.sync_api import expect

from tests.fixtures.answering import complete_answers
from tests.web.phone import answer, sign_in, wait_saved

pytestmark = pytest.mark.browser


def test_answers_typed_into_a_superseded_draft_follow_it_to_the_returned_assessment(
    new_page, client, make_enterprise, make_staff, definition, artifacts
):
    company = make_enterprise()
    answers = complete_answers(definition("quality"), company.facts, "best")
    submitted = company.submit(company.fill("quality", answers))
    draft = company.create("quality")
    page = new_page()
    sign_in(page, company.username, "correct-horse-battery")
    page.goto(f"/#/a/{draft['id']}/s/1")
    first = page.locator(".q:not([hidden])").first
    expect(first).to_be_visible()
    question = first.get_attribute("data-q")

    regulator = make_staff("regulator", jurisdiction="130000")
    returned = client.post(
        f"/api/v1/assessments/{submitted['id']}/review",
        json={"decision": "return", "comment": "请补充证据"},
        headers=regulator.headers,
    )
    assert returned.status_code == 200, returned.get_json()

    typed = answer(first, pick=0)  # saved to the draft, which is superseded by now: 409
    expect(page.locator("#notice")).to_contain_text("新草稿中的回答已并入退回的自评")
    expect(page).to_have_url(f"{page.url.split('#')[0]}#/a/{submitted['id']}/s/1")
    expect(page.locator(".banner[role=note]")).to_contain_text("请补充证据")
    wait_saved(page)
    page.screenshot(path=str(artifacts / "returned-after-fold-390x844.png"), full_page=True)
    reopened = client.get(f"/api/v1/assessments/{submitted['id']}", headers=company.headers)
    body = reopened.get_json()
    assert body["status"] == "returned"
    assert body["answers"][question] == typed
