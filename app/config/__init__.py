"""Every setting, read from the environment in one place: load_config() builds them all.

The settings of an engine are read in its own module (database, storage, queues, mail), those of
running the service in operations.py, and production's refusals in production.py.
"""

import os
from pathlib import Path

from app.config.database import database_settings, database_url

# tests/conftest.py imports it from app.config, the one entry point.
from app.config.database import normalise_database_url as normalise_database_url
from app.config.mail import mail_settings
from app.config.operations import operations_settings
from app.config.production import DEVELOPMENT_BASE_URL, development_secrets, production_problems
from app.config.queues import queue_settings
from app.config.storage import storage_settings
from app.config.values import (
    ConfigError,
    read_bool,
    read_int,
    read_int_list,
    read_rate,
)

ENVIRONMENTS = ("development", "testing", "production")


# 等保 2.0 asks that audit records be kept six months at least; the PostgreSQL trigger of
# migration 0012 enforces the same floor.
AUDIT_RETENTION_FLOOR_DAYS = 183


def load_config(env=None, *, instance_path: Path) -> dict:
    """Build the Flask configuration from environment variables."""
    env = os.environ if env is None else env
    app_env = env.get("APP_ENV", "development")
    if app_env not in ENVIRONMENTS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, got {app_env!r}")

    production = app_env == "production"
    secret_key = env.get("SECRET_KEY")
    jwt_secret_key = env.get("JWT_SECRET_KEY")
    generate_keys = not production or read_bool(env, "ALLOW_GENERATED_KEYS_IN_PRODUCTION", False)
    if generate_keys and not (secret_key and jwt_secret_key):
        generated = development_secrets(instance_path)
        secret_key = secret_key or generated["SECRET_KEY"]
        jwt_secret_key = jwt_secret_key or generated["JWT_SECRET_KEY"]

    db_url = database_url(env, instance_path)
    public_base_url = env.get("PUBLIC_BASE_URL") or ("" if production else DEVELOPMENT_BASE_URL)
    if production:
        problems = production_problems(
            env,
            secret_key=secret_key,
            jwt_secret_key=jwt_secret_key,
            database_url=db_url,
            public_base_url=public_base_url,
        )
        if problems:
            raise ConfigError("APP_ENV=production refuses to start:\n- " + "\n- ".join(problems))
    min_cell = read_int(env, "MIN_CELL", 5)
    if min_cell < 3:
        raise ConfigError("MIN_CELL may not be below 3 (see docs/disclosure-control.md)")
    audit_days = read_int(env, "AUDIT_RETENTION_DAYS", 365)
    if audit_days < AUDIT_RETENTION_FLOOR_DAYS:
        raise ConfigError(
            f"AUDIT_RETENTION_DAYS may not be below {AUDIT_RETENTION_FLOOR_DAYS}: 等保 asks "
            "that audit records be kept at least six months (app/audit/README.md)"
        )

    return {
        "APP_ENV": app_env,
        "TESTING": app_env == "testing",
        "SECRET_KEY": secret_key,
        "JWT_SECRET_KEY": jwt_secret_key,
        "SQLALCHEMY_DATABASE_URI": db_url,
        "MAX_CONTENT_LENGTH": read_int(env, "MAX_CONTENT_LENGTH", 1024 * 1024),
        "JWT_ACCESS_MINUTES": read_int(env, "JWT_ACCESS_MINUTES", 15),
        **_sessions(env, public_base_url),
        # Failures per (username, address) before each further attempt waits, 1 s, 2 s, 4 s, …
        # up to LOGIN_MAX_DELAY_SECONDS (app/auth/ratelimit.py): slowed, never locked out.
        "LOGIN_MAX_FAILURES": read_int(env, "LOGIN_MAX_FAILURES", 5),
        "LOGIN_FIRST_DELAY_SECONDS": read_int(env, "LOGIN_FIRST_DELAY_SECONDS", 1),
        "LOGIN_MAX_DELAY_SECONDS": read_int(env, "LOGIN_MAX_DELAY_SECONDS", 300),
        "LOGIN_WINDOW_SECONDS": read_int(env, "LOGIN_WINDOW_SECONDS", 900),
        # Higher than per username: many honest people can share one address (office NAT, CGNAT).
        "LOGIN_MAX_ADDRESS_FAILURES": read_int(env, "LOGIN_MAX_ADDRESS_FAILURES", 20),
        # Argon2id, RFC 9106's second recommended profile (64 MiB, 3 passes, 4 lanes).
        "ARGON2_TIME_COST": read_int(env, "ARGON2_TIME_COST", 3),
        "ARGON2_MEMORY_KIB": read_int(env, "ARGON2_MEMORY_KIB", 65536),
        "ARGON2_PARALLELISM": read_int(env, "ARGON2_PARALLELISM", 4),
        "MIN_CELL": min_cell,
        # A snapshot is due when the latest is this old (app/aggregates, docs/jobs.md).
        "AGGREGATE_SNAPSHOT_HOURS": read_int(env, "AGGREGATE_SNAPSHOT_HOURS", 24),
        # A read of aggregates takes a due snapshot itself. Off in production, where the
        # scheduled job takes it (flask jobs run-scheduled) and web workers only serve requests.
        "AGGREGATE_LAZY_SNAPSHOT": read_bool(env, "AGGREGATE_LAZY_SNAPSHOT", not production),
        # A computed dashboard serves again for this long (app/dashboard/cache.py); 0: off.
        "DASHBOARD_CACHE_SECONDS": read_int(env, "DASHBOARD_CACHE_SECONDS", 60),
        # Pruned by the scheduled job: a retry with the same Idempotency-Key after this many
        # days runs the request again (a phone offline longer than that is unusual).
        "IDEMPOTENCY_RETENTION_DAYS": read_int(env, "IDEMPOTENCY_RETENTION_DAYS", 7),
        # Audit entries older than this are pruned by the scheduled job; never below the floor.
        "AUDIT_RETENTION_DAYS": audit_days,
        **queue_settings(env),
        **storage_settings(env, instance_path),
        # Evidence files on answers (app/evidence, docs/evidence.md): the size of one file, how
        # many a question and an assessment hold, and the bounds on an image before decoding
        # (pixels: decompression bombs) and after re-encoding (the longer side).
        "EVIDENCE_MAX_BYTES": read_int(env, "EVIDENCE_MAX_BYTES", 10 * 1024 * 1024),
        "EVIDENCE_MAX_PER_QUESTION": read_int(env, "EVIDENCE_MAX_PER_QUESTION", 5),
        "EVIDENCE_MAX_PER_ASSESSMENT": read_int(env, "EVIDENCE_MAX_PER_ASSESSMENT", 50),
        "EVIDENCE_IMAGE_MAX_PIXELS": read_int(env, "EVIDENCE_IMAGE_MAX_PIXELS", 50_000_000),
        "EVIDENCE_IMAGE_MAX_SIDE": read_int(env, "EVIDENCE_IMAGE_MAX_SIDE", 4096),
        "FONT_CACHE_DIR": env.get("FONT_CACHE_DIR") or str(instance_path / "fonts"),
        # Reports: rendered at submit (in-process without REDIS_URL, else on the RQ queue).
        "REPORT_RENDER_ON_SUBMIT": read_bool(env, "REPORT_RENDER_ON_SUBMIT", True),
        # Export jobs (docs/exports.md): how long a job and its file are kept, how often progress
        # is written, and the largest export the direct (streamed) endpoints still answer.
        "EXPORT_RETENTION_DAYS": read_int(env, "EXPORT_RETENTION_DAYS", 7),
        "EXPORT_PROGRESS_ROWS": read_int(env, "EXPORT_PROGRESS_ROWS", 1000),
        "EXPORT_STREAM_MAX_ROWS": read_int(env, "EXPORT_STREAM_MAX_ROWS", 50000),
        # A campaign roll: the largest file and the most rows one import takes (docs/campaigns.md).
        "ROLL_MAX_BYTES": read_int(env, "ROLL_MAX_BYTES", 32 * 1024 * 1024),
        "ROLL_MAX_ROWS": read_int(env, "ROLL_MAX_ROWS", 200000),
        # Bulk staff accounts (docs/accounts.md): a file of offices, far smaller than a roll.
        "STAFF_IMPORT_MAX_BYTES": read_int(env, "STAFF_IMPORT_MAX_BYTES", 2 * 1024 * 1024),
        "STAFF_IMPORT_MAX_ROWS": read_int(env, "STAFF_IMPORT_MAX_ROWS", 2000),
        "REPORT_RETRIES": read_int(env, "REPORT_RETRIES", 3),
        # Seconds before the 1st, 2nd, 3rd retry of a failed render.
        "REPORT_RETRY_INTERVALS": read_int_list(env, "REPORT_RETRY_INTERVALS", [30, 120, 600]),
        "REPORT_JOB_TIMEOUT": read_int(env, "REPORT_JOB_TIMEOUT", 180),
        "REPORT_RETRY_AFTER": read_int(env, "REPORT_RETRY_AFTER", 3),  # the 202's Retry-After
        # Frozen into every stored report (the verification URL and QR code): no trailing slash.
        "PUBLIC_BASE_URL": public_base_url.rstrip("/"),
        "LOG_LEVEL": env.get("LOG_LEVEL", "INFO"),
        # Abuse limits (app/auth/limits.py, docs/accounts.md): per client address for sign-up,
        # per signed-in caller for the rest; counted in Redis when REDIS_URL is set.
        "RATE_LIMIT_REGISTER": read_rate(env, "RATE_LIMIT_REGISTER", "10/hour"),
        "RATE_LIMIT_REFRESH": read_rate(env, "RATE_LIMIT_REFRESH", "30/hour"),
        "RATE_LIMIT_EXPORTS": read_rate(env, "RATE_LIMIT_EXPORTS", "30/hour"),
        "RATE_LIMIT_DOWNLOADS": read_rate(env, "RATE_LIMIT_DOWNLOADS", "120/hour"),
        # Anonymous reset requests and code redemptions, together, per client address.
        "RATE_LIMIT_PASSWORD_RESET": read_rate(env, "RATE_LIMIT_PASSWORD_RESET", "10/hour"),
        "RATE_LIMIT_KEY_PREFIX": env.get("RATE_LIMIT_KEY_PREFIX") or "quality",
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are to be believed.
        "TRUSTED_PROXY_HOPS": read_int(env, "TRUSTED_PROXY_HOPS", 0),
        # Lifetime of a service token when the admin gives none; 0: until revoked.
        "SERVICE_TOKEN_DAYS": read_int(env, "SERVICE_TOKEN_DAYS", 365),
        # How long a password reset's one-time code works (docs/accounts.md, Recovery).
        "RESET_CODE_MINUTES": read_int(env, "RESET_CODE_MINUTES", 30),
        **operations_settings(env, app_env),
        # After the operations' checks, as before the split: with two bad values, the same one
        # is reported first.
        **database_settings(env),
        **mail_settings(env),
    }


