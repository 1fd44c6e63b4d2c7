"""Alembic environment: our metadata, the URL given by app.db.alembic_config."""

from alembic import context

import app.models  # noqa: F401  (registers every table on Base.metadata)
from app.db import Base, migration_engine, migration_transaction

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = migration_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        # Batch mode lets the same migration alter tables on SQLite, which cannot ALTER much.
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
            # One transaction for the whole upgrade on SQLite too (app.db.migration_engine).
            transactional_ddl=True,
        )
        with migration_transaction(connection, context.begin_transaction):
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
