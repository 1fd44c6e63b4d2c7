"""Migrations build exactly the models' schema, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

import app.models  # noqa: F401
from app.db import Base, upgrade_database


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


def test_submissions_frozen_before_the_scoring_model_column_are_model_1(empty_database_url):
    from sqlalchemy import text

    upgrade_database(empty_database_url, "0006")
    engine = create_engine(empty_database_url)
    try:
        with engine.begin() as conn:
            # Only the submission matters here, so the rows it refers to are not built.
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET session_replication_role = replica"))
            else:
                conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.execute(
                text(
                    "INSERT INTO submissions (id, assessment_id, revision, "
                    "questionnaire_version_id, answers, facts, result, overall, maturity_level, "
                    "has_red_flags, submitted_at, submitted_by) VALUES (7, 1, 1, 1, '{}', '{}', "
                    "'{}', 50.0, 3, false, '2026-11-30 08:00:00+00:00', 1)"
                )
            )
        upgrade_database(empty_database_url)
        with engine.connect() as conn:
            row = conn.execute(text("SELECT scoring_model, maturity_level FROM submissions"))
            assert row.one() == (1, 3)
    finally:
        engine.dispose()
