"""「已核验」 and a return that points at rejected evidence, in Chromium (axe-clean, 390×844 and
1366×768): the regulator's result page shows how much of the score verified files back, per
dimension and recommendation; the enterprise's returned draft says which file to replace and why."""

import pytest
from playwright.sync_api import expect

from tests.evidence.conftest import PDF, evidence_questions, jpeg, upload  # noqa: F401
from tests.review.conftest import review
from tests.web.phone import sign_in
from tests.web.test_association import DESKTOP, no_violations
from tests.web.test_evidence import _section_of

pytestmark = pytest.mark.browser


def _staff_sign_in(page, username):
    page.goto("/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("correct-horse-battery")
    page.get_by_role("button", name="登录").tap()
    expect(page.get_by_role("heading", name="待审核的自评")).to_be_visible()


def test_verified_share_on_the_result_and_rejected_files_on_the_returned_draft(
    new_page,
    client,
    make_enterprise,
    make_staff,
    evidence_questions,  # noqa: F811  (the fixture imported above)
    artifacts,
):
    from app.questionnaires import service as questionnaires

    q = evidence_questions
    company = make_enterprise("130100")
    regulator = make_staff("regulator", jurisdiction="130100")
    # Answers a notch below the best on the verified question, so that it has a recommendation.
    draft = company.fill("quality", q.answers)
    photo = upload(client, company, draft["id"], jpeg(), q.shown, filename="证书.jpg").get_json()
    old = upload(client, company, draft["id"], PDF, q.other, filename="旧证书.pdf").get_json()
    company.submit(draft)
    verdict = f"/api/v1/assessments/{draft['id']}/evidence/{{}}/verification"
    client.put(verdict.format(photo["id"]), json={"status": "verified"}, headers=regulator.headers)
    client.put(
        verdict.format(old["id"]),
        json={"status": "rejected", "reason": "证书已过有效期"},
        headers=regulator.headers,
    )

    for size, (options, label) in {
        "phone": ({}, "390x844"),
        "desktop": (DESKTOP, "1366x768"),
    }.items():
        page = new_page(**options)
        _staff_sign_in(page, regulator.username)
        page.goto(f"/#/a/{draft['id']}/result")
        card = page.locator(".verified-card")
        expect(card).to_contain_text("已核验")
        expect(card).to_contain_text("来自证明材料已核验的题目")
        expect(card).to_contain_text("不显示之后的核验结果")
        expect(page.locator(".verified-line").first).to_contain_text("已核验")
        page.screenshot(path=str(artifacts / f"verified-result-{label}.png"), full_page=True)
        no_violations(page, f"result with verified share, {size}")

    returned = review(client, regulator, draft["id"], decision="return", comment="请更换过期证书")
    assert returned.status_code == 200
    definition = questionnaires.published(questionnaires.latest_version(key="quality").id)[2]
    section = _section_of(definition, q.other)
    for size, (options, label) in {
        "phone": ({}, "390x844"),
        "desktop": (DESKTOP, "1366x768"),
    }.items():
        page = new_page(**options)
        sign_in(page, company.username, "correct-horse-battery")
        page.goto(f"/#/a/{draft['id']}/s/{section}")
        banner = page.locator(".rejected-evidence")
        expect(banner).to_contain_text("未通过核验")
        expect(banner).to_contain_text("旧证书.pdf")
        expect(banner).to_contain_text("证书已过有效期")
        field = page.locator(f"[data-q={q.other}] .evidence")
        expect(field.locator(".ev-replace")).to_contain_text("请删除这个文件")
        page.screenshot(path=str(artifacts / f"verified-returned-{label}.png"), full_page=True)
        no_violations(page, f"returned draft with a rejected file, {size}")
    # The link in the banner leads to the question whose file to replace.
    banner.get_by_role("link", name="旧证书.pdf").tap()
    expect(page.locator(f"[data-q={q.other}]")).to_be_visible()
