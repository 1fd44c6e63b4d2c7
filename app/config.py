"""Every setting, read from the environment in one place."""

import json
import os
import secrets
from ipaddress import ip_network
from pathlib import Path
from urllib.parse import urlsplit

ENVIRONMENTS = ("development", "testing", "production")


# 等保 2.0 asks that audit records be kept six months at least; the PostgreSQL trigger of
# migration 0012 enforces the same floor.
AUDIT_RETENTION_FLOOR_DAYS = 183


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


S3_ADDRESSING = ("auto", "path", "virtual")


def _choice(env, name: str, choices: tuple[str, ...]) -> str:
    raw = env.get(name) or choices[0]
    if raw not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


def _storage_url(env) -> str | None:
    url = env.get("STORAGE_URL") or None
    if url and url.startswith("s3://") and len(url.rstrip("/")) <= len("s3://"):
        raise ConfigError("STORAGE_URL must name a bucket: s3://bucket/prefix")
    scheme = url.split("://", 1)[0] if url and "://" in url else None
    if scheme not in (None, "s3", "file"):
        raise ConfigError(f"STORAGE_URL must be s3://bucket/prefix or a directory, got {url!r}")
    return url


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


def _bool(env, name: str, default: bool) -> bool:
    raw = env.get(name)
    if raw in (None, ""):
        return default
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise ConfigError(f"{name} must be 1 or 0 (true or false), got {raw!r}")


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


