"""An association with two industries reads the figures of one at a time, picked from its own
industries by name, remembered per user; field errors of a problem are shown with their field;
axe-core finds no WCAG 2.1 AA violation on these screens."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.fixtures.answering import complete_answers
from tests.web.test_screens import sign_in_staff

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1366, "height": 768}, "is_mobile": False}
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def no_violations(page, name):
    """axe-core's WCAG 2.1 A/AA rules on the page as it is now."""
    results = Axe().run(page, options=WCAG_AA)
    violations = results.response["violations"]
    found = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert not found, (name, found)


@pytest.fixture
def textile_figures(app, make_enterprise, make_staff_account, definition):
    """Six submissions in 纺织业 (C17) and six in 纺织服装、服饰业 (C18), and a snapshot of them."""
    answers = {}
    for industry, choices in (("C1772", ("best", "middle", "worst")), ("C1810", ("middle",))):
        for index in range(6):
            company = make_enterprise("130100", industry, ("small", "medium")[index % 2])
            choice = choices[index % len(choices)]
            key = (industry, choice)
            answers.setdefault(key, complete_answers(definition("quality"), company.facts, choice))
            company.submit(company.fill("quality", answers[key], batches=1))
    result = app.test_cli_runner().invoke(args=["aggregates", "snapshot"])
    assert result.exit_code == 0, result.output
    make_staff_account("association", username="textile-assoc", industries=["C17", "C18"])
    return "textile-assoc"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_an_association_with_two_industries_sees_the_figures_of_the_one_it_picks(
    new_page, textile_figures, artifacts, size
):
    page = new_page(**(DESKTOP if size == "desktop" else {}))
    sign_in_staff(page, textile_figures)
    picker = page.get_by_label("行业", exact=True)
    expect(picker).to_have_value("C17")
    expect(picker.locator("option")).to_have_text(["C17 纺织业", "C18 纺织服装、服饰业"])
    page.get_by_label("问卷").select_option("quality")
    total = page.locator(".agg").first
    expect(total).to_contain_text("参与企业：6 家")
    expect(total).not_to_contain_text("—–—")  # a withheld range reads as one dash
    expect(page.locator("#alert")).to_be_hidden()
    expect(page.locator(".note")).to_have_count(0)
    # The dimensions as a chart with a spoken summary, and the same figures as a table on demand.
    chart = total.get_by_role("img", name=re.compile("合计各维度平均分：质量领导与主体责任"))
    expect(chart).to_be_visible()
    total.get_by_role("button", name="以表格显示").first.tap()
    expect(total.get_by_role("table", name="各维度得分")).to_contain_text("质量领导与主体责任")
    # A withheld share is never drawn as zero.
    expect(total).not_to_contain_text(re.compile(r"(?<![0-9])0%"))
    expect(total.locator(".share-chart").first).to_contain_text("企业数不足，各选项占比不显示")
    # Evidence by dimension: shares of firms only, withheld here like any small cell.
    expect(total).to_contain_text("证明材料：各维度占比均不公布")
    width = "390x844" if size == "phone" else "1366x768"
    page.screenshot(path=str(artifacts / f"association-C17-{width}.png"), full_page=True)
    no_violations(page, f"association C17 {width}")
    c17 = total.inner_text()

    picker.select_option("C18")
    expect(total).not_to_have_text(c17)
    expect(page.locator(".agg").first).to_contain_text("参与企业：6 家")
    page.screenshot(path=str(artifacts / f"association-C18-{width}.png"), full_page=True)
    no_violations(page, f"association C18 {width}")

    # The choice is remembered for this user: signed out and in again, C18 is still chosen.
    page.get_by_role("button", name="退出登录").tap()
    expect(page.get_by_label("用户名")).to_be_visible()
    sign_in_staff(page, textile_figures)
    expect(page.get_by_label("行业", exact=True)).to_have_value("C18")
    page.get_by_label("问卷").select_option("quality")
    expect(page.locator(".agg").first).to_contain_text("参与企业：6 家")


def test_a_problem_shows_each_field_error_with_its_field(new_page, textile_figures, artifacts):
    """A real 422 (no industry named) rendered by the helper every view uses."""
    page = new_page()
    sign_in_staff(page, textile_figures)
    expect(page.get_by_label("行业", exact=True)).to_be_visible()
    text = page.evaluate(
        """async () => {
          const base = document.querySelector('script[src$="/js/main.js"]').src.slice(0, -7);
          const { api, errorText } = await import(base + 'api.js');
          const { t } = await import(base + 'i18n.js');
          try { await api('/aggregates?questionnaire=quality'); }
          catch (error) { return errorText(error, t); }
        }"""
    )
    lines = text.split("\n")
    assert lines[0] == "提交的数据有误，请按字段说明修改。"
    assert lines[1] == "行业: 请选择本协会的一个行业：C17, C18。"
    # Shown in the notice as lines, not run together.
    page.evaluate(
        """async (text) => {
          const base = document.querySelector('script[src$="/js/main.js"]').src.slice(0, -7);
          const main = await import(base + 'main.js');
          main.notify(text, { error: true });
        }""",
        text,
    )
    expect(page.locator("#alert")).to_contain_text("行业: 请选择本协会的一个行业")
    assert page.locator("#alert > span").evaluate("e => getComputedStyle(e).whiteSpace") == (
        "pre-line"
    )


def test_a_form_shows_the_servers_field_error_beside_the_field(new_page, artifacts):
    from tests.fixtures.actors import new_uscc
    from tests.web.phone import register

    page = new_page()
    register(page, uscc=new_uscc("130100"))
    page.get_by_label("电子邮箱（选填）").fill("not-an-email@")
    page.get_by_role("button", name="注册并登录").tap()
    field = page.locator(".field", has=page.get_by_label("电子邮箱（选填）"))
    expect(field.locator(".field-error")).to_be_visible()
    expect(page.get_by_label("电子邮箱（选填）")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".form-error")).to_be_visible()
    page.screenshot(path=str(artifacts / "register-field-error-390x844.png"), full_page=True)
    no_violations(page, "register with a field error")
