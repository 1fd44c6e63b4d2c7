"""One error shape for every failure: application/problem+json (RFC 9457), in zh or en."""

import contextlib
import json
import logging

from flask import Flask, Response, g, request
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.i18n import current_language, localise, message, translate_field_message
from app.messages.errors import ERROR_TITLE, TITLES
from app.problems import type_for_status, type_uri

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

_DEFAULT_MESSAGE_KEYS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    410: "gone",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    428: "precondition_required",
    429: "too_many_requests",
    500: "internal_error",
    503: "service_unavailable",
}


class ApiError(HTTPException):
    """A domain error that carries its status, a message key and optional details.

    `detail` is a MESSAGES key or a {zh, en} mapping; `errors` maps a field or question id to
    messages; `extra` adds members to the problem body (e.g. the current representation on 412);
    `problem` is a code of app.problems.PROBLEM_TYPES where the status's default type is too broad.
    """

    def __init__(
        self,
        http_status: int,
        detail=None,
        *,
        errors=None,
        extra=None,
        headers=None,
        problem=None,
        **params,
    ):
        super().__init__()
        self.code = http_status
        self.problem = problem
        self.detail_text = detail or _DEFAULT_MESSAGE_KEYS.get(http_status, "bad_request")
        self.errors = errors
        self.extra = extra or {}
        self.extra_headers = headers or {}
        self.params = params


def not_found() -> ApiError:
    """404 for a resource that does not exist or that the caller may not know exists."""
    return ApiError(404)


def _detail_text(detail, params) -> str:
    if isinstance(detail, dict):
        return localise(detail).format(**params)
    try:
        return message(detail, **params)
    except KeyError:
        return detail


def _is_message(value) -> bool:
    """A leaf message: a string, or our {zh, en} mapping (which is not a nested field)."""
    return isinstance(value, str) or (isinstance(value, dict) and "zh" in value)


def _flatten(messages, prefix="") -> dict[str, list[str]]:
    """webargs nests messages by field (and list index); clients want one level of keys."""
    if isinstance(messages, dict) and not _is_message(messages):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    items = messages if isinstance(messages, list) else [messages]
    if all(_is_message(m) for m in items):
        return {prefix or "_schema": [translate_field_message(m) for m in items]}
    flat = {}
    for index, value in enumerate(items):
        flat.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
    return flat


def problem_response(
    status: int, detail, *, errors=None, extra=None, headers=None, params=None, problem=None
):
    """Build the problem+json response; `problem` names its type (else the status's default)."""
    lang = current_language()
    body = {
        "type": type_uri(problem) if problem else type_for_status(status),
        "title": localise(TITLES.get(status, ERROR_TITLE), lang),
        "status": status,
        "detail": _detail_text(detail, params or {}),
    }
    if errors:
        body["errors"] = errors
    body.update(extra or {})
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=PROBLEM_JSON)
    response.headers.update(headers or {})
    response.headers["Content-Language"] = lang
    response.vary.add("Accept-Language")
    return response


def _webargs_errors(exc: HTTPException):
    data = getattr(exc, "data", None) or {}
    messages = data.get("messages")
    if not messages:
        return None
    # Drop the location level (json, query, headers): a field name is what a client can act on.
    if isinstance(messages, dict) and set(messages) <= {
        "json",
        "query",
        "headers",
        "form",
        "files",
        "view_args",
        "path",
    }:
        merged = {}
        for value in messages.values():
            if isinstance(value, dict):
                merged.update(value)
            else:
                merged.setdefault("_schema", value)
        messages = merged
    return _flatten(messages)


