"""The app started with APP_ENV=production: no demo account, no demo password accepted."""

from pathlib import Path

import pytest
from sqlalchemy import select

from app import create_app
from app.auth.demo import DEMO_ACCOUNTS, DEMO_USERNAMES
from app.auth.models import User
from app.db import db, upgrade_database
from tests.conftest import CHEAP_PASSWORD_HASHING

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def start(monkeypatch, empty_database_url):
    """start(APP_ENV) → the app as wsgi.py builds it from the environment, on an empty database."""
    upgrade_database(empty_database_url)

    def start_app(app_env: str):
        environment = {
            "APP_ENV": app_env,
            "DATABASE_URL": empty_database_url,
            "SECRET_KEY": "production-test-secret-key-of-40-bytes..",
            "JWT_SECRET_KEY": "production-test-jwt-key-of-40-bytes.....",
            "PUBLIC_BASE_URL": "https://zlzp.example.gov.cn",
            "ALLOW_SQLITE_IN_PRODUCTION": "1",  # the SQLite half; PostgreSQL needs no leave
            **{name: str(value) for name, value in CHEAP_PASSWORD_HASHING.items()},
        }
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return create_app()

    return start_app


def login(app, username, password) -> int:
    response = app.test_client().post(
        "/api/v1/auth/login", json={"username": username, "password": password}
    )
    return response.status_code


def invoke(app, *args: str) -> int:
    """Run a CLI command as `flask --app wsgi` does: inside an app context of its own."""
    with app.app_context():
        result = app.test_cli_runner().invoke(args=list(args))
        db.session.remove()
    return result.exit_code


def test_production_start_up_creates_no_demo_account_and_accepts_no_demo_password(start):
    app = start("production")
    assert app.config["APP_ENV"] == "production"
    # What `make run` does before serving: the seed refuses, and nothing else seeds.
    assert invoke(app, "questionnaires", "publish") == 0
    assert invoke(app, "demo", "seed") == 1
    with app.app_context():
        found = db.session.scalars(select(User.username).where(User.username.in_(DEMO_USERNAMES)))
        assert list(found) == []
        db.session.remove()
    for account in DEMO_ACCOUNTS:
        assert login(app, account.username, account.password) == 401


def test_a_database_seeded_for_a_trial_accepts_no_demo_password_in_production(start):
    trial = start("development")
    assert invoke(trial, "demo", "seed") == 0
    staff = ("users", "create", "--role", "admin", "--username", "ops-admin")
    assert invoke(trial, *staff, "--password", "Kettle-harbour-2026!x") == 0
    assert login(trial, DEMO_ACCOUNTS[0].username, DEMO_ACCOUNTS[0].password) == 200

    production = start("production")
    for account in DEMO_ACCOUNTS:
        assert login(production, account.username, account.password) == 401
    # Only the demo accounts: a real account of the same database signs in.
    assert login(production, "ops-admin", "Kettle-harbour-2026!x") == 200


def test_make_run_leaves_the_gunicorn_settings_to_gunicorn_conf():
    recipe = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    serve = next(line for line in recipe.splitlines() if "gunicorn" in line)
    assert "--config gunicorn.conf.py" in serve
    assert "--access-log" not in serve  # gunicorn.conf.py turns it off, for speed


def test_openpyxl_writes_with_lxml():
    import openpyxl.xml

    assert "lxml==" in (ROOT / "requirements.txt").read_text()
    assert openpyxl.xml.LXML, "lxml is missing (or OPENPYXL_LXML=False): XLSX exports are slower"