def _rate(env, name: str, default: str) -> str:
    """A Flask-Limiter rate such as "10/hour" or "5 per minute;100 per day"."""
    from limits import parse_many

    raw = env.get(name) or default
    try:
        parse_many(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be a rate such as 10/hour, got {raw!r}") from exc
    return raw


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written the usual way (postgres://, postgresql://)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


DEVELOPMENT_BASE_URL = "http://127.0.0.1:5000"
# HMAC keys shorter than the hash (SHA-256) weaken it; token_hex(32) gives 64 bytes.
MIN_KEY_BYTES = 32
# token_hex(32) gives 64 characters out of 16; fewer than 8 distinct ones is never chance.
MIN_KEY_DISTINCT = 8
_LOOPBACK = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def production_problems(
    env, *, secret_key, jwt_secret_key, database_url: str, public_base_url: str
) -> list[str]:
    """What production refuses, each saying what to set (empty when all is well)."""
    problems = []
    for name, key in (("SECRET_KEY", secret_key), ("JWT_SECRET_KEY", jwt_secret_key)):
        if not key:
            problems.append(
                f"set {name} (at least {MIN_KEY_BYTES} random bytes, e.g. "
                "python3 -c 'import secrets; print(secrets.token_hex(32))'); "
                "ALLOW_GENERATED_KEYS_IN_PRODUCTION=1 keeps keys in instance/secrets.json instead"
            )
        elif len(key.encode()) < MIN_KEY_BYTES:
            problems.append(f"{name} is shorter than {MIN_KEY_BYTES} bytes: set a longer one")
        elif len(set(key)) < MIN_KEY_DISTINCT:
            # "changeme" repeated, "aaaa…": long enough, yet a guess away. Random keys never are.
            problems.append(f"{name} looks like a placeholder, not a random key: set a random one")
    if secret_key and secret_key == jwt_secret_key:
        problems.append("SECRET_KEY and JWT_SECRET_KEY are the same: set two different keys")
    if database_url.startswith("sqlite") and not _bool(env, "ALLOW_SQLITE_IN_PRODUCTION", False):
        problems.append(
            "set DATABASE_URL to PostgreSQL (postgresql://user@host/db); "
            "ALLOW_SQLITE_IN_PRODUCTION=1 allows SQLite for a single-machine installation"
        )
    url = urlsplit(public_base_url)
    if not public_base_url:
        problems.append(
            "set PUBLIC_BASE_URL to the service's public https:// address: it is printed "
            "into every report's verification link and QR code, for good"
        )
    elif url.scheme != "https" or not url.hostname or url.hostname in _LOOPBACK:
        problems.append(
            f"PUBLIC_BASE_URL must be the public https:// address of the service, "
            f"got {public_base_url!r}"
        )
    return problems


def load_config(env=None, *, instance_path: Path) -> dict:
    """Build the Flask configuration from environment variables."""
    env = os.environ if env is None else env
    app_env = env.get("APP_ENV", "development")
    if app_env not in ENVIRONMENTS:
        raise ConfigError(f"APP_ENV must be one of {', '.join(ENVIRONMENTS)}, got {app_env!r}")

    production = app_env == "production"
    secret_key = env.get("SECRET_KEY")
    jwt_secret_key = env.get("JWT_SECRET_KEY")
    generate_keys = not production or _bool(env, "ALLOW_GENERATED_KEYS_IN_PRODUCTION", False)
    if generate_keys and not (secret_key and jwt_secret_key):
        generated = _development_secrets(instance_path)
        secret_key = secret_key or generated["SECRET_KEY"]
        jwt_secret_key = jwt_secret_key or generated["JWT_SECRET_KEY"]

    database_url = normalise_database_url(
        env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'quality.db'}"
    )
    public_base_url = env.get("PUBLIC_BASE_URL") or ("" if production else DEVELOPMENT_BASE_URL)
    if production:
        problems = production_problems(
            env,
            secret_key=secret_key,
            jwt_secret_key=jwt_secret_key,
            database_url=database_url,
            public_base_url=public_base_url,
        )
        if problems:
            raise ConfigError("APP_ENV=production refuses to start:\n- " + "\n- ".join(problems))
    min_cell = _int(env, "MIN_CELL", 5)
    if min_cell < 3:
        raise ConfigError("MIN_CELL may not be below 3 (see docs/disclosure-control.md)")
    audit_days = _int(env, "AUDIT_RETENTION_DAYS", 365)
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
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MAX_CONTENT_LENGTH": _int(env, "MAX_CONTENT_LENGTH", 1024 * 1024),
        "JWT_ACCESS_MINUTES": _int(env, "JWT_ACCESS_MINUTES", 15),
        **_sessions(env, public_base_url),
        # Failures per (username, address) before each further attempt waits, 1 s, 2 s, 4 s, …
        # up to LOGIN_MAX_DELAY_SECONDS (app/auth/ratelimit.py): slowed, never locked out.
        "LOGIN_MAX_FAILURES": _int(env, "LOGIN_MAX_FAILURES", 5),
        "LOGIN_FIRST_DELAY_SECONDS": _int(env, "LOGIN_FIRST_DELAY_SECONDS", 1),
        "LOGIN_MAX_DELAY_SECONDS": _int(env, "LOGIN_MAX_DELAY_SECONDS", 300),
        "LOGIN_WINDOW_SECONDS": _int(env, "LOGIN_WINDOW_SECONDS", 900),
        # Higher than per username: many honest people can share one address (office NAT, CGNAT).
        "LOGIN_MAX_ADDRESS_FAILURES": _int(env, "LOGIN_MAX_ADDRESS_FAILURES", 20),
        # Argon2id, RFC 9106's second recommended profile (64 MiB, 3 passes, 4 lanes).
        "ARGON2_TIME_COST": _int(env, "ARGON2_TIME_COST", 3),
        "ARGON2_MEMORY_KIB": _int(env, "ARGON2_MEMORY_KIB", 65536),
        "ARGON2_PARALLELISM": _int(env, "ARGON2_PARALLELISM", 4),
        "MIN_CELL": min_cell,
        # A snapshot is due when the latest is this old (app/aggregates, docs/jobs.md).
        "AGGREGATE_SNAPSHOT_HOURS": _int(env, "AGGREGATE_SNAPSHOT_HOURS", 24),
        # A read of aggregates takes a due snapshot itself. Off in production, where the
        # scheduled job takes it (flask jobs run-scheduled) and web workers only serve requests.
        "AGGREGATE_LAZY_SNAPSHOT": _bool(env, "AGGREGATE_LAZY_SNAPSHOT", not production),
        # A computed dashboard serves again for this long (app/dashboard/cache.py); 0: off.
        "DASHBOARD_CACHE_SECONDS": _int(env, "DASHBOARD_CACHE_SECONDS", 60),
        # Pruned by the scheduled job: a retry with the same Idempotency-Key after this many
        # days runs the request again (a phone offline longer than that is unusual).
        "IDEMPOTENCY_RETENTION_DAYS": _int(env, "IDEMPOTENCY_RETENTION_DAYS", 7),
        # Audit entries older than this are pruned by the scheduled job; never below the floor.
        "AUDIT_RETENTION_DAYS": audit_days,
        "REDIS_URL": env.get("REDIS_URL") or None,
        # The blob store (app/storage): s3://bucket/prefix or a directory; unset, REPORT_DIR.
        "STORAGE_URL": _storage_url(env),
        "REPORT_DIR": env.get("REPORT_DIR") or str(instance_path / "reports"),
        "STORAGE_S3_ENDPOINT_URL": env.get("STORAGE_S3_ENDPOINT_URL") or None,
        "STORAGE_S3_REGION": env.get("STORAGE_S3_REGION") or None,
        "STORAGE_S3_ADDRESSING": _choice(env, "STORAGE_S3_ADDRESSING", S3_ADDRESSING),
        "STORAGE_TIMEOUT": _int(env, "STORAGE_TIMEOUT", 5),  # seconds to connect, and per read
        "STORAGE_RETRY_AFTER": _int(env, "STORAGE_RETRY_AFTER", 30),  # the 503's Retry-After
        # Evidence files on answers (app/evidence, docs/evidence.md): the size of one file, how
        # many a question and an assessment hold, and the bounds on an image before decoding
        # (pixels: decompression bombs) and after re-encoding (the longer side).
        "EVIDENCE_MAX_BYTES": _int(env, "EVIDENCE_MAX_BYTES", 10 * 1024 * 1024),
        "EVIDENCE_MAX_PER_QUESTION": _int(env, "EVIDENCE_MAX_PER_QUESTION", 5),
        "EVIDENCE_MAX_PER_ASSESSMENT": _int(env, "EVIDENCE_MAX_PER_ASSESSMENT", 50),
        "EVIDENCE_IMAGE_MAX_PIXELS": _int(env, "EVIDENCE_IMAGE_MAX_PIXELS", 50_000_000),
        "EVIDENCE_IMAGE_MAX_SIDE": _int(env, "EVIDENCE_IMAGE_MAX_SIDE", 4096),
        "FONT_CACHE_DIR": env.get("FONT_CACHE_DIR") or str(instance_path / "fonts"),
        # Reports: rendered at submit (in-process without REDIS_URL, else on the RQ queue).
        "REPORT_RENDER_ON_SUBMIT": _bool(env, "REPORT_RENDER_ON_SUBMIT", True),
        "REPORT_QUEUE": env.get("REPORT_QUEUE") or "reports",
        # Export jobs (docs/exports.md): their RQ queue (the report worker serves it too), how
        # long a job and its file are kept, how often progress is written, and the largest
        # export the direct (streamed) endpoints still answer.
        "EXPORT_QUEUE": env.get("EXPORT_QUEUE") or "exports",
        "EXPORT_RETENTION_DAYS": _int(env, "EXPORT_RETENTION_DAYS", 7),
        "EXPORT_PROGRESS_ROWS": _int(env, "EXPORT_PROGRESS_ROWS", 1000),
        "EXPORT_STREAM_MAX_ROWS": _int(env, "EXPORT_STREAM_MAX_ROWS", 50000),
        # A campaign roll: the largest file and the most rows one import takes (docs/campaigns.md).
        "ROLL_MAX_BYTES": _int(env, "ROLL_MAX_BYTES", 32 * 1024 * 1024),
        "ROLL_MAX_ROWS": _int(env, "ROLL_MAX_ROWS", 200000),
        # Bulk staff accounts (docs/accounts.md): a file of offices, far smaller than a roll.
        "STAFF_IMPORT_MAX_BYTES": _int(env, "STAFF_IMPORT_MAX_BYTES", 2 * 1024 * 1024),
        "STAFF_IMPORT_MAX_ROWS": _int(env, "STAFF_IMPORT_MAX_ROWS", 2000),
        "REPORT_RETRIES": _int(env, "REPORT_RETRIES", 3),
        # Seconds before the 1st, 2nd, 3rd retry of a failed render.
        "REPORT_RETRY_INTERVALS": _int_list(env, "REPORT_RETRY_INTERVALS", [30, 120, 600]),
        "REPORT_JOB_TIMEOUT": _int(env, "REPORT_JOB_TIMEOUT", 180),
        "REPORT_RETRY_AFTER": _int(env, "REPORT_RETRY_AFTER", 3),  # the 202's Retry-After
        # Frozen into every stored report (the verification URL and QR code): no trailing slash.
        "PUBLIC_BASE_URL": public_base_url.rstrip("/"),
        "LOG_LEVEL": env.get("LOG_LEVEL", "INFO"),
        # Abuse limits (app/auth/limits.py, docs/accounts.md): per client address for sign-up,
        # per signed-in caller for the rest; counted in Redis when REDIS_URL is set.
        "RATE_LIMIT_REGISTER": _rate(env, "RATE_LIMIT_REGISTER", "10/hour"),
        "RATE_LIMIT_REFRESH": _rate(env, "RATE_LIMIT_REFRESH", "30/hour"),
        "RATE_LIMIT_EXPORTS": _rate(env, "RATE_LIMIT_EXPORTS", "30/hour"),
        "RATE_LIMIT_DOWNLOADS": _rate(env, "RATE_LIMIT_DOWNLOADS", "120/hour"),
        # Anonymous reset requests and code redemptions, together, per client address.
        "RATE_LIMIT_PASSWORD_RESET": _rate(env, "RATE_LIMIT_PASSWORD_RESET", "10/hour"),
        "RATE_LIMIT_KEY_PREFIX": env.get("RATE_LIMIT_KEY_PREFIX") or "quality",
        # Reverse proxies in front of the app whose X-Forwarded-For/-Proto are to be believed.
        "TRUSTED_PROXY_HOPS": _int(env, "TRUSTED_PROXY_HOPS", 0),
        # Lifetime of a service token when the admin gives none; 0: until revoked.
        "SERVICE_TOKEN_DAYS": _int(env, "SERVICE_TOKEN_DAYS", 365),
        # How long a password reset's one-time code works (docs/accounts.md, Recovery).
        "RESET_CODE_MINUTES": _int(env, "RESET_CODE_MINUTES", 30),
        **_operations(env, app_env),
        **_mail(env),
    }


