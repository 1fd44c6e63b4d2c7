"""Signing in: the same 401 for unknown users and wrong passwords, and limits on failures."""

import logging
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.auth.models import LoginAttempt, User
from app.auth.service import set_user_disabled
from app.db import db
from tests.fixtures.data import PASSWORD

LOGIN = "/api/v1/auth/login"
WRONG = "wrong-password-123"


def attempt(client, username, password, *, address="10.0.0.1", lang=None):
    headers = {"Accept-Language": lang} if lang else {}
    return client.post(
        LOGIN,
        json={"username": username, "password": password},
        headers=headers,
        environ_base={"REMOTE_ADDR": address},
    )


def test_login_returns_tokens_and_role_for_an_enterprise_by_its_uscc(
    client, make_enterprise_account
):
    enterprise, _ = make_enterprise_account()
    response = attempt(client, enterprise.uscc, PASSWORD)
    assert response.status_code == 200
    data = response.get_json()
    assert set(data) == {"access_token", "refresh_token", "token_type", "expires_in", "role"}
    assert data["token_type"] == "Bearer"
    assert data["expires_in"] == 15 * 60
    assert data["role"] == "enterprise"


def test_login_accepts_the_uscc_with_spaces_and_lower_case(client, make_enterprise_account):
    enterprise, _ = make_enterprise_account()
    spelled = f" {enterprise.uscc[:8].lower()} {enterprise.uscc[8:]} "
    assert attempt(client, spelled, PASSWORD).status_code == 200


@pytest.mark.parametrize("role", ["regulator", "association", "admin"])
def test_login_works_for_staff_with_their_username(client, make_staff_account, role):
    user = make_staff_account(role)
    response = attempt(client, user.username.upper(), PASSWORD)
    assert response.status_code == 200
    assert response.get_json()["role"] == role


def test_unknown_user_and_wrong_password_get_the_same_401(client, make_enterprise_account):
    enterprise, _ = make_enterprise_account()
    unknown = attempt(client, "nobody-here", PASSWORD, address="10.0.0.2")
    wrong = attempt(client, enterprise.uscc, WRONG, address="10.0.0.3")
    for response in (unknown, wrong):
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
    assert unknown.get_json() == wrong.get_json()
    assert unknown.get_json()["detail"] == "用户名或密码错误。"
    english = attempt(client, "nobody-here", PASSWORD, address="10.0.0.2", lang="en")
    assert english.get_json()["detail"] == "Wrong username or password."


def test_a_disabled_account_cannot_sign_in_and_looks_like_a_wrong_password(
    client, make_enterprise_account
):
    enterprise, user = make_enterprise_account()
    set_user_disabled(username=user.username, disabled=True)
    db.session.commit()
    response = attempt(client, enterprise.uscc, PASSWORD)
    assert response.status_code == 401
    assert response.get_json()["detail"] == "用户名或密码错误。"


def test_failures_on_one_username_are_cut_off_with_429_and_retry_after(
    app, client, make_staff_account
):
    user = make_staff_account("admin")
    limit = app.config["LOGIN_MAX_FAILURES"]
    # Each from another address: the username limit alone applies.
    statuses = [
        attempt(client, user.username, WRONG, address=f"10.1.0.{i}").status_code
        for i in range(limit)
    ]
    assert statuses == [401] * limit
    blocked = attempt(client, user.username, WRONG, address="10.1.0.99")
    assert blocked.status_code == 429
    assert blocked.mimetype == "application/problem+json"
    retry_after = int(blocked.headers["Retry-After"])
    assert 0 < retry_after <= app.config["LOGIN_WINDOW_SECONDS"]
    assert str(retry_after) in blocked.get_json()["detail"]
    # While cut off, even the right password is not checked (else guessing would go on).
    assert attempt(client, user.username, PASSWORD, address="10.1.0.98").status_code == 429


def test_the_limit_lifts_when_the_failures_leave_the_window(app, client, make_staff_account):
    user = make_staff_account("admin")
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        attempt(client, user.username, WRONG)
    assert attempt(client, user.username, PASSWORD).status_code == 429
    window = timedelta(seconds=app.config["LOGIN_WINDOW_SECONDS"] + 1)
    for row in db.session.scalars(select(LoginAttempt)):
        row.created_at -= window
    db.session.commit()
    assert attempt(client, user.username, PASSWORD).status_code == 200
    # Attempts older than the window are pruned as new ones come in.
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_a_success_clears_that_usernames_failures(app, client, make_staff_account):
    user = make_staff_account("admin")
    limit = app.config["LOGIN_MAX_FAILURES"]
    for _ in range(limit - 1):
        assert attempt(client, user.username, WRONG).status_code == 401
    assert attempt(client, user.username, PASSWORD).status_code == 200
    for _ in range(limit):
        assert attempt(client, user.username, WRONG).status_code == 401
    assert attempt(client, user.username, WRONG).status_code == 429


def test_failures_from_one_address_are_cut_off_across_usernames(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_MAX_ADDRESS_FAILURES", 4)
    for i in range(4):
        assert attempt(client, f"sprayed-{i}", WRONG, address="10.2.0.1").status_code == 401
    assert attempt(client, "sprayed-9", WRONG, address="10.2.0.1").status_code == 429
    # Another address is not affected.
    assert attempt(client, "sprayed-9", WRONG, address="10.2.0.2").status_code == 401


def test_many_correct_sign_ins_behind_one_address_are_never_slowed(
    app, client, make_enterprise_account, monkeypatch
):
    monkeypatch.setitem(app.config, "LOGIN_MAX_ADDRESS_FAILURES", 3)
    monkeypatch.setitem(app.config, "LOGIN_MAX_FAILURES", 3)
    enterprises = [make_enterprise_account()[0] for _ in range(4)]
    for _ in range(3):
        for enterprise in enterprises:
            assert attempt(client, enterprise.uscc, PASSWORD, address="10.3.0.1").status_code == 200
    # Successes leave nothing behind to count.
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0


def test_a_hash_made_with_other_parameters_is_upgraded_at_sign_in(app, client, make_staff_account):
    user = make_staff_account("admin")
    old_hash = user.password_hash
    state = app.extensions.pop("passwords")
    app.config["ARGON2_TIME_COST"] += 1
    try:
        assert attempt(client, user.username, PASSWORD).status_code == 200
        db.session.expire_all()
        new_hash = db.session.get(User, user.id).password_hash
        assert new_hash != old_hash and "t=2" in new_hash
    finally:
        app.config["ARGON2_TIME_COST"] -= 1
        app.extensions["passwords"] = state


def test_no_password_or_token_is_logged(client, make_staff_account, caplog):
    user = make_staff_account("admin")
    with caplog.at_level(logging.DEBUG):
        attempt(client, user.username, WRONG)
        tokens = attempt(client, user.username, PASSWORD).get_json()
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (WRONG, PASSWORD, tokens["access_token"], tokens["refresh_token"]):
        assert secret not in logged
    assert "sign-in failed" in logged  # failures are logged, by username only


@pytest.mark.parametrize(
    "payload",
    [{}, {"username": "x"}, {"username": 1, "password": 2}, {"username": "", "password": "x"}],
)
def test_login_answers_422_for_malformed_input(client, payload):
    response = client.post(LOGIN, json=payload)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
