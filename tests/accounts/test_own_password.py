"""Every account changes its own password; its other sessions end, this one goes on."""

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.db import db
from tests.fixtures.data import PASSWORD

CHANGE = "/api/v1/me/password"
NEW = "a long new passphrase"


def login(client, username, password=PASSWORD):
    response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    return response


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("role", ["enterprise", "regulator", "association", "admin"])
def test_each_role_changes_its_password_and_its_other_sessions_end(
    client, role, make_enterprise_account, make_staff_account
):
    if role == "enterprise":
        username = make_enterprise_account()[1].username
    else:
        kw = {"industries": ["C17"]} if role == "association" else {}
        username = make_staff_account(role, **kw).username
    phone, laptop = login(client, username).get_json(), login(client, username).get_json()
    changed = client.post(
        CHANGE,
        json={"current_password": PASSWORD, "new_password": NEW},
        headers=bearer(laptop["access_token"]),
    )
    assert changed.status_code == 200, changed.get_json()
    renewed = changed.get_json()
    # This session goes on with the new tokens; the phone's session ended, both its tokens.
    assert client.get("/api/v1/me", headers=bearer(renewed["access_token"])).status_code == 200
    refresh = client.post("/api/v1/auth/refresh", headers=bearer(renewed["refresh_token"]))
    assert refresh.status_code == 200
    for token in (phone["access_token"], laptop["access_token"]):
        refused = client.get("/api/v1/me", headers=bearer(token))
        assert refused.status_code == 401
        assert "此前的登录均已失效" in refused.get_json()["detail"]
    stale = client.post("/api/v1/auth/refresh", headers=bearer(phone["refresh_token"]))
    assert stale.status_code == 401
    assert login(client, username).status_code == 401
    assert login(client, username, NEW).status_code == 200
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "password_change"))
    assert entry is not None and entry.status == 200


def test_a_wrong_current_password_is_refused_and_counted_as_a_failed_sign_in(
    app, client, make_staff_account, auth_headers
):
    user = make_staff_account("admin")
    headers = auth_headers(user)
    body = {"current_password": "not the password", "new_password": NEW}
    response = client.post(CHANGE, json=body, headers=headers)
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"].endswith(":current-password-wrong")
    assert "current_password" in problem["errors"]
    # Guessing the current password through this endpoint is slowed as sign-in is.
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post(CHANGE, json=body, headers=headers)
    assert client.post(CHANGE, json=body, headers=headers).status_code == 429


@pytest.mark.parametrize(
    ("new", "rule"),
    [
        ("short", "short"),
        ("1qaz2wsx3edc", "common"),
        ("abababababab", "pattern"),
        (PASSWORD, "unchanged"),
    ],
)
def test_a_new_password_breaking_a_rule_is_a_422_naming_the_rule(
    client, make_staff_account, auth_headers, new, rule
):
    headers = {**auth_headers(make_staff_account("admin")), "Accept-Language": "en"}
    response = client.post(
        CHANGE, json={"current_password": PASSWORD, "new_password": new}, headers=headers
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"].endswith(":password-rejected")
    assert problem["rule"] == rule
    assert problem["errors"]["new_password"][0].startswith("Password rule")


def test_the_enterprises_contact_phone_is_refused_in_its_new_password(
    client, make_enterprise_account, auth_headers
):
    _enterprise, user = make_enterprise_account(contact_phone="13912345678")
    response = client.post(
        CHANGE,
        json={"current_password": PASSWORD, "new_password": "mobile 13912345678"},
        headers=auth_headers(user),
    )
    assert response.status_code == 422
    assert response.get_json()["rule"] == "personal"


def test_anonymous_cannot_change_a_password(client):
    response = client.post(CHANGE, json={"current_password": PASSWORD, "new_password": NEW})
    assert response.status_code == 401
