"""The API docs page works under its Content-Security-Policy (app/headers.py)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_swagger_ui_renders_with_no_csp_violation(new_page):
    page = new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    response = page.goto("/api/docs")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("质量自评")
    expect(page.locator(".opblock").first).to_be_visible()
    assert refused == []