def handle_http_exception(exc: HTTPException):
    """Turn any HTTPException (ours, werkzeug's, flask-smorest's) into problem+json."""
    status = exc.code or 500
    if status >= 500 and not isinstance(exc, ApiError):
        return handle_unexpected(exc)
    headers = {}
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            headers[name] = value
    if isinstance(exc, ApiError):
        headers.update(exc.extra_headers)
        return problem_response(
            status,
            exc.detail_text,
            errors=_flatten(exc.errors) if exc.errors else None,
            extra=exc.extra,
            headers=headers,
            params=exc.params,
            problem=exc.problem,
        )
    data = getattr(exc, "data", None) or {}
    headers.update(data.get("headers") or {})
    errors = _webargs_errors(exc)
    detail_key = _DEFAULT_MESSAGE_KEYS.get(status, "bad_request")
    problem = None
    if status == 400 and errors and any("JSON" in " ".join(v) for v in errors.values()):
        detail_key, errors, problem = "malformed_json", None, "malformed-json"
    params = {"limit": _body_limit()} if status == 413 else {}
    return problem_response(
        status, detail_key, errors=errors, headers=headers, params=params, problem=problem
    )


def _body_limit():
    from flask import current_app

    return current_app.config.get("MAX_CONTENT_LENGTH")


def handle_unexpected(exc: Exception):
    """Log a 500 with its request id; say nothing internal to the client."""
    request_id = g.get("request_id", "-")
    original = getattr(exc, "original_exception", None) or exc
    log.error(
        "unhandled error, request_id=%s, %s %s",
        request_id,
        request.method,
        request.path,
        exc_info=(type(original), original, original.__traceback__),
    )
    return problem_response(500, "internal_error", params={"request_id": request_id})


def _unavailable(exc: DBAPIError) -> bool:
    """Whether a database error means "not reachable now" rather than a bug in a query."""
    if exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError):
        return False
    if type(exc.orig).__module__.startswith("sqlite3"):
        # sqlite3 files every error of the engine here ("no such table" too): only a busy
        # database is a passing condition.
        return "locked" in str(exc.orig) or "busy" in str(exc.orig)
    return True  # psycopg: connection failures, admin shutdown, out of resources


def handle_database_unavailable(exc: DBAPIError):
    """503 with Retry-After when the database cannot be reached (restart, failover, crash).

    The request's transaction is gone with the connection, so nothing half-done was stored;
    the client retries (with the same Idempotency-Key for a submit) once the database is back.
    Any other database error is a bug and stays a 500.
    """
    if not _unavailable(exc):
        return handle_unexpected(exc)
    log.warning(
        "database unavailable, request_id=%s, %s %s: %s",
        g.get("request_id", "-"),
        request.method,
        request.path,
        str(exc.orig or exc).splitlines()[0][:200],
    )
    with contextlib.suppress(Exception):
        from app.db import db

        db.session.rollback()
    return problem_response(503, "database_unavailable", headers={"Retry-After": "2"})


# Endpoints that take a file as the raw body (a roll, a bulk import) → the config setting
# holding their largest body, which replaces MAX_CONTENT_LENGTH for them.
_UPLOAD_ENDPOINTS: dict[str, str] = {}


def accept_uploads(endpoint: str, *, max_bytes_setting: str) -> None:
    """Let an endpoint take a non-JSON body (the view checks its type), up to a setting's size."""
    _UPLOAD_ENDPOINTS[endpoint] = max_bytes_setting


def _require_json_body():
    """415 for a body that is not JSON, before any view tries to read it."""
    if request.method in ("POST", "PUT", "PATCH") and request.path.startswith("/api/"):
        if request.endpoint in _UPLOAD_ENDPOINTS:
            from flask import current_app

            setting = _UPLOAD_ENDPOINTS[request.endpoint]
            request.max_content_length = current_app.config[setting]
            return
        has_body = (request.content_length or 0) > 0 or request.headers.get("Transfer-Encoding")
        if has_body and not request.is_json:
            raise ApiError(415)


def init_app(app: Flask) -> None:
    """Register the handlers so that no failure escapes as HTML or as a bare 500."""
    app.before_request(_require_json_body)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(DBAPIError, handle_database_unavailable)
    app.register_error_handler(Exception, handle_unexpected)
