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
