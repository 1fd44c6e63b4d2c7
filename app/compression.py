"""gzip and brotli for text responses (JSON, CSV, JS, CSS, HTML); PDFs and XLSX pass through.

Flask-Compress appends the coding to a strong ETag ("7" → "7:gzip") and then evaluates
If-None-Match itself, so a client that echoes the ETag it received still gets its 304; the
assessments' If-Match parser reads the leading version number, so "7:gzip" is still version 7.
PDF and XLSX are already compressed containers: their types are simply not listed.
"""

from flask import Flask, request
from flask_compress import Compress

COMPRESSED_TYPES = [
    "application/json",
    "application/problem+json",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "text/css",
    "text/html",
    "text/plain",
    "image/svg+xml",
]


CODINGS = ("br", "gzip")


def matching_etag(etag: str) -> str | None:
    """The tag in If-None-Match naming this body, as sent or with the coding Flask-Compress
    appended ("7:br"); None when there is none. Answering 304 from it costs no compression:
    Flask-Compress leaves a 304 alone, whereas a 200 is compressed before its own check."""
    for tag in (etag, *(f"{etag}:{coding}" for coding in CODINGS)):
        if request.if_none_match.contains_weak(tag):
            return tag
    return None


def init_app(app: Flask) -> None:
    """Compress text responses with brotli or gzip, whichever the client prefers (brotli first)."""
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    # No zstd or deflate: gzip and brotli are what phones' browsers and proxies all handle.
    app.config.setdefault("COMPRESS_ALGORITHM", list(CODINGS))
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", list(CODINGS))
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)
    # Streamed files (send_file) are compared with If-None-Match after compression too.
    app.config.setdefault(
        "COMPRESS_STREAMING_ENDPOINT_CONDITIONAL", ["static", "swagger_assets.swagger_asset"]
    )
    # One instance per app: Compress keeps the settings it read on itself.
    Compress(app)
