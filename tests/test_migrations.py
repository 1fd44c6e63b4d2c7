"""Migrations build exactly the models' schema, on SQLite and PostgreSQL."""

import subprocess
import sys
import time
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

import app.models  # noqa: F401
from app.db import Base, alembic_config, db, upgrade_database


def test_upgrade_from_empty_leaves_no_difference_with_the_models(empty_database_url):
    upgrade_database(empty_database_url)
    engine = create_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
            tables = set(inspect(conn).get_table_names())
    finally:
        engine.dispose()
    assert differences == []
    assert {t.name for t in Base.metadata.sorted_tables} <= tables


def test_downgrade_to_base_then_upgrade_again(empty_database_url):
    from alembic import command

    from app.db import alembic_config

    upgrade_database(empty_database_url)
    command.downgrade(alembic_config(empty_database_url), "base")
    upgrade_database(empty_database_url)
    engine = create_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            assert "questionnaire_versions" in inspect(conn).get_table_names()
    finally:
        engine.dispose()


# Each process waits for the same moment, then upgrades: both reach Alembic together.
UPGRADE_AT = """
import sys, time
from app.db import upgrade_database
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
upgrade_database(sys.argv[1])
"""


def test_two_processes_upgrading_one_empty_database_at_once_both_succeed(empty_database_url):
    root = Path(__file__).resolve().parent.parent
    start = f"{time.time() + 4:.3f}"  # after both interpreters have imported the app
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", UPGRADE_AT, empty_database_url, start],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in processes]
    for process in processes:
        process.stdout.close()
        process.stderr.close()
    assert [code for code, _ in results] == [0, 0], "\n".join(err for _, err in results)
    engine = create_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            heads = MigrationContext.configure(conn).get_current_heads()
    finally:
        engine.dispose()
    script = ScriptDirectory.from_config(alembic_config(empty_database_url))
    assert heads == tuple(script.get_heads())


def test_db_check_passes_at_head_and_names_what_is_missing_below_it(empty_database_url):
    from app import create_app

    application = create_app({"SQLALCHEMY_DATABASE_URI": empty_database_url})
    runner = application.test_cli_runner()
    upgrade_database(empty_database_url, "0005")
    with application.app_context():
        behind = runner.invoke(args=["db", "check"])
        upgrade_database(empty_database_url)
        current = runner.invoke(args=["db", "check"])
        db.engine.dispose()
    assert behind.exit_code == 1 and "not up to date" in behind.output
    assert current.exit_code == 0, current.output
