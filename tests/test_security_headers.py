"""Security headers on every response (app/headers.py)."""

import base64
import hashlib
import re

import pytest

from app.headers import page_policy
from tests.fixtures.data import PASSWORD


def test_every_response_is_not_sniffed_and_sends_no_referrer(client):
    for path in ("/healthz", "/api/openapi.json", "/api/v1/nowhere", "/"):
        response = client.get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["Referrer-Policy"] == "no-referrer", path


def test_personal_json_is_never_stored(client, enterprise):
    response = client.get("/api/v1/me", headers=enterprise.headers)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    refused = client.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"})
    assert "no-store" in refused.headers["Cache-Control"]


def test_tokens_from_sign_in_are_never_stored(client, make_enterprise_account):
    enterprise, _ = make_enterprise_account()
    response = client.post(
        "/api/v1/auth/login", json={"username": enterprise.uscc, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_public_definitions_stay_cacheable_for_a_signed_in_caller(client, enterprise):
    response = client.get("/api/v1/questionnaires/quality", headers=enterprise.headers)
    assert response.status_code == 200
    assert response.headers["Cache-Control"].startswith("public")


def test_hsts_is_sent_over_tls_only_and_can_be_turned_off(app, client, monkeypatch):
    plain = client.get("/healthz")
    assert "Strict-Transport-Security" not in plain.headers
    secure = client.get("/healthz", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"
    monkeypatch.setitem(app.config, "HSTS_SECONDS", 0)
    secure = client.get("/healthz", base_url="https://localhost")
    assert "Strict-Transport-Security" not in secure.headers


def inline_hashes(html: str, tag: str) -> set[str]:
    blocks = re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.S)
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'"
        for b in blocks
        if b.strip()
    }


def test_the_api_docs_page_allows_its_own_inline_script_only_and_no_framing(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    hashes = inline_hashes(response.get_data(as_text=True), "script")
    assert hashes and all(h in script_src for h in hashes)


@pytest.mark.parametrize("accept", ["text/html"])
def test_the_verification_page_cannot_be_framed(client, accept):
    response = client.get("/api/v1/reports/verify/ZZZZ-ZZZZ-ZZZZ-ZZZZ", headers={"Accept": accept})
    assert response.mimetype == "text/html"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_page_policy_names_exactly_the_pages_inline_blocks():
    html = (
        "<style>p{color:red}</style><p>x</p><script>var a = 1;</script><script src=/x.js></script>"
    )
    policy = page_policy(html)
    named = set(re.findall(r"'sha256-[^']+'", policy))
    assert named == inline_hashes(html, "script") | inline_hashes(html, "style")
    assert len(named) == 2
    assert "'unsafe-inline'" not in policy
    assert page_policy("<p>nothing inline</p>").count("sha256") == 0
