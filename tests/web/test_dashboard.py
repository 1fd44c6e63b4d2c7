"""The regulator's dashboard: tiles, charts with their tables, the tile map and red flags;
axe-clean, at 360×640 and 1366×768."""

import pytest
from playwright.sync_api import expect

from app.campaigns.service import today
from tests.fixtures.actors import COMPLETE_PROFILE
from tests.fixtures.answering import complete_answers
from tests.web.test_association import no_violations
from tests.web.test_screens import sign_in_staff

pytestmark = pytest.mark.browser
SIZES = ((360, 640), (1366, 768))
FLAGGED = {**COMPLETE_PROFILE, "spot_check_failure": "unrectified"}


@pytest.fixture
def jurisdiction(app, make_enterprise, make_staff_account, definition):
    """Six submissions in 石家庄 (one with a red line), one in 辛集, two in 唐山; a snapshot."""
    places = [
        "130102",
        "130102",
        "130104",
        "130105",
        "130181",
        "130183",
        "130104",
        "130202",
        "130203",
    ]
    flagged = None
    for index, division in enumerate(places):
        company = make_enterprise(division, profile=FLAGGED if index == 2 else None)
        choice = ("best", "middle", "worst")[index % 3]
        done = company.submit(
            company.fill(
                "quality", complete_answers(definition("quality"), company.facts, choice), 1
            )
        )
        flagged = done["id"] if index == 2 else flagged
    result = app.test_cli_runner().invoke(args=["aggregates", "snapshot"])
    assert result.exit_code == 0, result.output
    make_staff_account("regulator", username="hebei-dash", jurisdiction="130000")
    return flagged


def test_the_province_sees_its_cities_then_a_citys_counties(new_page, jurisdiction, artifacts):
    page = new_page()
    sign_in_staff(page, "hebei-dash")
    page.get_by_role("link", name="辖区概览").tap()
    expect(page.get_by_role("heading", name="辖区概览")).to_be_visible()
    page.get_by_label("问卷").select_option("quality")
    page.get_by_role("button", name="查看").tap()
    expect(page.locator("h2.place")).to_contain_text("质量")
    tiles = page.locator(".tiles")
    expect(tiles).to_contain_text("已提交")
    expect(tiles.locator(".tile").nth(0)).to_contain_text("9")
    # Every chart has its text equivalent behind a toggle.
    states = page.get_by_role("region", name="填报状态")
    expect(states.get_by_role("img")).to_have_attribute(
        "aria-label", "填报状态：填写中 0，待审核 9，已退回 0，已通过 0"
    )
    states.get_by_role("button", name="以表格显示").tap()
    expect(states.get_by_role("table")).to_contain_text("待审核")
    flags = page.get_by_role("region", name="红线事项")
    expect(flags.get_by_role("link", name=f"#{jurisdiction}")).to_be_visible()
    expect(flags.get_by_role("link", name="在审核列表中查看全部触及红线的提交")).to_have_attribute(
        "href", "#/?red_flags=true"
    )
    # Year by year, live for the regulator's reach: this year's nine filings and their mean.
    by_year = page.get_by_role("region", name="历年对比")
    by_year.get_by_role("button", name="以表格显示").tap()
    this_year = by_year.get_by_role("row").nth(1)
    expect(this_year).to_contain_text(str(today().year))
    expect(this_year.get_by_role("cell").first).to_have_text("9")
    cities = page.get_by_role("region", name="各地市对比")
    expect(cities.locator(".tilemap button")).to_have_count(14)
    no_violations(page, "dashboard province")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(
            path=str(artifacts / f"dashboard-province-{width}x{height}.png"), full_page=True
        )

    cities.get_by_role("button", name="石家庄市：平均得分", exact=False).tap()
    counties = page.get_by_role("region", name="各县（市、区）对比")
    expect(counties).to_be_visible()
    expect(counties.get_by_role("img", name="长安区", exact=False)).to_be_visible()
    expect(page.locator(".tiles .tile").nth(0)).to_contain_text("6")  # 辛集 reports alone
    no_violations(page, "dashboard city")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(
            path=str(artifacts / f"dashboard-city-{width}x{height}.png"), full_page=True
        )
    page.get_by_role("region", name="红线事项").get_by_role("link", name=f"#{jurisdiction}").tap()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#/a/{jurisdiction}/result")


def test_a_county_sees_its_own_figures_and_is_told_it_has_no_map(
    new_page, jurisdiction, make_staff_account, artifacts
):
    make_staff_account("regulator", username="changan-dash", jurisdiction="130102")
    page = new_page()
    sign_in_staff(page, "changan-dash")
    page.get_by_role("link", name="辖区概览").tap()
    page.get_by_label("问卷").select_option("quality")
    page.get_by_role("button", name="查看").tap()
    expect(page.locator("h2.place")).to_contain_text("长安区")
    expect(page.locator(".tiles .tile").nth(0)).to_contain_text("2")  # 长安区's two filings
    below = page.get_by_role("region", name="下级单位")
    expect(below).to_contain_text("没有下级单位")
    expect(page.locator(".tilemap")).to_have_count(0)
    expect(page.get_by_role("region", name="历年对比")).to_contain_text("按市级单位发布")
    no_violations(page, "dashboard county")
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(
            path=str(artifacts / f"dashboard-county-{width}x{height}.png"), full_page=True
        )
