"""The blob store (app/storage): s3://bucket/prefix or a directory, and how long to wait for it."""

from pathlib import Path

from app.config.values import ConfigError, read_choice, read_int

S3_ADDRESSING = ("auto", "path", "virtual")


def _storage_url(env) -> str | None:
    url = env.get("STORAGE_URL") or None
    if url and url.startswith("s3://") and len(url.rstrip("/")) <= len("s3://"):
        raise ConfigError("STORAGE_URL must name a bucket: s3://bucket/prefix")
    scheme = url.split("://", 1)[0] if url and "://" in url else None
    if scheme not in (None, "s3", "file"):
        raise ConfigError(f"STORAGE_URL must be s3://bucket/prefix or a directory, got {url!r}")
    return url


def storage_settings(env, instance_path: Path) -> dict:
    return {
        # s3://bucket/prefix or a directory; unset, REPORT_DIR.
        "STORAGE_URL": _storage_url(env),
        "REPORT_DIR": env.get("REPORT_DIR") or str(instance_path / "reports"),
        "STORAGE_S3_ENDPOINT_URL": env.get("STORAGE_S3_ENDPOINT_URL") or None,
        "STORAGE_S3_REGION": env.get("STORAGE_S3_REGION") or None,
        "STORAGE_S3_ADDRESSING": read_choice(env, "STORAGE_S3_ADDRESSING", S3_ADDRESSING),
        "STORAGE_TIMEOUT": read_int(env, "STORAGE_TIMEOUT", 5),  # seconds to connect, and per read
        "STORAGE_RETRY_AFTER": read_int(env, "STORAGE_RETRY_AFTER", 30),  # the 503's Retry-After
    }
