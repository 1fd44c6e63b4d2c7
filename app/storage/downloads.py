"""File responses: Content-Disposition with a UTF-8 name (RFC 6266), ETags and 304s.

A file is bytes made for the response (the plans) or a stored Blob (app/storage), which is
streamed in chunks rather than read whole: an export file may be large.
"""

import re
import unicodedata
from collections.abc import Callable
from urllib.parse import quote

from flask import Response, request

from app.storage.base import Blob

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_FALLBACK_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str, limit: int = 150) -> str:
    """A file name any system accepts: no path or reserved characters, no controls."""
    cleaned = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    return cleaned[:limit] or "download"


def content_disposition(filename: str, fallback: str, disposition: str = "attachment") -> str:
    """attachment (or inline) with an ASCII filename for old clients, filename* (UTF-8) too."""
    ascii_name = _FALLBACK_UNSAFE.sub("_", fallback) or "download"
    utf8_name = quote(safe_filename(filename), safe="")
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8_name}"


def file_response(
    produce: Callable[[], bytes | Blob],
    *,
    etag: str,
    mimetype: str,
    filename: str,
    fallback: str,
    weak: bool = False,
    headers: dict | None = None,
    disposition: str = "attachment",
) -> Response:
    """The file, or 304 (without producing it) when If-None-Match already names this ETag."""
    response = Response(status=200, mimetype=mimetype)
    response.set_etag(etag, weak=weak)
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers.update(headers or {})
    # GET compares entity tags weakly (RFC 9110 13.1.2): W/"x" and "x" both match "x".
    if request.if_none_match.contains_weak(etag):
        response.status_code = 304
        return response
    body = produce()
    if isinstance(body, Blob):
        response.response = body.chunks()
        response.content_length = body.size
        response.call_on_close(body.close)  # also when the client leaves half-way
    else:
        response.set_data(body)
    response.headers["Content-Disposition"] = content_disposition(filename, fallback, disposition)
    return response
