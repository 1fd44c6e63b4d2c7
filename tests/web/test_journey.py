"""Issue 9: an enterprise on a phone registers, answers, loses the network, comes back, submits
and reads its result, while a second device edits the same draft; nothing is lost."""

import time

import pytest
from playwright.sync_api import expect

from tests.fixtures.actors import facts as actor_facts
from tests.fixtures.data import new_uscc
from tests.web.phone import (
    PASSWORD,
    ROUTED,
    answer,
    answer_section,
    fill_profile,
    register,
    sign_in,
    wait_saved,
)

pytestmark = pytest.mark.browser

REPORT_TIMEOUT = 60_000  # ms: rendering happens once per revision, the first one may be slow


def server_answers(app, headers, assessment_id) -> dict:
    response = app.test_client().get(f"/api/v1/assessments/{assessment_id}", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def has_route(app, suffix: str) -> bool:
    return any(rule.rule.endswith(suffix) for rule in app.url_map.iter_rules())


def shot(page, artifacts, name):
    """What the phone shows, and the whole page."""
    page.screenshot(path=str(artifacts / f"{name}.png"))
    page.screenshot(path=str(artifacts / f"{name}-full.png"), full_page=True)


def test_register_answer_offline_merge_submit_and_read_result(app, new_page, artifacts, login):
    started = time.monotonic()
    uscc = new_uscc("130104")
    phone = new_page()

    # Register; the USCC check character is checked as it is typed.
    register(phone, uscc=uscc)
    shot(phone, artifacts, "01-register")
    phone.get_by_role("button", name="注册并登录").tap()
    expect(phone.get_by_role("heading", name="我的自评")).to_be_visible()
    shot(phone, artifacts, "02-home")
    fill_profile(phone)  # before any questionnaire can be submitted

    # Start the quality questionnaire and answer the first section online. The profile answered
    # the profile questions: seven parts for a towel maker (no 服务质量, the towel cluster part).
    phone.locator(".card", has_text="质量管理").get_by_role("button", name="开始自评").tap()
    expect(phone.get_by_role("heading", name="第 1 部分（共 7 部分）")).to_be_visible()
    expect(phone.locator("[data-q=succession]")).to_be_visible()  # the profile says private
    leadership = answer_section(phone, pick=2)
    wait_saved(phone)
    shot(phone, artifacts, "03-section-1")
    assessment_id = int(phone.url.split("/a/")[1].split("/")[0])
    headers = login(uscc, PASSWORD)
    saved = server_answers(app, headers, assessment_id)
    assert leadership.items() <= saved["answers"].items()

    # Go offline and answer the second section: the answers wait on the phone.
    phone.context.set_offline(True)
    phone.get_by_role("link", name="下一部分 ›").tap()
    expect(phone.get_by_role("heading", name="第 2 部分（共 7 部分）")).to_be_visible()
    system = answer_section(phone, pick=1)
    expect(phone.locator(".save-status")).to_have_attribute("data-state", "offline")
    expect(phone.locator(".save-status")).to_contain_text("已保存在本机")
    shot(phone, artifacts, "04-offline")
    assert server_answers(app, headers, assessment_id)["version"] == saved["version"]

    # Meanwhile a second device signs in, resumes where the draft was left (section 2), and
    # answers the same first question differently and one question of section 3.
    tablet = new_page()
    sign_in(tablet, uscc)
    tablet.locator(".card", has_text="质量管理").get_by_role("link", name="继续填写").tap()
    expect(tablet.get_by_role("heading", name="第 2 部分（共 7 部分）")).to_be_visible()
    answer(tablet.locator("[data-q=qms]"), pick=3)
    wait_saved(tablet)
    tablet.get_by_role("link", name="下一部分 ›").tap()
    expect(tablet.get_by_role("heading", name="第 3 部分（共 7 部分）")).to_be_visible()
    elsewhere = answer(tablet.locator(".q:not([hidden])").first, pick=4)
    first_of_3 = tablet.locator(".q:not([hidden])").first.get_attribute("data-q")
    wait_saved(tablet)
    assert server_answers(app, headers, assessment_id)["answers"]["qms"] != system["qms"]

    # Back online: the phone's answers reach the server; the question both devices changed
    # keeps the phone's answer and the user is told which question it was.
    phone.context.set_offline(False)
    wait_saved(phone)
    notice = phone.locator("#notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("在另一台设备上也改过")
    expect(notice).to_contain_text("质量管理体系")
    shot(phone, artifacts, "05-back-online-merged")
    notice.get_by_role("button", name="关闭").tap()
    expect(notice).to_be_hidden()
    merged = server_answers(app, headers, assessment_id)["answers"]
    assert {**leadership, **system}.items() <= merged.items()
    assert merged[first_of_3] == elsewhere

    # Answer the rest, check, submit.
    for section in range(3, 8):
        phone.get_by_role("link", name="下一部分 ›").tap()
        expect(phone.get_by_role("heading", name=f"第 {section} 部分（共 7 部分）")).to_be_visible()
        answer_section(phone, pick=3)
    wait_saved(phone)
    phone.get_by_role("link", name="检查并提交 ›").tap()
    expect(phone.get_by_text("必答题都已回答")).to_be_visible()
    shot(phone, artifacts, "06-review")
    phone.get_by_role("button", name="提交自评").tap()

    # The result: score, level, dimensions, ranked recommendations with clauses, the
    # plan's departments and whom to contact today.
    expect(phone.get_by_role("heading", name="自评结果")).to_be_visible()
    # Said plainly on the screen, as in the PDF: its own assessment, not yet reviewed.
    expect(phone.locator(".honesty")).to_contain_text("不是认证、评级或检验结论")
    expect(phone.locator(".honesty")).to_contain_text("审核通过之前，结果未经核验")
    result = app.test_client().get(f"/api/v1/assessments/{assessment_id}/result", headers=headers)
    overall = result.get_json()["overall"]
    expect(phone.locator(".score .big")).to_have_text(f"{overall:g}")
    expect(phone.locator(".level")).to_contain_text("成熟度第")
    expect(phone.locator("svg.bar")).to_have_count(len(result.get_json()["dimensions"]))
    recommendations = phone.locator(".recs > li")
    assert recommendations.count() == len(result.get_json()["recommendations"]) > 0
    expect(recommendations.first).to_contain_text("方案条款")
    expect(recommendations.first).to_contain_text("行动计划所列")
    expect(recommendations.first.locator(".contact").first).to_contain_text("市场监督管理局")
    if recommendations.count() > 5:
        expect(recommendations.last).to_be_hidden()
        phone.get_by_role("button", name="显示全部").tap()
        expect(recommendations.last).to_be_visible()
    shot(phone, artifacts, "07-result")

    if has_route(app, "/report.pdf"):
        # The first report of a run also builds the CJK font subset: allow for it.
        with phone.expect_download(timeout=REPORT_TIMEOUT) as download:
            phone.get_by_role("link", name="改进报告（PDF）").tap()
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
    print(f"journey took {time.monotonic() - started:.1f} s")


def test_download_links_return_the_report_and_the_plan(
    app, new_page, make_enterprise_account, login
):
    if not has_route(app, "/report.pdf"):
        pytest.skip("GET /assessments/{id}/report.pdf is not in the API yet (app/reports)")
    # Filled through the API; what is tested here is the link on the result screen.
    from app.questionnaires.service import latest_version
    from tests.fixtures.answering import complete_answers

    enterprise, user = make_enterprise_account(size="medium")
    headers = login(user.username)
    client = app.test_client()
    created = client.post("/api/v1/assessments", json={"questionnaire": "quality"}, headers=headers)
    draft = created.get_json()
    answers = complete_answers(
        latest_version(key="quality").definition,
        actor_facts(enterprise.industry, enterprise.size),  # with COMPLETE_PROFILE
        "middle",
    )
    saved = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": answers},
        headers={**headers, "If-Match": f'"{draft["version"]}"'},
    )
    assert saved.status_code == 200, saved.get_json()
    submitted = client.post(f"/api/v1/assessments/{draft['id']}/submit", headers=headers)
    assert submitted.status_code == 200, submitted.get_json()

    page = new_page(**ROUTED)
    sign_in(page, user.username, "correct-horse-battery")
    page.goto(f"/#/a/{draft['id']}/result")
    # The first ask finds the report still rendering (202, Retry-After): the phone says so,
    # waits and asks again. The wait is 3 s, not 1: the notice shows only while the phone waits,
    # and expect() polls once a second at its slowest, so a 1 s window can fall between two polls
    # on a busy machine (it did, once, in CI). The notice is looked for over 15 s, not the default
    # 5: in CI both halves run browsers side by side on two cores, and a tap's request can wait.
    pending = {"left": 1}

    def rendering_once(route):
        if pending["left"]:
            pending["left"] -= 1
            body = {"status": "pending", "detail": "报告正在生成", "retry_after": 3}
            route.fulfill(status=202, json=body, headers={"Retry-After": "3"})
        else:
            route.continue_()

    page.route("**/report.pdf*", rendering_once)
    with page.expect_download(timeout=REPORT_TIMEOUT) as download:
        page.get_by_role("link", name="改进报告（PDF）").tap()
        expect(page.locator("#notice")).to_contain_text("报告正在生成", timeout=15_000)
    assert pending["left"] == 0, "the PDF link's request never reached the test's route"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename.endswith(".pdf")
    if has_route(app, "/plan.xlsx"):
        with page.expect_download() as download:
            page.get_by_role("link", name="改进计划（Excel）").tap()
        with open(download.value.path(), "rb") as workbook:
            assert workbook.read(2) == b"PK"  # a zip container
    if has_route(app, "/plan.csv"):
        with page.expect_download() as download:
            page.get_by_role("link", name="改进计划（CSV）").tap()
        with open(download.value.path(), encoding="utf-8-sig") as plan:
            assert "一（" in plan.read()  # the plan cites the plan's clauses


def test_the_app_reopens_without_a_network_and_keeps_unsent_answers(
    app, new_page, make_enterprise_account, login, artifacts
):
    _, user = make_enterprise_account(size="medium")
    page = new_page()
    sign_in(page, user.username, "correct-horse-battery")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.locator(".card", has_text="质量管理").get_by_role("button", name="开始自评").tap()
    expect(page.get_by_role("heading", name="第 1 部分（共 7 部分）")).to_be_visible()
    assessment_id = int(page.url.split("/a/")[1].split("/")[0])
    page.goto(f"/#/a/{assessment_id}/s/1")
    expect(page.locator("#main")).to_have_attribute("data-route", f"#/a/{assessment_id}/s/1")

    page.context.set_offline(True)
    answered = answer_section(page, pick=0)
    page.reload()  # the browser restarts the app with no network: the shell comes from the cache
    expect(page.get_by_role("heading", name="第 1 部分（共 7 部分）")).to_be_visible()
    expect(page.locator(".save-status")).to_have_attribute("data-state", "offline")
    first, value = next(iter(answered.items()))
    expect(page.locator(f"[data-q={first}] input:checked")).to_have_value(value)
    shot(page, artifacts, "08-reopened-offline")

    page.context.set_offline(False)
    wait_saved(page)
    saved = server_answers(app, login(user.username), assessment_id)["answers"]
    assert answered.items() <= saved.items()
