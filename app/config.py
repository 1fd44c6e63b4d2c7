"""Every setting, read from the environment in one place."""

import json
import os
import secrets
from pathlib import Path

ENVIRONMENTS = ("development", "testing", "production")


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to set."""


def _int(env, name: str, default: int) -> int:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from exc


def _int_list(env, name: str, default: list[int]) -> list[int]:
    raw = env.get(name)
    if raw in (None, ""):
        return list(default)
    try:
        return [int(part) for part in raw.split(",")]
    except ValueError as exc:
        raise ConfigError(f"{name} must be whole numbers separated by commas, got {raw!r}") from exc


def _development_secrets(instance_path: Path) -> dict:
    """Generate the development keys once into instance/ so every process shares them."""
    path = instance_path / "secrets.json"
    if path.exists():
        return json.loads(path.read_text())
    instance_path.mkdir(parents=True, exist_ok=True)
    keys = {"SECRET_KEY": secrets.token_hex(32), "JWT_SECRET_KEY": secrets.token_hex(32)}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(keys))
    os.chmod(tmp, 0o600)
    # Two processes starting together: the rename is atomic, and both then read one file.
    if not path.exists():
        tmp.replace(path)
    else:
        tmp.unlink()
    return json.loads(path.read_text())


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way (postgres://, postgresql://)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load_config(env=None, *, instance_path: Path) -> dict:
    """Build the Flask configuration from environment variables."""
    env = os.environ if env is None else env
    app_env = env.get("APP_ENV", "development")
    if app_env not in ENVIRONMENTS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, got {app_env!r}")

    secret_key = env.get("SECRET_KEY")
    jwt_secret_key = env.get("JWT_SECRET_KEY")
    if app_env == "production":
        missing = [
            n for n, v in (("SECRET_KEY", secret_key), ("JWT_SECRET_KEY", jwt_secret_key)) if not v
        ]
        if missing:
            raise ConfigError(f"production needs {' and '.join(missing)} in the environment")
    elif not (secret_key and jwt_secret_key):
        generated = _development_secrets(instance_path)
        secret_key = secret_key or generated["SECRET_KEY"]
        jwt_secret_key = jwt_secret_key or generated["JWT_SECRET_KEY"]

    database_url = normalise_database_url(
        env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'quality.db'}"
    )
    min_cell = _int(env, "MIN_CELL", 5)
    if min_cell < 3:
        raise ConfigError("MIN_CELL may not be below 3 (see docs/disclosure-control.md)")

    return {
        "APP_ENV": app_env,
        "TESTING": app_env == "testing",
        "SECRET_KEY": secret_key,
        "JWT_SECRET_KEY": jwt_secret_key,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAX_CONTENT_LENGTH": _int(env, "MAX_CONTENT_LENGTH", 1024 * 1024),
        "JWT_ACCESS_MINUTES": _int(env, "JWT_ACCESS_MINUTES", 15),
        "JWT_REFRESH_DAYS": _int(env, "JWT_REFRESH_DAYS", 30),
        "LOGIN_MAX_FAILURES": _int(env, "LOGIN_MAX_FAILURES", 5),
        "LOGIN_WINDOW_SECONDS": _int(env, "LOGIN_WINDOW_SECONDS", 900),
        # Higher than per username: many honest people can share one address (office NAT, CGNAT).
        "LOGIN_MAX_ADDRESS_FAILURES": _int(env, "LOGIN_MAX_ADDRESS_FAILURES", 20),
        # Argon2id, RFC 9106's second recommended profile (64 MiB, 3 passes, 4 lanes).
        "ARGON2_TIME_COST": _int(env, "ARGON2_TIME_COST", 3),
        "ARGON2_MEMORY_KIB": _int(env, "ARGON2_MEMORY_KIB", 65536),
        "ARGON2_PARALLELISM": _int(env, "ARGON2_PARALLELISM", 4),
        "MIN_CELL": min_cell,
        # A read of aggregates takes a new snapshot when the latest is this old (app/aggregates).
        "AGGREGATE_SNAPSHOT_HOURS": _int(env, "AGGREGATE_SNAPSHOT_HOURS", 24),
        "REDIS_URL": env.get("REDIS_URL") or None,
        "REPORT_DIR": env.get("REPORT_DIR") or str(instance_path / "reports"),
        "FONT_CACHE_DIR": env.get("FONT_CACHE_DIR") or str(instance_path / "fonts"),
        # Reports: rendered at submit (in-process without REDIS_URL, else on the RQ queue).
        "REPORT_RENDER_ON_SUBMIT": env.get("REPORT_RENDER_ON_SUBMIT", "1") not in ("0", "false"),
        "REPORT_QUEUE": env.get("REPORT_QUEUE") or "reports",
        "REPORT_RETRIES": _int(env, "REPORT_RETRIES", 3),
        # Seconds before the 1st, 2nd, 3rd retry of a failed render.
        "REPORT_RETRY_INTERVALS": _int_list(env, "REPORT_RETRY_INTERVALS", [30, 120, 600]),
        "REPORT_JOB_TIMEOUT": _int(env, "REPORT_JOB_TIMEOUT", 180),
        "REPORT_RETRY_AFTER": _int(env, "REPORT_RETRY_AFTER", 3),  # the 202's Retry-After
        "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000"),
        "LOG_LEVEL": env.get("LOG_LEVEL", "INFO"),
    }
