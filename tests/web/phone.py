"""What a person does on the phone, as Playwright steps: register, sign in, answer a section."""

from playwright.sync_api import Page, expect

PASSWORD = "zhiliang-2026-test"
SAVE_TIMEOUT = 15_000


def register(page: Page, *, uscc: str, name: str = "河北华纺织造有限公司") -> None:
    """Fill the registration form as a user would (the USCC typed character by character)."""
    page.goto("/")
    page.get_by_role("link", name="注册").tap()
    expect(page.get_by_role("heading", name="企业注册")).to_be_visible()
    code = page.get_by_label("统一社会信用代码")
    wrong = uscc[:17] + ("0" if uscc[17] != "0" else "1")
    code.press_sequentially(wrong)
    expect(page.locator(".field-error").first).to_contain_text("第18位校验码不正确")
    code.fill("")
    code.press_sequentially(uscc.lower())
    expect(page.get_by_text("代码格式和校验码正确")).to_be_visible()
    page.get_by_label("企业名称").fill(name)
    page.get_by_label("所属行业").fill("1772")
    page.locator(".pick").first.tap()
    expect(page.locator(".chosen")).to_contain_text("C1772")
    page.locator("label.opt", has_text="中型").tap()
    page.get_by_label("联系人姓名").fill("李明")
    page.get_by_label("手机号码").fill("138 1234 5678")
    page.locator("input[name=password]").fill(PASSWORD)


def fill_profile(page: Page) -> None:
    """From the start page: fill the enterprise profile (no red line) and save it."""
    page.get_by_role("link", name="填写企业基本情况").tap()
    expect(page.get_by_role("heading", name="企业基本情况")).to_be_visible()
    page.locator("[data-q=ownership] label.opt", has_text="民营企业").tap()
    page.locator("[data-q=staff_count] input").fill("120")
    page.locator("[data-q=business] label.opt", has_text="以上均不涉及").tap()
    page.locator("[data-q=sales_channels] label.opt", has_text="不通过网络销售").tap()
    for field in ("dishonesty_list", "spot_check_failure", "major_accident"):
        page.locator(f"[data-q={field}] label.opt").first.tap()
    page.get_by_role("button", name="保存").tap()
    expect(page.get_by_role("heading", name="我的自评")).to_be_visible()
    expect(page.locator(".card", has_text="企业基本情况")).to_contain_text("已填写完整")


# For a test that routes the page's requests (page.route): the app's service worker is blocked.
# A page the worker controls sends its requests through it, and Playwright's routes may then
# never see them (microsoft/playwright#7588); the worker claims the page at a moment that varies
# with the machine's load, so such a test passed on a quiet machine and failed in a busy CI run.
# The worker itself is tested with it on (test_the_app_reopens_without_a_network...).
ROUTED = {"service_workers": "block"}


def sign_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").tap()
    expect(page.get_by_role("heading", name="我的自评")).to_be_visible()


def wait_saved(page: Page) -> None:
    expect(page.locator(".save-status")).to_have_attribute(
        "data-state", "saved", timeout=SAVE_TIMEOUT
    )


def answer_section(page: Page, pick: int = 1, skip=()) -> dict:
    """Answer every shown, unanswered question of the section on screen (those that appear
    meanwhile too); returns {question id: value} as the controls set it."""
    answered: dict = {}
    while True:
        pending = [
            q
            for q in page.locator(".q:not([hidden])").all()
            if q.get_attribute("data-q") not in answered
            and q.get_attribute("data-q") not in skip
            and not _has_value(q)
        ]
        if not pending:
            return answered
        question = pending[0]
        answered[question.get_attribute("data-q")] = answer(question, pick)


def _has_value(question) -> bool:
    if question.locator("input:checked").count():
        return True
    field = question.locator("input[inputmode], textarea")
    return field.count() > 0 and field.first.input_value() != ""


def answer(question, pick: int = 1):
    """Answer one question: the pick-th option (clamped), the first non-exclusive choice, 3."""
    radios = question.locator("input[type=radio]")
    if radios.count():
        index = min(pick, radios.count() - 1)
        question.locator("label.opt").nth(index).tap()
        return radios.nth(index).get_attribute("value")
    boxes = question.locator("label.opt:not(.exclusive) input[type=checkbox]")
    if boxes.count():
        question.locator("label.opt:not(.exclusive)").first.tap()
        return [boxes.first.get_attribute("value")]
    number = question.locator("input[inputmode]")
    if number.count():
        number.fill("3")
        return 3
    text = question.locator("textarea")
    if text.count():
        text.fill("按计划推进质量改进。")
        return "按计划推进质量改进。"
    question.get_by_role("button", name="添加一项标准").tap()
    question.get_by_label("标准编号（含年代号）").fill("GB/T 19001-2016")
    question.get_by_label("标准名称").fill("质量管理体系 要求")
    return [{"code": "GB/T 19001-2016"}]


# Where each link, button and field is first drawn, and how far it has moved since, frame by
# frame: a control that moves after it is shown is one a finger (or a test's tap) can miss.
_WATCH_MOVES = """
(() => {
  const first = new Map();
  const moved = new Map();
  const selector = "a, button, input, select, textarea, summary";
  function frame() {
    for (const el of document.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      const at = [box.left + window.scrollX, box.top + window.scrollY];
      if (!first.has(el)) { first.set(el, at); continue; }
      const [x, y] = first.get(el);
      const distance = Math.max(Math.abs(at[0] - x), Math.abs(at[1] - y));
      if (distance > 2) moved.set(el, Math.max(distance, moved.get(el) || 0));
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  const name = (el) => (el.textContent || el.name || el.tagName).trim();
  window.__movedControls = () => [...moved].filter(([el]) => el.isConnected)
    .map(([el, distance]) => `${name(el)} (${Math.round(distance)} px)`);
})();
"""


def watch_moves(page: Page) -> None:
    """From the next page load on, note every control that moves after it was first drawn."""
    page.add_init_script(_WATCH_MOVES)


def moved_controls(page: Page) -> list[str]:
    """The controls on the page that moved after they were drawn, with how far (after 2 frames)."""
    page.evaluate(
        "() => new Promise((go) => requestAnimationFrame(() => requestAnimationFrame(go)))"
    )
    return page.evaluate("() => window.__movedControls()")
