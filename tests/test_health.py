"""The liveness endpoint."""

from app import create_app
from app.health.checks import CHECKS


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_does_not(app):
    # Port 9 (discard) has no PostgreSQL behind it: a real refused connection, not a mock.
    unreachable = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2"
        }
    )
    response = unreachable.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}


def test_readyz_answers_ok_with_each_check_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "not configured", "storage": "ok"},
    }


def test_readyz_answers_503_when_the_object_store_does_not_answer(app):
    unreachable = create_app(
        {
            **app.config,
            "STORAGE_URL": "s3://reports/p",
            "STORAGE_S3_ENDPOINT_URL": "http://127.0.0.1:9",  # nothing listens on port 9
            "STORAGE_TIMEOUT": 1,
        }
    )
    response = unreachable.test_client().get("/readyz")
    assert response.status_code == 503
    body = response.get_json()
    assert body["checks"] == {"database": "ok", "redis": "not configured", "storage": "unavailable"}


def test_readyz_answers_503_problem_naming_the_database_when_it_does_not_answer(app):
    unreachable = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2"
        }
    )
    response = unreachable.test_client().get("/readyz", headers={"Accept-Language": "en"})
    assert response.status_code == 503
    assert response.mimetype == "application/problem+json"
    assert response.headers["Retry-After"] == "5"
    body = response.get_json()
    assert body["checks"]["database"] == "unavailable"
    assert "database" in body["detail"]


def test_readyz_answers_503_when_the_configured_redis_does_not_answer(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    response = client.get("/readyz", headers={"Accept-Language": "zh"})
    assert response.status_code == 503
    body = response.get_json()
    assert body["checks"] == {"database": "ok", "redis": "unavailable", "storage": "ok"}
    assert "redis" in body["detail"] and "无响应" in body["detail"]
    # liveness does not depend on Redis: the process is alive, only not ready
    assert client.get("/healthz").status_code == 200


def test_a_check_added_to_the_registry_decides_readiness_too(client, monkeypatch):
    def storage():
        raise OSError("no route to the object store")

    monkeypatch.setitem(CHECKS, "storage", storage)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["storage"] == "unavailable"
    monkeypatch.setitem(CHECKS, "storage", lambda: True)
    assert client.get("/readyz").get_json()["checks"]["storage"] == "ok"
