"""Sign-in, refresh, sign-out and registration leave audit entries, failures included."""

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.db import db
from tests.auth.test_register import REGISTER, body
from tests.fixtures.data import PASSWORD

LOGIN, REFRESH, LOGOUT = "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout"
FROM = {"environ_base": {"REMOTE_ADDR": "203.0.113.9"}, "headers": {"User-Agent": "phone/2"}}


def entries() -> list[tuple]:
    db.session.rollback()
    rows = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    return [(e.action, e.user_id, e.role, e.status) for e in rows]


def test_a_session_from_sign_in_to_sign_out_is_recorded(client, make_enterprise_account):
    _, user = make_enterprise_account()
    wrong = client.post(LOGIN, json={"username": user.username, "password": "wrong-pass-1"}, **FROM)
    assert wrong.status_code == 401
    tokens = client.post(LOGIN, json={"username": user.username, "password": PASSWORD}, **FROM)
    assert tokens.status_code == 200
    refresh = tokens.get_json()["refresh_token"]
    refreshed = client.post(REFRESH, headers={"Authorization": f"Bearer {refresh}"})
    assert refreshed.status_code == 200
    access = refreshed.get_json()["access_token"]
    assert client.post(LOGOUT, headers={"Authorization": f"Bearer {access}"}).status_code == 204
    assert entries() == [
        ("sign_in", user.id, "enterprise", 401),
        ("sign_in", user.id, "enterprise", 200),
        ("refresh", user.id, "enterprise", 200),
        ("sign_out", user.id, "enterprise", 204),
    ]
    first = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)).first()
    assert (first.address, first.user_agent) == ("203.0.113.9", "phone/2")
    assert first.request_id == wrong.headers["X-Request-ID"]


def test_an_unknown_username_is_recorded_without_the_typed_text(client):
    typed = "my-secret-password-typed-here"
    assert client.post(LOGIN, json={"username": typed, "password": "x" * 12}).status_code == 401
    db.session.rollback()
    (entry,) = db.session.scalars(select(AuditEntry))
    assert (entry.action, entry.user_id, entry.role) == ("sign_in", None, "anonymous")
    assert typed not in repr([entry.filters, entry.details, entry.path])


def test_a_registration_and_a_claim_of_a_taken_code_are_recorded(client):
    payload = body()
    assert client.post(REGISTER, json=payload).status_code == 201
    assert client.post(REGISTER, json=payload).status_code == 409
    assert client.post(REGISTER, json=body(name="")).status_code == 422  # malformed: not kept
    (created, taken) = entries()
    assert created[0] == taken[0] == "register"
    assert created[1] == taken[1] is not None  # the account the code belongs to
    assert (created[3], taken[3]) == (201, 409)
