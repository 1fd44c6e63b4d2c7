"""Every screen at 360 × 640, at the default and an enlarged font: nothing wider than the
screen, every touch target at least 44 px, labels and live regions where screen readers
look for them; English on request; conditions hide and show questions as the user answers."""

import re

import pytest
from playwright.sync_api import expect

from app.questionnaires.service import latest_version
from app.reference.uscc import complete_uscc
from tests.fixtures.actors import facts as actor_facts
from tests.fixtures.answering import complete_answers
from tests.fixtures.data import PASSWORD
from tests.web.phone import ROUTED, sign_in

pytestmark = pytest.mark.browser

SMALL_PHONE = {"viewport": {"width": 360, "height": 640}}

# What a finger has to hit, and what is too small to hit (inputs inside a label: the label is
# the target; links inside running text are exempt, as in WCAG 2.5.8).
LAYOUT = """() => {
  const visible = (el) => el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden';
  const targets = [...document.querySelectorAll(
    'button, a[href], select, textarea, summary, label.opt, label.inline, ' +
    'input:not([type=radio]):not([type=checkbox])')].filter(visible)
    .filter((el) => !(el.tagName === 'A' && el.closest('p:not(.crumb):not(.alt)')));
  const small = targets.map((el) => {
    const r = el.getBoundingClientRect();
    return {el: el.tagName + '.' + el.className,
            text: (el.textContent || el.name || '').trim().slice(0, 24),
            w: Math.round(r.width), h: Math.round(r.height)};
  }).filter((t) => t.w < 44 || t.h < 44);
  const unlabelled = [...document.querySelectorAll('input, select, textarea')].filter(visible)
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
    .map((el) => el.outerHTML.slice(0, 80));
  const wide = document.documentElement.scrollWidth - window.innerWidth;
  return {small, unlabelled, wide};
}"""


def check_layout(page, artifacts, name):
    for scale in ("100%", "150%"):
        page.evaluate(f"document.documentElement.style.fontSize = '{scale}'")
        found = page.evaluate(LAYOUT)
        assert found["wide"] <= 0, (name, scale, "wider than the screen", found["wide"])
        assert not found["small"], (name, scale, found["small"])
        assert not found["unlabelled"], (name, scale, found["unlabelled"])
        if scale != "100%":
            page.screenshot(path=str(artifacts / f"360-{name}-font150.png"))
    page.evaluate("document.documentElement.style.fontSize = ''")
    page.screenshot(path=str(artifacts / f"360-{name}.png"))


@pytest.fixture
def submitted(app, make_enterprise_account, login):
    """An enterprise with a submitted quality assessment and a brand draft half done."""
    enterprise, user = make_enterprise_account(size="medium", name="石家庄恒信纺织有限公司")
    headers = login(user.username)
    client = app.test_client()
    facts = actor_facts(enterprise.industry, enterprise.size)  # with COMPLETE_PROFILE

    def fill(key, choice, share=1.0):
        draft = client.post("/api/v1/assessments", json={"questionnaire": key}, headers=headers)
        draft = draft.get_json()
        # The own-brand path: its sections hold the number questions the tests below type into.
        given = {"business_model": "own_brand"} if key == "brand" else None
        answers = complete_answers(latest_version(key=key).definition, facts, choice, given)
        answers = dict(list(answers.items())[: int(len(answers) * share)])
        saved = client.patch(
            f"/api/v1/assessments/{draft['id']}/answers",
            json={"answers": answers},
            headers={**headers, "If-Match": f'"{draft["version"]}"'},
        )
        assert saved.status_code == 200, saved.get_json()
        return saved.get_json()

    done = fill("quality", "middle")
    assert (
        client.post(f"/api/v1/assessments/{done['id']}/submit", headers=headers).status_code == 200
    )
    draft = fill("brand", "best", share=0.5)
    return user, done["id"], draft["id"]


