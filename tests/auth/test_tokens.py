"""Sessions: every bad token is a 401 problem+json; refresh rotates; logout revokes everywhere."""

import base64
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import jwt as pyjwt
import pytest
from flask_jwt_extended import create_access_token, decode_token

from app.auth.models import User
from app.auth.service import set_user_disabled
from app.db import db

ME = "/api/v1/me"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def assert_refused(response, detail_zh: str | None = None):
    assert response.status_code == 401, response.get_json()
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == 401 and body["title"] == "未认证"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    if detail_zh:
        assert body["detail"] == detail_zh


@pytest.fixture
def user(make_staff_account):
    return make_staff_account("regulator", jurisdiction="130100")


@pytest.fixture
def tokens(issue_tokens, user):
    return issue_tokens(user)


def claims_of(app, token: str) -> dict:
    with app.test_request_context():
        return decode_token(token, allow_expired=True)


def test_a_valid_access_token_reaches_me(client, tokens, user):
    response = client.get(ME, headers=bearer(tokens["access_token"]))
    assert response.status_code == 200
    assert response.get_json()["username"] == user.username
    assert response.get_json()["jurisdiction"] == "130100"
    assert response.get_json()["jurisdiction_name"] == "石家庄市"


def test_no_token_is_refused_in_chinese_and_english(client):
    assert_refused(client.get(ME), "需要登录：请在 Authorization 请求头中提供 Bearer 令牌。")
    english = client.get(ME, headers={"Accept-Language": "en"})
    assert english.get_json()["detail"].startswith("Sign-in required")
    assert english.get_json()["title"] == "Unauthorized"


def test_a_forged_token_is_refused(client, tokens):
    header, payload, signature = tokens["access_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["role"], claims["sub"] = "admin", "1"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    assert_refused(
        client.get(ME, headers=bearer(f"{header}.{forged}.{signature}")), "登录令牌无效。"
    )


@pytest.mark.parametrize("garbage", ["abc", "a.b.c", "", "Bearer", "eyJhbGciOiJub25lIn0.e30."])
def test_malformed_tokens_are_refused(client, garbage):
    assert_refused(client.get(ME, headers=bearer(garbage)))


def test_an_unsigned_alg_none_token_is_refused(app, client, tokens):
    claims = claims_of(app, tokens["access_token"])
    unsigned = pyjwt.encode(claims, key=None, algorithm="none")
    assert_refused(client.get(ME, headers=bearer(unsigned)), "登录令牌无效。")


def test_a_token_signed_with_another_key_is_refused(app, client, tokens):
    claims = claims_of(app, tokens["access_token"])
    other = pyjwt.encode(claims, "another-key-" + "x" * 40, algorithm="HS256")
    assert_refused(client.get(ME, headers=bearer(other)), "登录令牌无效。")


def test_an_expired_token_is_refused(app, client, user):
    with app.test_request_context():
        expired = create_access_token(str(user.id), expires_delta=timedelta(seconds=-1))
    assert_refused(client.get(ME, headers=bearer(expired)), "登录令牌已过期，请刷新或重新登录。")
    english = client.get(ME, headers={**bearer(expired), "Accept-Language": "en"})
    assert english.get_json()["detail"] == "The token has expired; refresh it or sign in again."


def test_a_revoked_token_is_refused(client, tokens):
    assert client.post(LOGOUT, headers=bearer(tokens["access_token"])).status_code == 204
    assert_refused(client.get(ME, headers=bearer(tokens["access_token"])), "登录令牌已注销。")


def test_a_refresh_token_used_as_an_access_token_is_refused(client, tokens):
    response = client.get(ME, headers=bearer(tokens["refresh_token"]))
    assert_refused(response, "此处需要访问令牌（access token），不能使用刷新令牌。")


def test_an_access_token_used_to_refresh_is_refused(client, tokens):
    assert_refused(client.post(REFRESH, headers=bearer(tokens["access_token"])))


def test_a_disabled_users_tokens_stop_working_at_once(client, tokens, user):
    assert client.get(ME, headers=bearer(tokens["access_token"])).status_code == 200
    set_user_disabled(username=user.username, disabled=True)
    db.session.commit()
    assert_refused(client.get(ME, headers=bearer(tokens["access_token"])), "账户已停用或不存在。")
    assert_refused(client.post(REFRESH, headers=bearer(tokens["refresh_token"])))
    # Enabled again, it signs in afresh: the tokens of before stay dead.
    set_user_disabled(username=user.username, disabled=False)
    db.session.commit()
    assert_refused(
        client.get(ME, headers=bearer(tokens["access_token"])),
        "该账户的密码已更改或账户已停用，此前的登录均已失效，请重新登录。",
    )