def _mail(env) -> dict:
    """Email through SMTP (app/mail, docs/notifications.md); no host: no email is sent."""
    host = env.get("MAIL_SMTP_HOST") or None
    sender = env.get("MAIL_FROM") or None
    if host and not sender:
        raise ConfigError("MAIL_SMTP_HOST needs MAIL_FROM, the address emails are sent from")
    days = _int_list(env, "CAMPAIGN_REMINDER_DAYS", [7, 2])
    if any(day < 0 for day in days):
        raise ConfigError(f"CAMPAIGN_REMINDER_DAYS must be days before the close, got {days}")
    return {
        "MAIL_SMTP_HOST": host,
        "MAIL_SMTP_PORT": _int(env, "MAIL_SMTP_PORT", 587),
        # STARTTLS before signing in (port 587); off only for a relay on the same machine.
        "MAIL_SMTP_STARTTLS": _bool(env, "MAIL_SMTP_STARTTLS", True),
        "MAIL_SMTP_USER": env.get("MAIL_SMTP_USER") or None,
        "MAIL_SMTP_PASSWORD": env.get("MAIL_SMTP_PASSWORD") or None,
        "MAIL_SMTP_TIMEOUT": _int(env, "MAIL_SMTP_TIMEOUT", 20),
        "MAIL_FROM": sender,
        "MAIL_QUEUE": env.get("MAIL_QUEUE") or "mail",
        "MAIL_MAX_ATTEMPTS": _int(env, "MAIL_MAX_ATTEMPTS", 5),
        # Days before a campaign's close on which the schedule reminds its non-responders.
        "CAMPAIGN_REMINDER_DAYS": sorted(set(days), reverse=True),
    }