def test_every_screen_fits_a_small_phone(new_page, artifacts, submitted):
    user, done_id, draft_id = submitted
    page = new_page(**SMALL_PHONE)
    page.goto("/")
    expect(page.locator("h1")).to_have_text("登录")
    # Today's basis, not the 2016 plan the questions are traced to.
    lead = page.locator("main .lead")
    expect(lead).to_contain_text("《河北省质量强省建设行动方案（2023—2027年）》")
    expect(lead).not_to_contain_text("2016")
    check_layout(page, artifacts, "login")
    page.get_by_role("link", name="注册").tap()
    code = page.get_by_label("统一社会信用代码")
    # Registered in Beijing: the region cannot come from the code, so the form asks for it.
    code.fill(complete_uscc("91110000MA0000AB"))
    expect(page.get_by_label("所在地区")).to_be_visible()
    code.fill(complete_uscc("91130104MA0000AB"))
    expect(page.get_by_text("所在地区：石家庄市")).to_be_visible()
    expect(page.get_by_label("所在地区")).to_be_hidden()
    code.fill("91130104MA0CXK7R5")
    expect(page.get_by_text("已输入 17/18 位")).to_be_visible()
    page.get_by_label("所属行业").fill("纺织")
    check_layout(page, artifacts, "register")

    sign_in(page, user.username, PASSWORD)
    check_layout(page, artifacts, "home")
    page.locator(".card", has_text="品牌建设").get_by_role("link", name="继续填写").tap()
    expect(page.locator(".q:visible").first).to_be_visible()
    check_layout(page, artifacts, "answer")
    page.goto(f"/#/a/{draft_id}/review")
    expect(page.get_by_role("heading", name="检查并提交")).to_be_visible()
    expect(page.locator(".missing a").first).to_be_visible()
    check_layout(page, artifacts, "review")
    page.goto(f"/#/a/{done_id}/result")
    expect(page.locator(".score .big")).to_be_visible()
    check_layout(page, artifacts, "result")


