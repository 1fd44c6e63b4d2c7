"""Database engine, session and declarative base; migrations CLI."""

import fcntl
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path

import click
from flask import Flask, current_app
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, MetaData, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

# Stable constraint names, so Alembic can alter them on every backend (SQLite batch mode too).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UtcDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use app.db.utcnow()")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """WAL lets workers read while one writes; SQLite leaves foreign keys off by default.

    Migrations turn them off again on their own connections (migration_engine).
    """
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def commit_asynchronously() -> None:
    """Let this transaction's COMMIT return before its WAL is on disk, when the operator opted in.

    Only with DRAFT_SAVE_ASYNC_COMMIT on, and only on PostgreSQL: then a crash of the database
    server may take back up to about 3 × wal_writer_delay (600 ms by default) of such commits, all
    of a transaction or none of it, and never one made before a later ordinary commit. Off (the
    default), a save acknowledged with 200 survives a database crash (docs/performance.md).
    """
    if not current_app.config["DRAFT_SAVE_ASYNC_COMMIT"]:
        return
    connection = db.session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(_ASYNCHRONOUS_COMMIT)


_ASYNCHRONOUS_COMMIT = text("SET LOCAL synchronous_commit TO off")


def without_transaction(view):
    """Route decorator: a view that only reads runs its queries outside a transaction.

    On PostgreSQL that saves the BEGIN and ROLLBACK round trips, a fifth of reading a draft; each
    query then sees what was committed when it ran. Only for views that never write through
    db.session: there a write would commit at once, statement by statement.
    """

    @wraps(view)
    def wrapper(*args, **kwargs):
        session = db.session()
        # Where a transaction is already open (a test's long-lived app context), it is kept.
        if db.engine.dialect.name != "postgresql" or session.in_transaction():
            return view(*args, **kwargs)
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        try:
            return view(*args, **kwargs)
        finally:
            session.close()  # whatever uses the session next gets a transaction again

    return wrapper


def alembic_config(url: str):
    """An Alembic configuration for our migrations folder and the given database URL."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migration_engine(url: str) -> Engine:
    """The engine migrations run on; on SQLite, foreign keys off and DDL inside real transactions.

    Batch mode rebuilds a SQLite table by copy, drop and rename; enforced foreign keys pointing at
    it refuse the drop (Alembic's "Dealing with Referencing Foreign Keys"). The pragma is a no-op
    inside a transaction, so it is set as the connection opens, before any BEGIN; the references
    are checked before COMMIT instead (migration_transaction). Python's sqlite3 would also run DDL
    outside the transaction: here BEGIN is ours, so a failed upgrade leaves nothing behind.
    """
    engine = create_engine(url, poolclass=NullPool)  # no pooled connection keeps foreign keys off
    if engine.dialect.name != "sqlite":
        return engine

    @event.listens_for(engine, "connect")
    def _foreign_keys_off(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None  # no implicit BEGIN: the listener below says it
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        if dbapi_connection.execute("PRAGMA foreign_keys").fetchone()[0] != 0:
            raise RuntimeError("SQLite foreign keys still on: batch migrations would fail")

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN")

    return engine


# Any constant will do: PostgreSQL's advisory locks are per database, and only ours takes this one.
MIGRATION_LOCK_KEY = 0x7A6C7A70  # "zlzp"


@contextmanager
def migration_transaction(connection, begin_transaction):
    """The upgrade's one transaction, under the database's migration lock; processes take turns.

    Replicas that all run `flask db upgrade` at start-up: the first migrates, the others wait,
    then find the database at head and do nothing. begin_transaction is Alembic's; the lock is
    taken before Alembic reads the current revision. On SQLite, a reference left pointing at a
    missing row fails the upgrade before COMMIT.
    """
    url = connection.engine.url
    if connection.dialect.name == "postgresql":
        with begin_transaction():
            # Released by the COMMIT or ROLLBACK ending the upgrade, or when the connection drops.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
            yield
        return
    if connection.dialect.name != "sqlite":
        with begin_transaction():
            yield
        return
    with ExitStack() as stack:
        if url.database not in (None, "", ":memory:"):
            # SQLite has no advisory lock: a lock file beside the database, released on close.
            # Taken before BEGIN: a transaction begun earlier was seen to read the schema as it
            # was before the previous holder committed, then to build it again.
            lock = stack.enter_context(open(f"{url.database}.migrate-lock", "a"))
            fcntl.flock(lock, fcntl.LOCK_EX)
        with begin_transaction():
            _drop_empty_batch_leftovers(connection)
            yield
            _check_foreign_keys(connection)


def _drop_empty_batch_leftovers(connection) -> None:
    """Drop the empty copies an earlier, failed batch migration left behind on SQLite.

    Before upgrades were one transaction, a batch rebuild refused by a foreign key (0010 on a
    database with data) kept its CREATE TABLE _alembic_tmp_<table>, so every retry failed on it.
    """
    leftovers = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master"
        " WHERE type = 'table' AND substr(name, 1, 13) = '_alembic_tmp_'"
    ).scalars()
    for name in list(leftovers):
        if connection.exec_driver_sql(f'SELECT 1 FROM "{name}" LIMIT 1').first() is None:
            connection.exec_driver_sql(f'DROP TABLE "{name}"')


def _check_foreign_keys(connection) -> None:
    """Fail unless every SQLite reference finds its row (foreign keys were off meanwhile)."""
    dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if dangling:
        found = "; ".join(
            f"{table} rowid {rowid} -> {parent}" for table, rowid, parent, _ in dangling
        )
        raise RuntimeError(
            f"upgrade rolled back: {len(dangling)} rows refer to missing rows ({found[:2000]})"
        )


def upgrade_database(url: str, revision: str = "head") -> None:
    """Bring the database at url up to the given migration."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


@click.group("db")
def db_cli():
    """Database migrations."""


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade_command(revision):
    """Upgrade the database to a migration (default: the latest)."""
    upgrade_database(current_app.config["SQLALCHEMY_DATABASE_URI"], revision)
    click.echo(f"database at {revision}")


@db_cli.command("check")
def check_command():
    """Fail unless the database is at the latest migration and matches the models."""
    from alembic import command
    from alembic.util import AutogenerateDiffsDetected, CommandError

    try:
        command.check(alembic_config(current_app.config["SQLALCHEMY_DATABASE_URI"]))
    except (AutogenerateDiffsDetected, CommandError) as error:
        raise click.ClickException(str(error)) from error


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
def revision_command(message):
    """Write a new migration from the difference between the models and the database."""
    from alembic import command

    command.revision(
        alembic_config(current_app.config["SQLALCHEMY_DATABASE_URI"]),
        message=message,
        autogenerate=True,
    )


def init_app(app: Flask) -> None:
    """Bind the database to the app and register the migrations CLI."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.config["SQLALCHEMY_DATABASE_URI"][len("sqlite:///") :]).parent.mkdir(
            parents=True, exist_ok=True
        )
    # A pre-ping costs a round trip per request; only a server connection can go stale.
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})
    db.init_app(app)
    app.cli.add_command(db_cli)
