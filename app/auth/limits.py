"""Abuse limits for the costly endpoints (Flask-Limiter), and the client address behind proxies.

Sign-in has its own limiter beside this one (app/auth/ratelimit.py): it counts failures only,
in the database. Here every request counts:

| setting                | routes                                                | per          |
|------------------------|-------------------------------------------------------|--------------|
| RATE_LIMIT_REGISTER    | POST /auth/register (Argon2id, 64 MiB per call)        | address      |
| RATE_LIMIT_REFRESH     | POST /auth/refresh                                    | caller       |
| RATE_LIMIT_EXPORTS     | the regulators' and the aggregate exports, together   | caller       |
| RATE_LIMIT_DOWNLOADS   | an assessment's report PDF and improvement plan       | caller       |
| RATE_LIMIT_PASSWORD_RESET | POST /password-resets and /password-resets/redeem  | address      |

"caller" is the subject of a token whose signature verifies (a user, or a service token), else
the client address: a forged token cannot spend another person's allowance. The counts live in
Redis when REDIS_URL is set, so every worker shares them; otherwise in each process's memory
(development). Over a limit: 429 problem+json with Retry-After.

The client address is request.remote_addr. Behind TRUSTED_PROXY_HOPS reverse proxies, werkzeug's
ProxyFix takes it (and the scheme) from that many X-Forwarded-For/-Proto entries, counted from
the right; with 0, forwarded headers are ignored, so a client cannot choose its own address.
"""

import hashlib
import math
import time

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from werkzeug.middleware.proxy_fix import ProxyFix

from app.auth.service_tokens import SERVICE_TOKEN_PREFIX
from app.auth.sessions import refresh_cookie
from app.auth.tokens import bearer_token, verified_claims
from app.errors import ApiError, handle_http_exception
from app.messages import auth as messages

_READ = ["GET", "HEAD"]
_EXPORTS = (
    "/api/v1/assessments/export.csv",
    "/api/v1/assessments/export.xlsx",
    "/api/v1/aggregates/export.csv",
    "/api/v1/aggregates/export.xlsx",
    "/api/v1/aggregates/report.pdf",
)
_DOWNLOADS = (
    "/api/v1/assessments/<int:assessment_id>/report.pdf",
    "/api/v1/assessments/<int:assessment_id>/plan.csv",
    "/api/v1/assessments/<int:assessment_id>/plan.xlsx",
)


def address_key() -> str:
    return f"address:{request.remote_addr}"


def caller_key() -> str:
    """The verified token's subject (the refresh cookie's too), else the client address."""
    try:
        token = refresh_cookie() or bearer_token()
    except ApiError:
        return address_key()
    if token.startswith(SERVICE_TOKEN_PREFIX):
        # An unknown token is refused with 401 before any work; a known one is its own bucket.
        return "service:" + hashlib.sha256(token.encode()).hexdigest()[:32]
    claims = verified_claims()
    return f"user:{claims['sub']}" if claims else address_key()


# scope → (setting, key, methods, URL rules); the routes of a scope share one allowance.
LIMITS = {
    "register": ("RATE_LIMIT_REGISTER", address_key, ["POST"], ("/api/v1/auth/register",)),
    "refresh": ("RATE_LIMIT_REFRESH", caller_key, ["POST"], ("/api/v1/auth/refresh",)),
    "exports": ("RATE_LIMIT_EXPORTS", caller_key, _READ, _EXPORTS),
    "downloads": ("RATE_LIMIT_DOWNLOADS", caller_key, _READ, _DOWNLOADS),
    "password_reset": (
        "RATE_LIMIT_PASSWORD_RESET",
        address_key,
        ["POST"],
        ("/api/v1/password-resets", "/api/v1/password-resets/redeem"),
    ),
}


def _too_many_requests(error: RateLimitExceeded):
    limit = current_app.extensions["app.limiter"].current_limit
    seconds = max(1, math.ceil(limit.reset_at - time.time())) if limit else 60
    problem = ApiError(
        429, messages.TOO_MANY_REQUESTS, headers={"Retry-After": str(seconds)}, seconds=seconds
    )
    return handle_http_exception(problem)


def init_app(app: Flask) -> None:
    """Trust the configured proxies, and limit the routes of LIMITS (after blueprints exist)."""
    hops = app.config["TRUSTED_PROXY_HOPS"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)
    limiter = Limiter(
        key_func=address_key,
        storage_uri=app.config["REDIS_URL"] or "memory://",
        # Counts of the last two windows, weighted: no double burst at a window's edge, and two
        # Redis keys per counter instead of a list of every hit (moving-window).
        strategy="sliding-window-counter",
        key_prefix=app.config["RATE_LIMIT_KEY_PREFIX"],
    )
    limiter.init_app(app)
    app.extensions["app.limiter"] = limiter
    rules = {rule.rule: rule.endpoint for rule in app.url_map.iter_rules()}
    limited: set[str] = set()
    # Flask-Limiter looks at every request; a set lookup spares the others its work (~0.2 ms).
    limiter.request_filter(lambda: request.endpoint not in limited)
    for scope, (setting, key, methods, urls) in LIMITS.items():
        shared = limiter.shared_limit(
            lambda setting=setting: app.config[setting], scope, key_func=key, methods=methods
        )
        for url in urls:
            if url not in rules:  # a renamed route must not lose its limit silently
                raise RuntimeError(f"rate limit {scope!r}: no route {url}")
            endpoint = rules[url]
            app.view_functions[endpoint] = shared(app.view_functions[endpoint])
            limited.add(endpoint)
    app.register_error_handler(RateLimitExceeded, _too_many_requests)
