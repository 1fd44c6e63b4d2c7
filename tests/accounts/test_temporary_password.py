"""The administrator gives a staff account a new temporary password: shown once, every session
of the account ended, changed at the next sign-in; never an enterprise's, never one's own."""

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.models import User
from app.db import db
from tests.fixtures.data import PASSWORD

ACCOUNTS = "/api/v1/accounts"


@pytest.fixture
def admin(make_staff_account, auth_headers):
    return auth_headers(make_staff_account("admin", username="console-admin"))


def give(client, headers, account_id, lang="zh"):
    return client.post(
        f"{ACCOUNTS}/{account_id}/temporary-password",
        headers={**headers, "Accept-Language": lang},
    )


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        ("regulator", {"jurisdiction": "130100"}),
        ("association", {"industries": ["C17"]}),
        ("admin", {}),
    ],
)
def test_a_staff_account_gets_a_new_temporary_password_and_its_sessions_end(
    client, admin, make_staff_account, auth_headers, role, scope
):
    user = make_staff_account(role, username=f"forgetful-{role}", **scope)
    old = auth_headers(user)
    assert client.get("/api/v1/me", headers=old).status_code == 200

    given = give(client, admin, user.id)
    assert given.status_code == 200, given.get_json()
    answer = given.get_json()
    temporary = answer["temporary_password"]
    assert len(temporary) == 14 and temporary.count("-") == 2
    assert answer["account"]["state"] == "password_change"
    assert client.get("/api/v1/me", headers=old).status_code == 401  # every session ended
    wrong = {"username": user.username, "password": PASSWORD}
    assert client.post("/api/v1/auth/login", json=wrong).status_code == 401
    login = {"username": user.username, "password": temporary}
    tokens = client.post("/api/v1/auth/login", json=login).get_json()
    assert tokens["must_change_password"] is True
    event = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "temp_password"))
    assert event.details == {"account": user.id, "username": user.username, "role": role}
    assert temporary not in str(event.details)


def test_each_time_the_password_is_new(client, admin, make_staff_account):
    user = make_staff_account("regulator", jurisdiction="130100")
    first = give(client, admin, user.id).get_json()["temporary_password"]
    second = give(client, admin, user.id).get_json()["temporary_password"]
    assert first != second
    login = {"username": user.username, "password": first}
    assert client.post("/api/v1/auth/login", json=login).status_code == 401


@pytest.mark.parametrize(("lang", "says"), [("zh", "一次性验证码"), ("en", "one-time code")])
def test_an_enterprise_is_refused_with_a_409_pointing_to_the_reset_code(
    client, admin, make_enterprise_account, auth_headers, lang, says
):
    _enterprise, user = make_enterprise_account()
    headers = auth_headers(user)
    refused = give(client, admin, user.id, lang)
    assert refused.status_code == 409
    problem = refused.get_json()
    assert problem["type"].endswith(":conflict")
    assert says in problem["detail"]
    db.session.expire_all()
    assert db.session.get(User, user.id).must_change_password is False
    assert client.get("/api/v1/me", headers=headers).status_code == 200  # nothing changed
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "temp_password")) is None


def test_an_admin_cannot_give_itself_one_and_an_unknown_account_is_404(client, admin):
    me = client.get("/api/v1/me", headers=admin).get_json()
    own = give(client, admin, me["id"], "en")
    assert own.status_code == 409
    assert "your own" in own.get_json()["detail"]
    assert client.get("/api/v1/me", headers=admin).status_code == 200
    assert give(client, admin, 999999).status_code == 404


@pytest.mark.parametrize("role", ["enterprise", "regulator", "association"])
def test_only_an_admin_may(client, make_staff_account, make_enterprise_account, auth_headers, role):
    target = make_staff_account("regulator", jurisdiction="130100")
    caller = make_enterprise_account()[1] if role == "enterprise" else make_staff_account(role)
    assert give(client, auth_headers(caller), target.id).status_code == 403
    assert client.post(f"{ACCOUNTS}/{target.id}/temporary-password").status_code == 401


def test_a_temporary_password_is_hashed_cheaply_then_at_full_cost_at_the_first_sign_in(
    app, client, admin, make_staff_account
):
    # The configured cost is for passwords people choose; a server-made random one needs none.
    keys = ("ARGON2_TIME_COST", "ARGON2_MEMORY_KIB", "ARGON2_PARALLELISM")
    saved = {key: app.config[key] for key in keys}
    app.config.update(ARGON2_TIME_COST=2, ARGON2_MEMORY_KIB=16384, ARGON2_PARALLELISM=2)
    app.extensions.pop("passwords", None)  # the hasher is built from the settings once
    try:
        staff = make_staff_account("regulator", jurisdiction="130100")
        password = give(client, admin, staff.id).get_json()["temporary_password"]
        db.session.expire_all()
        assert db.session.get(User, staff.id).password_hash.startswith(
            "$argon2id$v=19$m=8192,t=1,p=1$"
        )
        signed_in = client.post(
            "/api/v1/auth/login", json={"username": staff.username, "password": password}
        )
        assert signed_in.status_code == 200
        db.session.expire_all()
        rehashed = db.session.get(User, staff.id).password_hash
        assert rehashed.startswith("$argon2id$v=19$m=16384,t=2,p=2$")
    finally:
        app.config.update(saved)  # the app is the session's
        app.extensions.pop("passwords", None)
