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
    assert set(data) == {
        "access_token",
        "refresh_token",
        "token_type",
        "expires_in",
        "refresh_expires_at",
        "session_expires_at",
        "role",
        "username",
        "must_change_password",
    }
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


def age_attempts(seconds: float) -> None:
    """Move every recorded attempt back in time, as if the client had waited."""
    for row in db.session.scalars(select(LoginAttempt)):
        row.created_at -= timedelta(seconds=seconds)
    db.session.commit()


def test_guessing_from_one_address_does_not_lock_the_owner_out(app, client, make_staff_account):
    user = make_staff_account("regulator")
    for _ in range(app.config["LOGIN_MAX_FAILURES"] * 2):
        attempt(client, user.username, WRONG, address="10.1.0.66")
    # The owner, elsewhere, is neither blocked nor slowed by the guesses at a public username.
    assert attempt(client, user.username, PASSWORD, address="10.1.0.7").status_code == 200


def test_failures_from_one_address_on_one_username_slow_down_progressively(
    app, client, make_staff_account
):
    user = make_staff_account("admin")
    limit = app.config["LOGIN_MAX_FAILURES"]
    statuses = [attempt(client, user.username, WRONG).status_code for _ in range(limit)]
    assert statuses == [401] * limit
    delays = []
    for _ in range(4):
        blocked = attempt(client, user.username, WRONG)
        assert blocked.status_code == 429
        assert blocked.mimetype == "application/problem+json"
        delays.append(int(blocked.headers["Retry-After"]))
        assert str(delays[-1]) in blocked.get_json()["detail"]
        # While it must wait, even the right password is not checked (else guessing goes on).
        assert attempt(client, user.username, PASSWORD).status_code == 429
        age_attempts(delays[-1])
        assert attempt(client, user.username, WRONG).status_code == 401
    assert delays == [1, 2, 4, 8]


def test_the_delay_stops_growing_at_its_ceiling(app, client, make_staff_account, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_MAX_DELAY_SECONDS", 3)
    user = make_staff_account("admin")
    for _ in range(app.config["LOGIN_MAX_FAILURES"] + 4):
        attempt(client, user.username, WRONG)
        age_attempts(3)
    assert int(attempt(client, user.username, WRONG).headers.get("Retry-After", 0)) <= 3


def test_the_delay_lifts_when_the_failures_leave_the_window(app, client, make_staff_account):
    user = make_staff_account("admin")
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        attempt(client, user.username, WRONG)
    assert attempt(client, user.username, PASSWORD).status_code == 429
    age_attempts(app.config["LOGIN_WINDOW_SECONDS"] + 1)
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


def test_the_address_is_the_one_the_trusted_proxy_reports(
    app, client, make_staff_account, monkeypatch
):
    from werkzeug.middleware.proxy_fix import ProxyFix

    monkeypatch.setattr(app, "wsgi_app", ProxyFix(app.wsgi_app, x_for=1))
    user = make_staff_account("admin")
    for _ in range(app.config["LOGIN_MAX_FAILURES"] + 1):
        behind = {"X-Forwarded-For": "203.0.113.9"}
        client.post(
            LOGIN,
            json={"username": user.username, "password": WRONG},
            headers=behind,
            environ_base={"REMOTE_ADDR": "10.9.9.9"},
        )
    # Everyone arrives from the proxy's address; only the guesser's own address is slowed.
    owner = client.post(
        LOGIN,
        json={"username": user.username, "password": PASSWORD},
        headers={"X-Forwarded-For": "198.51.100.4"},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )
    assert owner.status_code == 200
    rows = db.session.scalars(select(LoginAttempt.address)).all()
    assert set(rows) == {"203.0.113.9"}


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


def test_a_password_typed_into_the_username_field_is_never_logged(client, caplog):
    with caplog.at_level(logging.DEBUG):
        response = attempt(client, "My-Secret-Pass-2026", "x")
    assert response.status_code == 401
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "sign-in failed" in logged
    assert "my-secret-pass-2026" not in logged.lower()


@pytest.mark.parametrize(
    "payload",
    [{}, {"username": "x"}, {"username": 1, "password": 2}, {"username": "", "password": "x"}],
)
def test_login_answers_422_for_malformed_input(client, payload):
    response = client.post(LOGIN, json=payload)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
