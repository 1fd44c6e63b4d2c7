"""Abuse limits: register per address, refresh/exports/downloads per caller; 429 problem+json
with Retry-After; counts shared through Redis; the client address right behind TRUSTED_PROXY_HOPS.
"""

import uuid

import pytest
from redis import Redis
from redis.exceptions import RedisError

from tests.conftest import CHEAP_PASSWORD_HASHING
from tests.fixtures.data import PASSWORD, new_uscc

REGISTER = "/api/v1/auth/register"
REFRESH = "/api/v1/auth/refresh"
REDIS_URL = "redis://127.0.0.1:6379/0"


def registration() -> dict:
    return {
        "uscc": new_uscc("130100"),
        "name": "限流测试有限公司",
        "password": PASSWORD,
        "industry": "C1772",
        "size": "micro",
        "contact_name": "王五",
        "contact_phone": "13900139000",
    }


def register(client, address="10.0.0.1", **headers):
    return client.post(
        REGISTER, json=registration(), headers=headers, environ_base={"REMOTE_ADDR": address}
    )


def assert_too_many(response, lang="zh"):
    assert response.status_code == 429, response.get_json()
    assert response.mimetype == "application/problem+json"
    seconds = int(response.headers["Retry-After"])
    assert 0 < seconds <= 3600 + 1  # the window, rounded up to whole seconds
    body = response.get_json()
    assert body["status"] == 429
    expected = f"请求过于频繁，请 {seconds} 秒后再试。" if lang == "zh" else "Too many requests"
    assert body["detail"].startswith(expected)


def status(response) -> int:
    """The status of a response read to its end (a streamed export closes cleanly)."""
    response.get_data()
    return response.status_code


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_registrations_are_limited_per_client_address(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "RATE_LIMIT_REGISTER", "2/hour")
    assert register(client).status_code == 201
    assert register(client).status_code == 201
    assert_too_many(register(client))
    assert_too_many(register(client, **{"Accept-Language": "en"}), lang="en")
    assert register(client, address="10.0.0.2").status_code == 201


def test_refreshes_are_limited_per_user(app, client, monkeypatch, issue_tokens, make_staff_account):
    monkeypatch.setitem(app.config, "RATE_LIMIT_REFRESH", "1/hour")
    user, other = make_staff_account("admin"), make_staff_account("admin")
    renewed = client.post(REFRESH, headers=bearer(issue_tokens(user)["refresh_token"]))
    assert renewed.status_code == 200
    assert_too_many(client.post(REFRESH, headers=bearer(renewed.get_json()["refresh_token"])))
    # Another user from the same address has an allowance of its own.
    assert (
        client.post(REFRESH, headers=bearer(issue_tokens(other)["refresh_token"])).status_code
        == 200
    )


def test_browsers_refreshing_by_cookie_behind_one_address_each_have_their_own_allowance(
    app, monkeypatch, make_enterprise_account
):
    # An office behind one NAT address: each person's refreshes count for that person.
    monkeypatch.setitem(app.config, "RATE_LIMIT_REFRESH", "1/hour")
    cookie = {"X-Refresh-Cookie": "1"}
    for _ in range(2):
        enterprise, _ = make_enterprise_account()
        browser = app.test_client()
        signed_in = browser.post(
            "/api/v1/auth/login",
            json={"username": enterprise.uscc, "password": PASSWORD},
            headers=cookie,
        )
        assert signed_in.status_code == 200
        assert browser.post(REFRESH, headers=cookie).status_code == 200
    assert_too_many(browser.post(REFRESH, headers=cookie))


def test_exports_share_one_allowance_per_caller(app, client, monkeypatch, make_staff):
    monkeypatch.setitem(app.config, "RATE_LIMIT_EXPORTS", "2/hour")
    regulator, colleague = make_staff("regulator", "130000"), make_staff("regulator", "130000")
    query = {"questionnaire": "quality", "industry": "C17"}
    assert (
        client.get("/api/v1/assessments/export.csv", headers=regulator.headers).status_code == 200
    )
    aggregate = client.get(
        "/api/v1/aggregates/export.csv", query_string=query, headers=regulator.headers
    )
    assert status(aggregate) == 200
    assert_too_many(client.get("/api/v1/assessments/export.xlsx", headers=regulator.headers))
    assert (
        client.get("/api/v1/assessments/export.csv", headers=colleague.headers).status_code == 200
    )


def test_a_forged_token_does_not_spend_someone_elses_allowance(
    app, client, monkeypatch, make_staff, issue_tokens
):
    import jwt

    monkeypatch.setitem(app.config, "RATE_LIMIT_EXPORTS", "2/hour")
    regulator = make_staff("regulator", "130000")
    forged = jwt.encode(
        {"sub": str(regulator.user_id), "type": "access"}, "not-our-key-but-long-enough-for-hs256"
    )
    for _ in range(3):
        response = client.get("/api/v1/assessments/export.csv", headers=bearer(forged))
        assert response.status_code in (401, 429)
    for _ in range(2):
        ok = client.get("/api/v1/assessments/export.csv", headers=regulator.headers)
        assert status(ok) == 200


