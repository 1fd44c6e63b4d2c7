"""One blob store for the whole application: reports now, export files and evidence later.

    from app.storage import current_store
    stored = current_store().put("reports/7K/7K3F-….pdf", pdf, content_type="application/pdf")
    blob = current_store().open(stored.key, sha256=stored.sha256)   # None: missing or altered

STORAGE_URL chooses the backend: `s3://bucket/prefix` (S3-compatible object storage) or a
local directory (a path or file:///path); unset, the local directory REPORT_DIR. See README.md.
"""

import os
import threading
from urllib.parse import unquote, urlsplit

from flask import current_app

from .base import Blob, BlobStore, StorageUnavailable, Stored
from .local import LocalStore

__all__ = [
    "Blob",
    "BlobStore",
    "LocalStore",
    "StorageUnavailable",
    "Stored",
    "current_store",
    "store_from_config",
]

_stores: dict[tuple, BlobStore] = {}
_lock = threading.Lock()
SETTINGS = (
    "STORAGE_URL",
    "REPORT_DIR",
    "STORAGE_S3_ENDPOINT_URL",
    "STORAGE_S3_REGION",
    "STORAGE_S3_ADDRESSING",
    "STORAGE_TIMEOUT",
    "STORAGE_RETRY_AFTER",
)


def store_from_config(config) -> BlobStore:
    """The store the settings describe; ValueError says which setting is wrong."""
    url = config.get("STORAGE_URL") or config["REPORT_DIR"]
    retry_after = int(config.get("STORAGE_RETRY_AFTER") or 30)
    parts = urlsplit(url)
    if parts.scheme == "s3":
        # boto3 takes a second or more to import: only processes that use S3 pay for it.
        from .s3 import ADDRESSING, S3Store

        if not parts.netloc:
            raise ValueError(f"STORAGE_URL {url!r} names no bucket (s3://bucket/prefix)")
        addressing = config.get("STORAGE_S3_ADDRESSING") or "auto"
        if addressing not in ADDRESSING:
            raise ValueError(f"STORAGE_S3_ADDRESSING must be one of {', '.join(ADDRESSING)}")
        return S3Store(
            parts.netloc,
            parts.path,
            endpoint_url=config.get("STORAGE_S3_ENDPOINT_URL") or None,
            region=config.get("STORAGE_S3_REGION") or None,
            addressing=addressing,
            timeout=float(config.get("STORAGE_TIMEOUT") or 5),
            retry_after=retry_after,
        )
    if parts.scheme == "file":
        return LocalStore(unquote(parts.path), retry_after=retry_after)
    if parts.scheme and len(parts.scheme) > 1:  # one letter: a Windows drive, i.e. a path
        raise ValueError(f"STORAGE_URL {url!r}: use s3://bucket/prefix or a directory")
    return LocalStore(os.path.abspath(url), retry_after=retry_after)


def current_store() -> BlobStore:
    """The store of the current app's settings, made once per distinct settings."""
    config = current_app.config
    settings = tuple(config.get(name) for name in SETTINGS)
    store = _stores.get(settings)
    if store is None:
        with _lock:
            store = _stores.setdefault(settings, store_from_config(config))
    return store