def test_live_regions_and_invalid_numbers_are_announced(new_page, submitted):
    user, _, draft_id = submitted
    page = new_page()
    sign_in(page, user.username, PASSWORD)
    page.goto(f"/#/a/{draft_id}/s/3")  # brand section 3 starts with a number question
    status = page.locator(".save-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    number = page.locator(".q:not([hidden]) input[inputmode]").first
    number.fill("-5")
    expect(number).to_have_attribute("aria-invalid", "true")
    error_id = number.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_contain_text("不能小于")
    number.fill("12")
    expect(number).not_to_have_attribute("aria-invalid", "true")
    # Option groups are fieldsets whose legend is the question.
    group = page.locator("fieldset.q:not([hidden])").first
    expect(group.locator("legend")).not_to_be_empty()


def test_english_switch(new_page, submitted, artifacts):
    user, done_id, _ = submitted
    page = new_page()
    page.goto("/")
    page.get_by_role("button", name="English").tap()
    expect(page.locator("h1")).to_have_text("Sign in")
    expect(page.locator("main .lead")).to_contain_text("Action Plan (2023-2027)")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").tap()
    expect(page.get_by_role("heading", name="My assessments")).to_be_visible()
    page.goto(f"/#/a/{done_id}/result")
    expect(page.locator(".level")).to_contain_text("Maturity level")
    page.screenshot(path=str(artifacts / "en-result.png"), full_page=True)
    page.goto("/#/")
    page.get_by_role("link", name="Continue").first.tap()  # the first card is the profile
    expect(page.locator(".q:visible").first).to_be_visible()
    page.screenshot(path=str(artifacts / "en-answer.png"))
    page.goto(f"/#/a/{done_id}/result")
    page.get_by_role("button", name="中文").tap()
    expect(page.locator(".level")).to_contain_text("成熟度")


def test_answers_show_and_hide_later_questions(new_page, make_enterprise_account):
    _, user = make_enterprise_account(industry="C1772", size="small")
    page = new_page()
    sign_in(page, user.username, PASSWORD)
    page.locator(".card", has_text="标准自我声明公开").get_by_role("button", name="开始自评").tap()
    counts = page.locator(".counts")
    expect(counts).to_contain_text("已答 0/")
    before = counts.inner_text()
    types = page.locator("[data-q=std_types]")
    enterprise_option = types.locator("label.opt", has=page.locator("input[value=enterprise]"))
    enterprise_option.tap()
    expect(counts).not_to_have_text(before)  # one more question applies now
    page.get_by_role("link", name="下一部分 ›").tap()
    expect(page.locator("[data-q=q_standard_process]")).to_be_visible()
    # The standards list: an entry is saved once its number and title are complete.
    declared = page.locator("[data-q=declared_standards]")
    declared.get_by_role("button", name="添加一项标准").tap()
    declared.get_by_label("标准编号（含年代号）").fill("Q/SJZ 001-2024")
    expect(declared.get_by_text("已公开产品的功能指标和性能指标")).to_be_visible()  # own standard
    declared.get_by_label("标准名称").fill("毛巾")
    declared.locator("label.opt", has_text="自我声明公开").first.tap()
    expect(page.locator(".save-status")).to_have_attribute("data-state", "saved", timeout=10_000)
    page.get_by_role("link", name="‹ 上一部分").tap()
    page.locator("[data-q=std_types]").locator(
        "label.opt", has=page.locator("input[value=enterprise]")
    ).tap()
    page.get_by_role("link", name="下一部分 ›").tap()
    # Four parts: no 重点领域 part applies to a towel maker that neither exports nor uses energy.
    expect(page.get_by_role("heading", name="第 2 部分（共 4 部分）")).to_be_visible()
    expect(page.locator("[data-q=q_standard_process]")).to_be_hidden()


def test_staff_see_their_queue_or_aggregates_with_exports(
    new_page, submitted, make_staff_account, artifacts
):
    make_staff_account("regulator", username="sjz-reviewer", jurisdiction="130100")
    make_staff_account("association", username="textile-assoc", industries=["C17"])
    page = new_page()
    sign_in_staff(page, "sjz-reviewer")
    expect(page.get_by_role("heading", name="待审核的自评")).to_be_visible()
    expect(page.locator(".rows")).to_contain_text("石家庄恒信纺织有限公司")
    expect(page.get_by_role("link", name="导出 CSV")).to_be_visible()
    expect(page.get_by_role("link", name="导出 Excel")).to_be_visible()
    page.screenshot(path=str(artifacts / "staff-regulator.png"), full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="导出 CSV").tap()
    assert download.value.suggested_filename.endswith(".csv")
    with open(download.value.path(), encoding="utf-8-sig") as export:
        assert "石家庄恒信纺织有限公司" in export.read()
    page.locator(".rows a").first.tap()
    expect(page.locator(".score .big")).to_be_visible()

    other = new_page()
    sign_in_staff(other, "textile-assoc")
    expect(other.get_by_role("heading", name="行业汇总")).to_be_visible()
    expect(other.get_by_role("link", name="导出 CSV")).to_be_visible()
    other.screenshot(path=str(artifacts / "staff-association.png"), full_page=True)

    # A released snapshot with one group too small to show (served here by the test).
    def fulfil(route):
        route.fulfill(json=AGGREGATE, headers={"Content-Type": "application/json"})

    shown = new_page(**ROUTED)
    shown.route("**/api/v1/aggregates?*", fulfil)
    sign_in_staff(shown, "textile-assoc")
    total = shown.locator(".agg").first
    expect(total).to_contain_text("参与企业：12 家")
    expect(total).to_contain_text("平均 61，中位数 63，四分位 52–70")
    # Two dimensions, as a chart and, behind its toggle, a table of two rows.
    dimensions = total.locator("table", has=shown.locator("caption", has_text="各维度得分"))
    expect(dimensions.locator("tbody tr")).to_have_count(2)
    expect(total).to_contain_text("第 3 级 42%")
    expect(shown.locator(".agg").nth(2)).to_contain_text("企业数太少，不显示")
    shown.screenshot(path=str(artifacts / "staff-association-data.png"), full_page=True)


STATS = {"mean": 61, "median": 63, "p25": 52, "p75": 70}
AGGREGATE = {
    "questionnaire": {"key": "quality", "title": "质量管理"},
    "filters": {
        "industry": None,
        "region": None,
        "size": None,
        "year": None,
        "group_by": "size",
        "live": False,
    },
    "min_cell": 5,
    "snapshot": {"id": 3, "date": "2026-11-25", "taken_at": "2026-11-25T16:00:00Z", "live": False},
    "total": {
        "key": {"region": None, "industry": None, "size": None},
        "label": "全部",
        "suppressed": False,
        "n": 12,
        "overall": STATS,
        "dimensions": [
            {"key": "leadership", "title": "质量领导与主体责任", **STATS},
            {"key": "system", "title": "质量管理体系与方法", **STATS, "median": None},
        ],
        "maturity": {"1": None, "2": 0.25, "3": 0.42, "4": 0.33, "5": None},
        "questions": {"qms": {"none": 0.1, "documented": 0.4, "certified": 0.5}},
    },
    "groups": [
        {
            "key": {"region": None, "industry": None, "size": "medium"},
            "label": "中型企业",
            "suppressed": False,
            "n": 8,
            "overall": STATS,
            "dimensions": [],
            "maturity": {"3": 0.5, "4": 0.5},
            "questions": {},
        },
        {
            "key": {"region": None, "industry": None, "size": "micro"},
            "label": "微型企业",
            "suppressed": True,
        },
    ],
}


def sign_in_staff(page, username):
    page.goto("/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").tap()


def test_a_reopened_page_refreshes_from_the_cookie_and_no_token_is_in_reach_of_scripts(
    new_page, make_enterprise_account
):
    _, user = make_enterprise_account()
    page = new_page()
    sign_in(page, user.username, PASSWORD)
    stored = page.evaluate("JSON.stringify({...localStorage})")
    assert "eyJ" not in stored and "token" not in stored  # no JWT, no token field
    assert "qa_refresh" not in page.evaluate("document.cookie")  # HttpOnly
    refreshes = []
    page.on(
        "request",
        lambda r: refreshes.append(r.headers) if r.url.endswith("/auth/refresh") else None,
    )
    page.reload()  # the access token was in memory only: the page refreshes first
    expect(page.get_by_role("heading", name="我的自评")).to_be_visible()
    assert refreshes and refreshes[0].get("x-refresh-cookie") == "1"
    assert "authorization" not in refreshes[0]


def test_the_result_shows_the_peer_benchmark_when_there_is_one(new_page, submitted, artifacts):
    user, done_id, _ = submitted

    def with_benchmark(route):
        result = route.fetch().json()
        # The shape app/aggregates/read/benchmark.py gives: a cohort label and a quartile band.
        result["benchmark"] = {
            "cohort": {"industry": "C17", "region": "130000", "label": "全省 · 纺织业"},
            "n": 23,
            "percentile": 50,
            "overall": {"mean": 48, "median": 50},
            "dimensions": [
                {"key": d["key"], "cohort_mean": 52, "cohort_median": 55}
                for d in result["dimensions"]
            ],
            "snapshot": {"id": 1, "taken_at": "2026-11-25T16:00:00Z"},
        }
        result["benchmark_reason"] = None
        route.fulfill(json=result)

    page = new_page(**ROUTED)
    page.route("**/api/v1/assessments/*/result*", with_benchmark)
    sign_in(page, user.username, PASSWORD)
    page.goto(f"/#/a/{done_id}/result")
    bench = page.locator("section", has=page.get_by_role("heading", name="同行比较"))
    expect(bench).to_contain_text("对比对象：全省 · 纺织业，共 23 家企业。")
    expect(bench).to_contain_text("第 50–75 百分位之间，高于中位数")
    expect(bench).to_contain_text("同行总分：平均 48，中位数 50。")
    expect(page.locator("svg.bar .median").first).to_be_attached()
    expect(page.locator(".median-num").first).to_have_text("同行 55")
    page.screenshot(path=str(artifacts / "result-benchmark.png"), full_page=True)


def test_the_result_shows_a_level_per_dimension_and_the_scoring_model(new_page, submitted):
    user, done_id, _ = submitted
    page = new_page()
    sign_in(page, user.username, PASSWORD)
    page.goto(f"/#/a/{done_id}/result")
    expect(page.locator(".level")).to_contain_text("自评成熟度第")
    expect(page.locator(".score-card")).to_contain_text("评分模型第 2 版")
    levels = page.locator(".bars .dim-level")
    expect(levels.first).to_contain_text(re.compile(r"第 [1-4] 级"))
    scored = page.locator(".bars li .num").filter(has_not_text="不适用")
    assert levels.count() == scored.count() > 0
