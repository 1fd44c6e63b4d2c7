"""The upload's body and key as the request brings them: bounded, hashed, spooled."""

import hashlib
import tempfile

from flask import current_app, request
from werkzeug.exceptions import RequestEntityTooLarge

from app.errors import ApiError
from app.evidence.service import filled
from app.messages import evidence as messages
from app.messages.assessments import KEY_INVALID


def upload_key() -> str | None:
    """The Idempotency-Key header, when sane: 1 to 128 visible characters (else 400)."""
    key = request.headers.get("Idempotency-Key")
    if key is not None and not (0 < len(key) <= 128 and key.isprintable()):
        raise ApiError(400, KEY_INVALID, errors={"Idempotency-Key": [KEY_INVALID]})
    return key


def read_body():
    """The request body in a spool, with its SHA-256; 413 past EVIDENCE_MAX_BYTES, 422 empty."""
    limit = current_app.config["EVIDENCE_MAX_BYTES"]
    spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115 (returned)
    digest, size = hashlib.sha256(), 0
    try:
        while piece := request.stream.read(64 * 1024):
            size += len(piece)
            if size > limit:
                raise RequestEntityTooLarge()
            digest.update(piece)
            spool.write(piece)
    except RequestEntityTooLarge:
        spool.close()
        size = readable(limit)
        raise ApiError(
            413,
            messages.TOO_LARGE,
            problem="file-too-large",
            size=size,
            errors={"file": [filled(messages.TOO_LARGE, size=size)]},
            extra={"limit": limit},
        ) from None
    if size == 0:
        spool.close()
        raise ApiError(422, errors={"file": [messages.EMPTY_FILE]})
    spool.seek(0)
    return spool, digest.hexdigest()


def readable(size: int) -> str:
    """10 MB, 512 KB: a size as people say it."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:g} MB"
    return f"{max(size // 1024, 1)} KB"