def test_report_downloads_are_limited_per_caller(app, client, monkeypatch, make_enterprise):
    monkeypatch.setitem(app.config, "RATE_LIMIT_DOWNLOADS", "1/hour")
    company = make_enterprise("130100", "C1772", "small")
    url = "/api/v1/assessments/999999/plan.csv"
    assert client.get(url, headers=company.headers).status_code == 404  # counted all the same
    assert_too_many(client.get(url, headers=company.headers))
    assert_too_many(client.get("/api/v1/assessments/999999/report.pdf", headers=company.headers))


def test_sign_in_keeps_its_own_failure_counting_limiter(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "LOGIN_MAX_FAILURES", 1)
    login = {"username": "nobody-here", "password": "wrong-password-1"}
    assert client.post("/api/v1/auth/login", json=login).status_code == 401
    refused = client.post("/api/v1/auth/login", json=login)
    assert refused.status_code == 429 and "Retry-After" in refused.headers


# --- other apps: Redis storage, trusted proxies ------------------------------------------------


@pytest.fixture
def make_app(database_url, tmp_path):
    from app import create_app

    built = []

    def make(**config):
        other = create_app(
            {
                "APP_ENV": "testing",
                "TESTING": True,
                "SQLALCHEMY_DATABASE_URI": database_url,
                "REPORT_DIR": str(tmp_path),
                "REDIS_URL": None,
                "RATE_LIMIT_REGISTER": "2/hour",
                **CHEAP_PASSWORD_HASHING,
                **config,
            }
        )
        built.append(other)
        return other

    yield make
    for other in built:
        with other.app_context():
            from app.db import db

            db.engine.dispose()


@pytest.fixture
def redis_prefix():
    connection = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"test-limits-{uuid.uuid4().hex[:8]}"
    yield prefix
    for key in connection.scan_iter(f"*{prefix}*"):
        connection.delete(key)


def test_with_redis_every_worker_counts_the_same_requests(make_app, redis_prefix):
    workers = [make_app(REDIS_URL=REDIS_URL, RATE_LIMIT_KEY_PREFIX=redis_prefix) for _ in range(2)]
    assert type(workers[0].extensions["app.limiter"].storage).__name__ == "RedisStorage"
    assert register(workers[0].test_client()).status_code == 201
    assert register(workers[1].test_client()).status_code == 201
    assert_too_many(register(workers[0].test_client()))
    assert_too_many(register(workers[1].test_client()))


def test_without_redis_each_process_counts_in_memory(make_app):
    workers = [make_app(), make_app()]
    assert type(workers[0].extensions["app.limiter"].storage).__name__ == "MemoryStorage"
    for worker in workers:
        for _ in range(2):
            assert register(worker.test_client()).status_code == 201
        assert_too_many(register(worker.test_client()))


def test_without_trusted_proxies_forwarded_addresses_are_ignored(make_app):
    client = make_app().test_client()
    for n in range(2):
        response = register(client, address="10.9.9.9", **{"X-Forwarded-For": f"203.0.113.{n}"})
        assert response.status_code == 201
    # A client cannot choose its address: still the proxy's (here REMOTE_ADDR) allowance.
    assert_too_many(register(client, address="10.9.9.9", **{"X-Forwarded-For": "203.0.113.7"}))


def test_behind_one_trusted_proxy_the_forwarded_client_address_counts(make_app):
    from sqlalchemy import select

    from app.auth.models import LoginAttempt
    from app.db import db

    other = make_app(TRUSTED_PROXY_HOPS=1)
    client = other.test_client()
    proxy = "10.9.9.9"
    for _ in range(2):
        assert register(client, proxy, **{"X-Forwarded-For": "203.0.113.1"}).status_code == 201
    assert_too_many(register(client, proxy, **{"X-Forwarded-For": "203.0.113.1"}))
    # What the client itself put in front of the header is not believed: the proxy's entry is.
    spoofed = register(client, proxy, **{"X-Forwarded-For": "198.51.100.1, 203.0.113.1"})
    assert_too_many(spoofed)
    assert register(client, proxy, **{"X-Forwarded-For": "203.0.113.2"}).status_code == 201
    # The sign-in limiter records the same client address.
    login = {"username": "nobody-here", "password": "wrong-password-1"}
    client.post("/api/v1/auth/login", json=login, headers={"X-Forwarded-For": "203.0.113.3"})
    with other.app_context():
        addresses = set(db.session.scalars(select(LoginAttempt.address)))
    assert addresses == {"203.0.113.3"}