def test_a_deleted_users_token_is_refused(client, tokens, user):
    db.session.delete(db.session.get(User, user.id))
    db.session.commit()
    assert_refused(client.get(ME, headers=bearer(tokens["access_token"])))


def test_refresh_rotates_and_the_old_refresh_token_stops_working(app, client, tokens):
    first = client.post(REFRESH, headers=bearer(tokens["refresh_token"]))
    assert first.status_code == 200
    renewed = first.get_json()
    assert set(renewed) == {
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
    assert renewed["refresh_token"] != tokens["refresh_token"]
    assert client.get(ME, headers=bearer(renewed["access_token"])).status_code == 200
    # The new refresh token works, once (the old one coming back: tests/auth/test_refresh_reuse.py).
    again = client.post(REFRESH, headers=bearer(renewed["refresh_token"]))
    assert again.status_code == 200
    assert_refused(client.post(REFRESH, headers=bearer(renewed["refresh_token"])))
    old, new = claims_of(app, tokens["refresh_token"]), claims_of(app, renewed["refresh_token"])
    assert old["sid"] == new["sid"]


def test_logout_with_the_access_token_also_ends_the_refresh_token(client, tokens):
    assert client.post(LOGOUT, headers=bearer(tokens["access_token"])).status_code == 204
    assert_refused(client.post(REFRESH, headers=bearer(tokens["refresh_token"])))


def test_logout_with_the_refresh_token_also_ends_the_access_token(client, tokens):
    assert client.post(LOGOUT, headers=bearer(tokens["refresh_token"])).status_code == 204
    assert_refused(client.get(ME, headers=bearer(tokens["access_token"])))


def test_logout_ends_tokens_issued_before_a_rotation_too(client, tokens):
    renewed = client.post(REFRESH, headers=bearer(tokens["refresh_token"])).get_json()
    assert client.post(LOGOUT, headers=bearer(renewed["access_token"])).status_code == 204
    assert_refused(client.get(ME, headers=bearer(tokens["access_token"])))
    assert_refused(client.get(ME, headers=bearer(renewed["access_token"])))
    assert_refused(client.post(REFRESH, headers=bearer(renewed["refresh_token"])))


def test_logout_leaves_other_sessions_of_the_same_user_alone(client, issue_tokens, user):
    laptop, phone = issue_tokens(user), issue_tokens(user)
    assert client.post(LOGOUT, headers=bearer(laptop["access_token"])).status_code == 204
    assert client.get(ME, headers=bearer(phone["access_token"])).status_code == 200


def test_logging_out_twice_is_refused_the_second_time(client, tokens):
    assert client.post(LOGOUT, headers=bearer(tokens["access_token"])).status_code == 204
    assert_refused(client.post(LOGOUT, headers=bearer(tokens["access_token"])))


def test_token_lifetimes_follow_the_configuration(app, tokens):
    access, refresh = (
        claims_of(app, tokens["access_token"]),
        claims_of(app, tokens["refresh_token"]),
    )
    assert access["exp"] - access["iat"] == app.config["JWT_ACCESS_MINUTES"] * 60 == 15 * 60
    # A regulator's refresh token lasts the staff idle timeout (tests/auth/test_session_limits.py).
    idle = app.config["SESSION_IDLE_MINUTES_STAFF"] * 60
    assert refresh["exp"] - refresh["iat"] == idle == 60 * 60
    assert tokens["expires_in"] == 15 * 60


def test_lifetimes_are_configurable(database_url, tmp_path):
    from app import create_app
    from app.auth.tokens import issue_tokens

    other = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "JWT_ACCESS_MINUTES": 5,
            "SESSION_IDLE_MINUTES_STAFF": 120,
        }
    )
    with other.test_request_context():
        user = User(id=1, role="admin")
        tokens = issue_tokens(user)
        refresh = decode_token(tokens["refresh_token"])
    assert tokens["expires_in"] == 300
    assert refresh["exp"] - refresh["iat"] == 120 * 60


def test_two_refreshes_with_one_token_at_once_make_one_new_pair(app, issue_tokens, user):
    barrier = threading.Barrier(2)

    def refresh(token):
        client = app.test_client()
        barrier.wait()
        return client.post(REFRESH, headers=bearer(token)).status_code

    for _ in range(3):
        token = issue_tokens(user)["refresh_token"]
        with ThreadPoolExecutor(max_workers=2) as pool:
            assert sorted(pool.map(refresh, [token, token])) == [200, 401]
