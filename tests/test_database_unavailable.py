"""A database that drops the connection gives 503 with Retry-After, never a 500 with a trace."""

import pytest
from sqlalchemy import text

EN = {"Accept-Language": "en"}


@pytest.fixture
def fresh_app(app):
    """A second app on the same database, so a test may add a route of its own."""
    from app import create_app

    return create_app(dict(app.config))


def test_a_connection_killed_by_the_server_is_a_503_problem(fresh_app, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("a server that terminates the connection needs PostgreSQL")
    from app.db import db

    def dropped():
        # The real thing: the server ends this very session, as a crash or restart would.
        db.session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
        return "unreachable"

    fresh_app.add_url_rule("/api/v1/_test/dropped", view_func=dropped)
    client = fresh_app.test_client()
    for headers, start in (({}, "数据库暂时无法访问"), (EN, "The database cannot be reached")):
        response = client.get("/api/v1/_test/dropped", headers=headers)
        assert response.status_code == 503
        assert response.mimetype == "application/problem+json"
        assert response.headers["Retry-After"] == "2"
        assert response.get_json()["detail"].startswith(start)
    # The pool recovers: the next request gets a fresh connection.
    assert client.get("/healthz").status_code == 200


def test_a_database_error_that_is_a_bug_stays_a_500(fresh_app):
    from app.db import db

    def broken():
        db.session.execute(text("SELECT * FROM no_such_table"))
        return "unreachable"

    fresh_app.add_url_rule("/api/v1/_test/broken", view_func=broken)
    response = fresh_app.test_client().get("/api/v1/_test/broken")
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    assert "Retry-After" not in response.headers
