"""A newcomer's tour: each demo account signs in after `flask demo seed` and sees content.

Screenshots of every first screen at 390×844 and 1366×768 go to tests/_artifacts/web/tour-*.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from app.auth.demo import DEMO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}},
    "desktop": {
        "viewport": {"width": 1366, "height": 768},
        "has_touch": False,
        "is_mobile": False,
    },
}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def seeded(app):
    from app.demo.showcase import seed_demo

    # Reports render on first download in tests; the seed's rendering is tested in tests/demo.
    return seed_demo(render_reports=False)


def _sign_in(page: Page, key: str) -> None:
    page.goto("/")
    page.get_by_label("用户名").fill(DEMO[key].username)
    page.get_by_label("密码").fill(DEMO[key].password)
    page.get_by_role("button", name="登录").click()


QUESTIONNAIRES = ("brand", "quality", "standards")


def _check(page: Page, artifacts, name: str) -> None:
    """No error notice, no WCAG 2.1 A/AA violation; a screenshot to look at."""
    expect(page.locator("#alert")).to_be_hidden()
    page.screenshot(path=str(artifacts / f"tour-{name}.png"), full_page=True)
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert not violations, [(v["id"], v["nodes"][0]["target"]) for v in violations]


@pytest.mark.parametrize("screen", SCREENS)
def test_every_demo_account_sees_its_work_on_its_first_screen(
    seeded, new_page, artifacts, screen, app
):
    options = {**SCREENS[screen], "bypass_csp": True}  # axe is injected as a script

    page = new_page(**options)
    _sign_in(page, "enterprise")
    expect(page.get_by_role("heading", name="我的自评")).to_be_visible()
    # The project's three questionnaires (other tests of the session may publish more).
    cards = [page.locator(f'.card[aria-labelledby="card-{key}"]') for key in QUESTIONNAIRES]
    for card in cards:  # last year's result on each questionnaire, a new one to start
        expect(card.locator(".card-state")).to_contain_text("通过")
        expect(card.get_by_role("link", name="查看结果")).to_be_visible()
    _check(page, artifacts, f"{screen}-enterprise")
    cards[0].get_by_role("link", name="查看结果").click()
    expect(page.locator(".score .big")).to_be_visible()
    _check(page, artifacts, f"{screen}-enterprise-result")

    for key in ("regulator_city", "regulator_province", "regulator_county"):
        page = new_page(**options)
        _sign_in(page, key)
        expect(page.get_by_role("heading", name="待审核的自评")).to_be_visible()
        expect(page.locator(".rows li").first).to_be_visible()
        _check(page, artifacts, f"{screen}-{key}")

    page = new_page(**options)
    _sign_in(page, "association")
    expect(page.get_by_role("heading", name="行业汇总")).to_be_visible()
    # The client's industry picker (issue 20's other half, merged from another branch).
    picker = page.locator("select:has(option[value='C17'])")
    if picker.count():
        picker.select_option("C17")
        expect(page.locator(".agg").first).to_contain_text("参与企业")
        _check(page, artifacts, f"{screen}-association")
    else:
        # This client sends no industry; until the picker is merged, the figures are read
        # through the API the picker will call.
        page.screenshot(path=str(artifacts / f"tour-{screen}-association-no-picker.png"))
        _association_figures_through_the_api(app)


def _association_figures_through_the_api(app):
    client = app.test_client()
    login = client.post(
        "/api/v1/auth/login",
        json={"username": DEMO["association"].username, "password": DEMO["association"].password},
    ).get_json()
    headers = {"Authorization": f"Bearer {login['access_token']}"}
    body = client.get("/api/v1/aggregates?questionnaire=quality&industry=C17", headers=headers)
    assert body.status_code == 200 and body.get_json()["total"]["suppressed"] is False
