"""A rotated refresh token presented again is taken as stolen: its whole session ends, audited."""

import pytest
from sqlalchemy import select

from app.audit.models import REFRESH_REUSED, AuditEntry
from app.db import db
from tests.auth.test_tokens import LOGOUT, ME, REFRESH, assert_refused, bearer

REUSED_ZH = (
    "该刷新令牌已使用过，可能已被他人获取；为安全起见，本次登录的全部令牌均已注销，请重新登录。"
)


@pytest.fixture
def user(make_staff_account):
    return make_staff_account("regulator", jurisdiction="130100")


def reuse_events() -> list[AuditEntry]:
    db.session.rollback()  # see what other connections committed
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == REFRESH_REUSED)))


def test_a_rotated_refresh_token_presented_again_revokes_the_whole_session(
    client, issue_tokens, user
):
    stolen = issue_tokens(user)
    renewed = client.post(REFRESH, headers=bearer(stolen["refresh_token"])).get_json()
    assert client.get(ME, headers=bearer(renewed["access_token"])).status_code == 200

    replay = client.post(
        REFRESH,
        headers={
            **bearer(stolen["refresh_token"]),
            "User-Agent": "thief/1.0",
            "X-Request-ID": "r1",
        },
    )

    assert_refused(replay, REUSED_ZH)
    # Whoever holds the newer tokens, the user or the thief, loses them too.
    assert_refused(client.get(ME, headers=bearer(renewed["access_token"])), "登录令牌已注销。")
    assert_refused(client.post(REFRESH, headers=bearer(renewed["refresh_token"])))
    (event,) = reuse_events()
    assert (event.user_id, event.role, event.status) == (user.id, "regulator", 401)
    assert (event.method, event.path) == ("POST", REFRESH)
    assert (event.address, event.request_id, event.user_agent) == ("127.0.0.1", "r1", "thief/1.0")


def test_the_refusal_is_problem_json_in_english_too(client, issue_tokens, user):
    stolen = issue_tokens(user)
    client.post(REFRESH, headers=bearer(stolen["refresh_token"]))
    replay = client.post(
        REFRESH, headers={**bearer(stolen["refresh_token"]), "Accept-Language": "en"}
    )
    assert replay.status_code == 401 and replay.mimetype == "application/problem+json"
    assert replay.get_json()["detail"].startswith("This refresh token was used before")


def test_other_sessions_of_the_user_are_left_alone(client, issue_tokens, user):
    stolen, phone = issue_tokens(user), issue_tokens(user)
    client.post(REFRESH, headers=bearer(stolen["refresh_token"]))
    assert client.post(REFRESH, headers=bearer(stolen["refresh_token"])).status_code == 401
    assert client.get(ME, headers=bearer(phone["access_token"])).status_code == 200


def test_a_refresh_token_of_a_signed_out_session_is_only_refused(client, issue_tokens, user):
    tokens = issue_tokens(user)
    renewed = client.post(REFRESH, headers=bearer(tokens["refresh_token"])).get_json()
    assert client.post(LOGOUT, headers=bearer(renewed["access_token"])).status_code == 204
    assert_refused(
        client.post(REFRESH, headers=bearer(tokens["refresh_token"])), "登录令牌已注销。"
    )
    assert reuse_events() == []


def test_the_reuse_is_recorded_once(client, issue_tokens, user):
    stolen = issue_tokens(user)
    client.post(REFRESH, headers=bearer(stolen["refresh_token"]))
    for _ in range(3):
        assert client.post(REFRESH, headers=bearer(stolen["refresh_token"])).status_code == 401
    assert len(reuse_events()) == 1
