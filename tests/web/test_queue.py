"""The regulator's queue on a phone: search, folded filters, the filter in the URL, counts, the
empty state naming its filters; axe-clean; screenshots at 360×640 and 1366×768."""

import pytest
from playwright.sync_api import expect

from tests.fixtures.answering import complete_answers
from tests.fixtures.data import PASSWORD
from tests.web.test_association import DESKTOP, no_violations
from tests.web.test_screens import sign_in_staff

pytestmark = pytest.mark.browser
SMALL = {"viewport": {"width": 360, "height": 640}}


@pytest.fixture
def desk(make_enterprise, make_staff_account, definition):
    """石家庄's regulator and submissions in three of its districts, and one in 唐山."""
    make_staff_account("regulator", username="sjz-desk", jurisdiction="130100")
    for division, name, industry, size, verified in [
        ("130102", "石家庄宏达毛巾有限公司", "C1772", "small", True),
        ("130104", "桥西精密机械有限公司", "C3311", "large", True),
        ("130105", "新华毛巾厂", "C1772", "micro", False),
        ("130202", "唐山宏达毛巾有限公司", "C1772", "small", True),
    ]:
        company = make_enterprise(division, industry, size, name=name, verified=verified)
        answers = complete_answers(definition("quality"), company.facts, "middle")
        company.submit(company.fill("quality", answers))


def rows(page):
    return page.locator(".rows .row")


def test_a_regulator_finds_filters_shares_and_empties_the_queue(new_page, desk, artifacts):
    page = new_page(**SMALL)
    sign_in_staff(page, "sjz-desk")
    expect(page.get_by_role("heading", name="待审核的自评")).to_be_visible()
    expect(rows(page)).to_have_count(3)  # 唐山's firm is not 石家庄's business
    expect(page.locator(".q-tabs")).to_contain_text("待审核 3")
    expect(page.get_by_role("status")).to_contain_text("符合条件的共 3 份")

    page.screenshot(path=str(artifacts / "queue-folded-360x640.png"))  # the first screenful
    page.get_by_label("企业名称或统一社会信用代码").fill("毛巾")
    page.get_by_role("button", name="查找").tap()
    expect(rows(page)).to_have_count(2)
    expect(page.locator(".rows")).not_to_contain_text("唐山")

    toggle = page.get_by_role("button", name="筛选", exact=True)
    expect(page.get_by_label("区县", exact=True)).to_be_hidden()  # folded on a phone
    toggle.tap()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    county = page.get_by_label("区县", exact=True)
    expect(county.locator("option", has_text="唐山")).to_have_count(0)  # only its own counties
    county.select_option("130102")
    expect(rows(page)).to_have_count(1)
    expect(rows(page)).to_contain_text("石家庄宏达毛巾有限公司")
    expect(page.get_by_role("button", name="去掉“区县：石家庄市 长安区”")).to_be_visible()
    expect(page.get_by_role("button", name="筛选（1 项）")).to_be_visible()
    no_violations(page, "queue with the filters open")
    page.screenshot(path=str(artifacts / "queue-filtered-360x640.png"), full_page=True)

    shared = page.url
    assert "county=130102" in shared and "q=%E6%AF%9B%E5%B7%BE" in shared
    page.reload()
    expect(rows(page)).to_have_count(1)
    expect(page.get_by_label("企业名称或统一社会信用代码")).to_have_value("毛巾")

    # A colleague opens the shared link, signs in, and sees the same filter and the same row.
    other = new_page(**DESKTOP)
    other.goto(shared)
    other.get_by_label("用户名").fill("sjz-desk")
    other.get_by_label("密码").fill(PASSWORD)
    other.get_by_role("button", name="登录").tap()
    expect(rows(other)).to_have_count(1)
    expect(other.get_by_label("区县", exact=True)).to_have_value("130102")  # open when wide
    assert other.url == shared
    other.screenshot(path=str(artifacts / "queue-filtered-1366x768.png"), full_page=True)

    # Nothing matches: the empty state names each filter, and one tap removes them all.
    page.get_by_role("button", name="筛选（1 项）").tap()
    page.get_by_label("企业规模", exact=True).select_option("micro")
    expect(rows(page)).to_have_count(0)
    empty = page.locator(".q-empty")
    expect(empty).to_contain_text("没有符合以下条件的自评")
    for condition in (
        "状态：待审核",
        "名称或代码：毛巾",
        "区县：石家庄市 长安区",
        "企业规模：微型",
    ):
        expect(empty).to_contain_text(condition)
    expect(page.get_by_role("status")).to_contain_text("符合条件的共 0 份")
    no_violations(page, "empty queue")
    page.screenshot(path=str(artifacts / "queue-empty-360x640.png"), full_page=True)
    page.get_by_role("button", name="去掉“企业规模：微型”").tap()
    expect(rows(page)).to_have_count(1)
    page.get_by_label("企业规模", exact=True).select_option("micro")
    empty.get_by_role("button", name="清除全部筛选").tap()
    expect(rows(page)).to_have_count(3)
    expect(page.get_by_label("企业名称或统一社会信用代码")).to_have_value("")
    assert "county" not in page.url and "q=" not in page.url


def test_a_state_with_no_rows_offers_the_other_states(new_page, desk):
    page = new_page(**SMALL)
    sign_in_staff(page, "sjz-desk")
    page.get_by_role("button", name="已通过 0").tap()
    expect(page.locator(".q-empty")).to_contain_text("其他状态下有 3 份符合其余条件的自评")
    page.get_by_role("button", name="查看全部状态").tap()
    expect(rows(page)).to_have_count(3)
    expect(page.get_by_role("button", name="全部 3")).to_have_attribute("aria-pressed", "true")
    assert "status=all" in page.url
