"""A Lighthouse-style budget: what the first screen transfers, gzip'd, stays under 150 KB."""

import gzip

import pytest
from playwright.sync_api import expect

from tests.fixtures.data import PASSWORD
from tests.web.phone import sign_in

pytestmark = pytest.mark.browser

BUDGET = 150 * 1024


def first_screen(page, live_server, settle):
    """The same-origin URLs a cold start loads until the first screen is drawn and idle,
    the service worker's copy of the app shell included (it is fetched at the first visit)."""
    urls = []
    # GETs: the refresh a signed-in start makes first is a small POST, not a download.
    page.context.on(
        "request", lambda request: urls.append(request.url) if request.method == "GET" else None
    )
    page.goto("/", wait_until="networkidle")
    settle()
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    return [u.removeprefix(live_server) for u in urls if u.startswith(live_server)]


def gzip_bytes(app, paths, headers=None) -> dict:
    """Bytes on the wire for each path when the client accepts only gzip (body + headers)."""
    client = app.test_client()
    sizes = {}
    for path in paths:
        response = client.get(path, headers={"Accept-Encoding": "gzip", **(headers or {})})
        assert response.status_code == 200, path
        body = response.get_data()
        if response.headers.get("Content-Encoding") != "gzip":
            body = gzip.compress(body)  # count it as if gzip'd: the budget is for gzip
        head = sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        sizes[path] = len(body) + head
    return sizes


def test_login_screen_is_under_budget(app, new_page, live_server):
    page = new_page()
    paths = first_screen(page, live_server, lambda: expect(page.locator("h1")).to_have_text("登录"))
    sizes = gzip_bytes(app, paths)
    total = sum(sizes.values())
    print(f"first screen (sign in): {len(sizes)} requests, {total / 1024:.1f} KB gzip")
    assert total < BUDGET, sizes


def test_signed_in_home_screen_is_under_budget(
    app, new_page, live_server, make_enterprise_account, login
):
    _, user = make_enterprise_account()
    page = new_page()
    sign_in(page, user.username, PASSWORD)  # the refresh cookie stays, as on a phone
    # A cold start of a signed-in phone: the page and scripts from the network, not the cache.
    page.context.route(
        "**/*",
        lambda route: route.continue_(
            headers={**route.request.headers, "Cache-Control": "no-cache"}
        ),
    )
    paths = first_screen(
        page, live_server, lambda: expect(page.locator("h1")).to_have_text("我的自评")
    )
    sizes = gzip_bytes(app, paths, login(user.username))
    total = sum(sizes.values())
    print(f"first screen (home, signed in): {len(sizes)} requests, {total / 1024:.1f} KB gzip")
    assert total < BUDGET, sizes
