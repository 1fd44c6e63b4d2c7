"""The database: its URL (SQLite in instance/ unless set), and how PostgreSQL commits drafts."""

from pathlib import Path

from app.config.values import read_bool


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way (postgres://, postgresql://)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def database_url(env, instance_path: Path) -> str:
    return normalise_database_url(
        env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'quality.db'}"
    )


def database_problems(env, url: str) -> list[str]:
    """What production refuses of the database, each saying what to set."""
    if url.startswith("sqlite") and not read_bool(env, "ALLOW_SQLITE_IN_PRODUCTION", False):
        return [
            "set DATABASE_URL to PostgreSQL (postgresql://user@host/db); "
            "ALLOW_SQLITE_IN_PRODUCTION=1 allows SQLite for a single-machine installation"
        ]
    return []


def database_settings(env) -> dict:
    """How PostgreSQL commits a draft save (the URL is read first, for production's checks)."""
    return {
        # Off: a draft save acknowledged with 200 survives a PostgreSQL crash (docs/performance.md).
        "DRAFT_SAVE_ASYNC_COMMIT": read_bool(env, "DRAFT_SAVE_ASYNC_COMMIT", False),
    }
