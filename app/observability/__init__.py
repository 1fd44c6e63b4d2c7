"""Request ids, one log line per request, and the Prometheus metrics (docs/deployment.md)."""

import logging
import time
import uuid

from flask import Flask, g, request

from . import metrics
from .logs import configure_logging

log = logging.getLogger("app.requests")


def _start_request() -> None:
    """The first hook of every request: its clock and its id (the client's, when usable)."""
    g.request_started = time.perf_counter()
    # Where an app context outlives requests (tests, CLI), g still holds an earlier caller.
    g.request_earlier_principal = g.get("principal")
    supplied = request.headers.get("X-Request-ID", "")
    g.request_id = (
        supplied if 0 < len(supplied) <= 64 and supplied.isprintable() else uuid.uuid4().hex
    )


def _role() -> str:
    """The signed-in caller's role, without verifying a token the view did not ask about."""
    # app.auth.tokens.authenticate() sets g.principal once it has verified the caller.
    principal = g.get("principal")
    if principal is None or principal is g.get("request_earlier_principal"):
        return "anonymous"
    return getattr(principal, "role", None) or "anonymous"


def _finish_request(response):
    """The last hook: echo the id, count the request and log one line (no query, no body)."""
    response.headers["X-Request-ID"] = g.get("request_id", "")
    started = g.get("request_started")
    if started is None:  # a response made before our first hook ran: nothing to measure
        return response
    seconds = time.perf_counter() - started
    # The URL rule, not the path: ids stay out of labels, and query strings out of logs.
    route = request.url_rule.rule if request.url_rule else "unmatched"
    metrics.observe_request(
        method=request.method, route=route, status=response.status_code, seconds=seconds
    )
    if log.isEnabledFor(logging.INFO):
        duration_ms = round(seconds * 1000, 1)
        role = _role()
        log.info(
            "%s %s %s %.1f ms %s",
            request.method,
            route,
            response.status_code,
            duration_ms,
            role,
            extra={
                "method": request.method,
                "route": route,
                "status": response.status_code,
                "duration_ms": duration_ms,
                "role": role,
            },
        )
    return response


def init_app(app: Flask) -> None:
    """Configure logging; registered first, so the id exists before any other hook can fail."""
    from .scrape import blp

    configure_logging(app)
    app.before_request(_start_request)
    # after_request hooks run in reverse order: registered first, this one sees the final status.
    app.after_request(_finish_request)
    app.register_blueprint(blp)