def _sessions(env, public_base_url: str) -> dict:
    """How long a sign-in lasts (app/auth/sessions.py), and the headers of every response."""
    if env.get("JWT_REFRESH_DAYS"):
        raise ConfigError(
            "JWT_REFRESH_DAYS is gone: set SESSION_ABSOLUTE_HOURS_* and SESSION_IDLE_MINUTES_*"
        )
    settings = {
        # Staff hold the wider scopes: a working day, against a week for enterprises.
        "SESSION_ABSOLUTE_HOURS_STAFF": _int(env, "SESSION_ABSOLUTE_HOURS_STAFF", 12),
        "SESSION_ABSOLUTE_HOURS_ENTERPRISE": _int(env, "SESSION_ABSOLUTE_HOURS_ENTERPRISE", 168),
        "SESSION_IDLE_MINUTES_STAFF": _int(env, "SESSION_IDLE_MINUTES_STAFF", 60),
        "SESSION_IDLE_MINUTES_ENTERPRISE": _int(env, "SESSION_IDLE_MINUTES_ENTERPRISE", 1440),
        # Browsers send a Secure cookie over https only: off by default for a plain-http base URL.
        "REFRESH_COOKIE_SECURE": _bool(
            env, "REFRESH_COOKIE_SECURE", public_base_url.startswith("https://")
        ),
        # Strict-Transport-Security on responses served over TLS; 0: none (app/headers.py).
        "HSTS_SECONDS": _int(env, "HSTS_SECONDS", 31536000),
    }
    for name, value in settings.items():
        if name.startswith("SESSION_") and value < 1:
            raise ConfigError(f"{name} must be at least 1, got {value}")
    return settings