def _sessions(env, public_base_url: str) -> dict:
    """How long a sign-in lasts (app/auth/sessions.py), and the headers of every response."""
    if env.get("JWT_REFRESH_DAYS"):
        raise ConfigError(
            "JWT_REFRESH_DAYS is gone: set SESSION_ABSOLUTE_HOURS_* and SESSION_IDLE_MINUTES_*"
        )
    settings = {
        # Staff hold the wider scopes: a working day, against a week for enterprises.
        "SESSION_ABSOLUTE_HOURS_STAFF": read_int(env, "SESSION_ABSOLUTE_HOURS_STAFF", 12),
        "SESSION_ABSOLUTE_HOURS_ENTERPRISE": read_int(
            env, "SESSION_ABSOLUTE_HOURS_ENTERPRISE", 168
        ),
        "SESSION_IDLE_MINUTES_STAFF": read_int(env, "SESSION_IDLE_MINUTES_STAFF", 60),
        "SESSION_IDLE_MINUTES_ENTERPRISE": read_int(env, "SESSION_IDLE_MINUTES_ENTERPRISE", 1440),
        # Browsers send a Secure cookie over https only: off by default for a plain-http base URL.
        "REFRESH_COOKIE_SECURE": read_bool(
            env, "REFRESH_COOKIE_SECURE", public_base_url.startswith("https://")
        ),
        # Strict-Transport-Security on responses served over TLS; 0: none (app/headers.py).
        "HSTS_SECONDS": read_int(env, "HSTS_SECONDS", 31536000),
    }
    for name, value in settings.items():
        if name.startswith("SESSION_") and value < 1:
            raise ConfigError(f"{name} must be at least 1, got {value}")
    return settings
