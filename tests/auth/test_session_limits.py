"""Sessions end: an absolute limit from the password, an idle limit, both shorter for staff."""

from datetime import UTC, datetime, timedelta

import jwt as pyjwt
import pytest
from flask_jwt_extended import create_refresh_token, decode_token

from app.auth.sessions import issue_tokens
from app.config import ConfigError, load_config
from app.db import utcnow
from tests.fixtures.data import PASSWORD

LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"
ME = "/api/v1/me"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def claims_of(app, token: str) -> dict:
    with app.test_request_context():
        return decode_token(token, allow_expired=True)


def now() -> int:
    return int(utcnow().timestamp())


@pytest.fixture
def regulator(make_staff_account):
    return make_staff_account("regulator", jurisdiction="130100")


def test_refreshing_keeps_the_session_start_and_never_passes_its_absolute_end(
    app, client, regulator
):
    hours = app.config["SESSION_ABSOLUTE_HOURS_STAFF"]
    started = now() - hours * 3600 + 600  # ten minutes of the working day left
    with app.test_request_context():
        tokens = issue_tokens(regulator, auth_time=started)
    renewed = client.post(REFRESH, headers=bearer(tokens["refresh_token"])).get_json()
    access = claims_of(app, renewed["access_token"])
    refresh = claims_of(app, renewed["refresh_token"])
    assert refresh["auth_time"] == access["auth_time"] == started
    # The idle timeout (60 min) would reach further: the absolute end wins, for both tokens.
    assert refresh["exp"] == access["exp"] == started + hours * 3600
    assert renewed["expires_in"] <= 600


def test_a_refresh_past_the_absolute_limit_is_refused(app, client, regulator):
    # A token signed before the limit was shortened: its exp is still ahead, the session is not.
    with app.test_request_context():
        token = create_refresh_token(
            str(regulator.id),
            additional_claims={"sid": "s1", "role": "regulator", "auth_time": now() - 13 * 3600},
            expires_delta=timedelta(minutes=30),
        )
    response = client.post(REFRESH, headers={**bearer(token), "Accept-Language": "en"})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert (
        response.get_json()["detail"] == "This sign-in has reached its time limit; sign in again."
    )


def test_a_refresh_token_without_a_session_start_is_refused(app, client, regulator):
    with app.test_request_context():
        legacy = create_refresh_token(
            str(regulator.id), additional_claims={"sid": "s2", "role": "regulator"}
        )
    response = client.post(REFRESH, headers=bearer(legacy))
    assert response.status_code == 401
    assert response.get_json()["detail"] == "登录已超过最长有效期，请重新登录。"


def test_an_idle_session_ends_when_its_refresh_token_expires(app, client, regulator):
    with app.test_request_context():
        tokens = issue_tokens(regulator)
    refresh = claims_of(app, tokens["refresh_token"])
    assert refresh["exp"] - refresh["iat"] == app.config["SESSION_IDLE_MINUTES_STAFF"] * 60
    with app.test_request_context():
        idle = create_refresh_token(
            str(regulator.id),
            additional_claims={"sid": "s3", "role": "regulator", "auth_time": now() - 7200},
            expires_delta=timedelta(seconds=-1),
        )
    assert client.post(REFRESH, headers=bearer(idle)).status_code == 401


def test_enterprises_keep_a_session_longer_than_staff(app, client, make_enterprise_account):
    enterprise, _ = make_enterprise_account()
    staff_hours = app.config["SESSION_ABSOLUTE_HOURS_STAFF"]
    body = client.post(LOGIN, json={"username": enterprise.uscc, "password": PASSWORD}).get_json()
    refresh = claims_of(app, body["refresh_token"])
    assert refresh["exp"] - refresh["iat"] == 1440 * 60
    ends = datetime.fromisoformat(body["session_expires_at"])
    assert ends - datetime.now(UTC) > timedelta(hours=staff_hours)
    assert ends - datetime.now(UTC) <= timedelta(hours=168)


def test_tokens_carry_issuer_and_audience_and_others_are_refused(app, client, regulator):
    with app.test_request_context():
        tokens = issue_tokens(regulator)
    claims = claims_of(app, tokens["access_token"])
    assert claims["iss"] == app.config["PUBLIC_BASE_URL"]
    assert claims["aud"] == "quality-api"
    key = app.config["JWT_SECRET_KEY"]
    for change in ({"iss": "https://elsewhere.example"}, {"aud": "other-api"}, {"aud": None}):
        forged = {**claims, **change}
        forged = {k: v for k, v in forged.items() if v is not None}
        token = pyjwt.encode(forged, key, algorithm="HS256")
        assert client.get(ME, headers=bearer(token)).status_code == 401, change
    assert client.get(ME, headers=bearer(tokens["access_token"])).status_code == 200


def test_the_old_refresh_days_setting_is_refused_with_what_to_set(tmp_path):
    with pytest.raises(ConfigError, match="SESSION_ABSOLUTE_HOURS"):
        load_config({"JWT_REFRESH_DAYS": "30"}, instance_path=tmp_path)


def test_session_limits_must_be_positive(tmp_path):
    with pytest.raises(ConfigError, match="SESSION_IDLE_MINUTES_STAFF"):
        load_config({"SESSION_IDLE_MINUTES_STAFF": "0"}, instance_path=tmp_path)