def _operations(env, app_env: str) -> dict:
    """Durability, logs and metrics: the settings of running the service (docs/deployment.md)."""
    log_format = env.get("LOG_FORMAT") or ("json" if app_env == "production" else "text")
    if log_format not in ("json", "text"):
        raise ConfigError(f"LOG_FORMAT must be json or text, got {log_format!r}")
    networks = env.get("METRICS_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128")
    try:
        allowed = [ip_network(n.strip(), strict=False) for n in networks.split(",") if n.strip()]
    except ValueError as exc:
        raise ConfigError(f"METRICS_ALLOWED_NETWORKS: {exc}") from exc
    webhook_networks = env.get("WEBHOOK_ALLOWED_NETWORKS", "")
    try:
        webhook_allowed = [
            ip_network(n.strip(), strict=False) for n in webhook_networks.split(",") if n.strip()
        ]
    except ValueError as exc:
        raise ConfigError(f"WEBHOOK_ALLOWED_NETWORKS: {exc}") from exc
    nice = _int(env, "REPORT_WORKER_NICE", 10)
    if not 0 <= nice <= 19:
        raise ConfigError(f"REPORT_WORKER_NICE must be from 0 to 19, got {nice}")
    if _int(env, "WORKER_METRICS_PORT", 0) and not env.get("PROMETHEUS_MULTIPROC_DIR"):
        # Jobs run in forked children: only the multiprocess files carry their metrics home.
        raise ConfigError("WORKER_METRICS_PORT needs PROMETHEUS_MULTIPROC_DIR")
    return {
        # Non-public networks webhooks may reach (app/webhooks/addresses.py); none by default.
        "WEBHOOK_ALLOWED_NETWORKS": webhook_allowed,
        # Attempts per delivery, the first retry's wait (doubling after), one attempt's timeout.
        "WEBHOOK_MAX_ATTEMPTS": _int(env, "WEBHOOK_MAX_ATTEMPTS", 8),
        "WEBHOOK_RETRY_BASE_SECONDS": _int(env, "WEBHOOK_RETRY_BASE_SECONDS", 60),
        "WEBHOOK_TIMEOUT_SECONDS": _int(env, "WEBHOOK_TIMEOUT_SECONDS", 10),
        # How long a rotated-out secret still signs deliveries beside the new one.
        "WEBHOOK_SECRET_OVERLAP_HOURS": _int(env, "WEBHOOK_SECRET_OVERLAP_HOURS", 24),
        "WEBHOOK_QUEUE": env.get("WEBHOOK_QUEUE") or "webhooks",
        # Off: a draft save acknowledged with 200 survives a PostgreSQL crash (docs/performance.md).
        "DRAFT_SAVE_ASYNC_COMMIT": _bool(env, "DRAFT_SAVE_ASYNC_COMMIT", False),
        "LOG_FORMAT": log_format,
        "METRICS_ALLOWED_NETWORKS": allowed,
        "METRICS_TOKEN": env.get("METRICS_TOKEN") or None,
        # Read by prometheus_client itself at import; kept here so it is checked and documented.
        "PROMETHEUS_MULTIPROC_DIR": env.get("PROMETHEUS_MULTIPROC_DIR") or None,
        # The CPU priority (nice) the report and export workers run at: on a machine shared with
        # the web, renders yield to requests during a burst (docs/performance.md); 0: as is.
        "REPORT_WORKER_NICE": nice,
        "WORKER_METRICS_PORT": _int(env, "WORKER_METRICS_PORT", 0),
        "WORKER_METRICS_ADDRESS": env.get("WORKER_METRICS_ADDRESS", "127.0.0.1"),
    }
