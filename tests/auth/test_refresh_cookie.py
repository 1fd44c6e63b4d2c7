"""Browsers keep the refresh token in an HttpOnly cookie, sent only with a custom header."""

import pytest

from app.config import load_config
from tests.fixtures.data import PASSWORD

LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
ME = "/api/v1/me"
BROWSER = {"X-Refresh-Cookie": "1"}


@pytest.fixture
def account(make_enterprise_account):
    return make_enterprise_account()[0]


def sign_in(client, account):
    return client.post(
        LOGIN, json={"username": account.uscc, "password": PASSWORD}, headers=BROWSER
    )


def cookie_header(response) -> str:
    (header,) = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("qa_refresh=")]
    return header


def test_a_browser_gets_the_refresh_token_in_a_strict_httponly_cookie_only(client, account):
    response = sign_in(client, account)
    assert response.status_code == 200
    body = response.get_json()
    assert "refresh_token" not in body and body["access_token"]
    header = cookie_header(response)
    assert "HttpOnly" in header and "SameSite=Strict" in header
    assert "Path=/api/v1/auth/refresh" in header
    assert "Max-Age=86400" in header  # the enterprise idle timeout, 1440 minutes
    assert "Secure" not in header  # plain-http development and tests (REFRESH_COOKIE_SECURE)


def test_the_cookie_is_secure_when_the_service_is_served_over_https(tmp_path):
    https = {"PUBLIC_BASE_URL": "https://zl.example.cn"}
    assert load_config(https, instance_path=tmp_path)["REFRESH_COOKIE_SECURE"] is True
    assert load_config({}, instance_path=tmp_path)["REFRESH_COOKIE_SECURE"] is False
    forced = {**https, "REFRESH_COOKIE_SECURE": "0"}
    assert load_config(forced, instance_path=tmp_path)["REFRESH_COOKIE_SECURE"] is False


def test_secure_cookie_flag_follows_the_setting(app, client, account, monkeypatch):
    monkeypatch.setitem(app.config, "REFRESH_COOKIE_SECURE", True)
    assert "Secure" in cookie_header(sign_in(client, account))


def test_refreshing_with_the_cookie_rotates_it(app, client, account):
    sign_in(client, account)
    old = client.get_cookie("qa_refresh", path=REFRESH).value
    response = client.post(REFRESH, headers=BROWSER)
    assert response.status_code == 200, response.get_json()
    assert "refresh_token" not in response.get_json()
    new = client.get_cookie("qa_refresh", path=REFRESH).value
    assert new != old
    assert client.get(
        ME, headers={"Authorization": "Bearer " + response.get_json()["access_token"]}
    )
    # The rotated cookie, replayed, is a reuse: refused (and the session revoked).
    thief = app.test_client()
    thief.set_cookie("qa_refresh", old, path=REFRESH)
    assert thief.post(REFRESH, headers=BROWSER).status_code == 401
    assert client.post(REFRESH, headers=BROWSER).status_code == 401


def test_the_cookie_is_not_taken_without_the_custom_header(client, account):
    # A cross-site form or a plain link cannot add the header: no token, so no refresh (CSRF).
    sign_in(client, account)
    response = client.post(REFRESH)
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"


def test_logout_clears_the_cookie(client, account):
    access = sign_in(client, account).get_json()["access_token"]
    response = client.post(LOGOUT, headers={"Authorization": f"Bearer {access}", **BROWSER})
    assert response.status_code == 204
    header = cookie_header(response)
    assert "Max-Age=0" in header or "expires=Thu, 01 Jan 1970" in header
    assert client.get_cookie("qa_refresh", path=REFRESH) is None
    assert client.post(REFRESH, headers=BROWSER).status_code == 401


def test_api_clients_keep_the_refresh_token_in_the_json(client, account):
    response = client.post(LOGIN, json={"username": account.uscc, "password": PASSWORD})
    assert response.get_json()["refresh_token"]
    assert not [h for h in response.headers.getlist("Set-Cookie") if "qa_refresh" in h]
