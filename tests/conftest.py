"""Shared fixtures: the app on a real database (TEST_DB=sqlite or postgresql), a client, cleanup.

Each test leaves an empty database behind by deleting rows after it, rather than rolling back a
wrapping transaction: the concurrency tests need real commits seen by other connections.
"""

import os
import time
import uuid
import warnings
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

pytest_plugins = ["tests.fixtures.data", "tests.fixtures.actors"]

TEST_DB = os.environ.get("TEST_DB", "sqlite")
LOCAL_POSTGRES = (
    "postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql",
    "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
)
# Argon2 at its cheapest keeps tests fast; production keeps the configured defaults.
CHEAP_PASSWORD_HASHING = {"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024, "ARGON2_PARALLELISM": 1}
# Rows that a whole session shares: the published questionnaires are loaded once.
SESSION_TABLES = {"questionnaire_versions", "alembic_version"}


def _reachable(url: str) -> bool:
    try:
        with psycopg.connect(
            make_url(url).set(drivername="postgresql").render_as_string(False), connect_timeout=3
        ):
            return True
    except psycopg.Error:
        return False


def postgres_server_url() -> str | None:
    """TEST_DATABASE_URL, or else the local server on its socket or 127.0.0.1:5432."""
    from app.config import normalise_database_url

    given = os.environ.get("TEST_DATABASE_URL")
    candidates = [normalise_database_url(given)] if given else LOCAL_POSTGRES
    return next((url for url in candidates if _reachable(url)), None)


def pytest_report_header(config):
    return f"database: {TEST_DB}"


def pytest_sessionstart(session):
    if TEST_DB != "postgresql" or postgres_server_url():
        return
    reason = "no PostgreSQL reachable (TEST_DATABASE_URL, /var/run/postgresql, 127.0.0.1:5432)"
    if os.environ.get("CI") == "true":
        pytest.exit(f"CI=true and {reason}: the PostgreSQL half must run", returncode=1)
    pytest.exit(f"PostgreSQL half skipped: {reason}", returncode=0)


@contextmanager
def fresh_database(tmp_dir):
    """Create an empty database of the kind under test; drop it afterwards."""
    if TEST_DB == "sqlite":
        yield f"sqlite:///{tmp_dir / f'test-{uuid.uuid4().hex[:8]}.db'}"
        return
    server = make_url(postgres_server_url())
    name = f"qa_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """The session's database, created empty and dropped at the end."""
    with fresh_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture
def empty_database_url(tmp_path):
    """A second, empty database for tests that build a schema of their own."""
    with fresh_database(tmp_path) as url:
        yield url


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    """The application on the session's database, schema created by the migrations."""
    from app import create_app
    from app.db import db, upgrade_database

    instance = tmp_path_factory.mktemp("instance")
    upgrade_database(database_url)
    application = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "REPORT_DIR": str(instance / "reports"),
            # The checkout's instance/fonts (gitignored): the report font is built once, not per
            # session. Reports render on first download; tests/reports turn on render-at-submit.
            "FONT_CACHE_DIR": os.path.join(os.path.dirname(__file__), "..", "instance", "fonts"),
            "REPORT_RENDER_ON_SUBMIT": False,
            "REDIS_URL": None,  # in-process rendering; tests/reports queue on a queue of their own
            # Each test's figures fresh; tests/dashboard/test_cache.py turns the cache on.
            "DASHBOARD_CACHE_SECONDS": 0,
            **CHEAP_PASSWORD_HASHING,
        }
    )
    with application.app_context():
        publish_project_questionnaires()
        yield application
        db.session.remove()
        db.engine.dispose()


def publish_project_questionnaires():
    """Publish questionnaires/*.yaml once per session, as `make run` does."""
    from app.db import db
    from app.questionnaires.problems import QuestionnaireError
    from app.questionnaires.service import publish_questionnaire, questionnaire_files

    for path in questionnaire_files():
        try:
            publish_questionnaire(path=path)
        except QuestionnaireError as error:
            # test_check_passes_on_the_project_questionnaires reports it; other tests go on.
            warnings.warn(f"not published: {error}", stacklevel=1)
    db.session.commit()
    # Publishing is audited; the first test of the session starts from an empty log all the same.
    from app.audit.models import AuditEntry

    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))  # as below
        conn.execute(AuditEntry.__table__.delete())


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Delete every row a test wrote, so the next test starts from an empty database."""
    yield
    if "app" not in request.fixturenames:
        return
    from app.db import db

    db.session.rollback()
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in SESSION_TABLES]
    if not tables:
        return
    # A browser test's page may leave a request running on the live server (a phone's queued
    # save) that still writes as this runs; PostgreSQL then breaks the deadlock by failing one
    # side, once in a while this one (it did in CI). The other side commits; deleting again
    # takes its rows too.
    for attempt in range(5):
        try:
            _delete_rows(db.engine, tables)
            return
        except OperationalError as error:
            if attempt == 4 or not isinstance(error.orig, psycopg.errors.DeadlockDetected):
                raise
            time.sleep(0.2)


def _delete_rows(engine, tables) -> None:
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # DELETE of a few rows is far cheaper than TRUNCATE's per-table file work; the
            # replica role skips the append-only triggers, which guard the service, not tests.
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        for table in tables:
            conn.execute(table.delete())


@pytest.fixture(autouse=True)
def _fresh_rate_limits(request):
    """Forget the abuse limits' counts after each test, as the rows are forgotten."""
    yield
    if "app" in request.fixturenames:
        request.getfixturevalue("app").extensions["app.limiter"].reset()


@pytest.fixture
def client(app):
    return app.test_client()
