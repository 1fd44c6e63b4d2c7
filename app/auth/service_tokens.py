"""Service tokens: named, scoped, read-only, revocable tokens for integrations.

A provincial platform that pulls submissions or aggregates holds one of these rather than a
person's password. An admin issues it (API or `flask service-tokens issue`) with scopes and a
jurisdiction; the token is shown once and only its SHA-256 hash is stored.

A service token is no person: it reads what a regulator of its jurisdiction reads, on the routes
its scopes list below and on nothing else (403 problem+json), and it never writes. Every request
that presents one is audited (which token, which route, the status), refused ones included.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import g, request
from sqlalchemy import select

from app.audit.models import SERVICE_CALL, SERVICE_ROLE, TOKEN_ISSUED, TOKEN_REVOKED
from app.audit.service import record_event
from app.auth.models import REGULATOR, SERVICE_SCOPES, ServiceToken
from app.auth.principal import Principal
from app.db import db, utcnow
from app.errors import ApiError
from app.messages import auth as messages

# Service tokens start with this, so one look tells them from a JWT (which starts with "eyJ").
SERVICE_TOKEN_PREFIX = "qst_"

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api", error="invalid_token"'}
_READ = ("GET", "HEAD")
# scope → the (method, URL rule) pairs it opens; every one reads, none writes.
SCOPES: dict[str, tuple[tuple[str, str], ...]] = {
    "assessments:read": tuple(
        (method, rule)
        for rule in (
            "/api/v1/assessments",
            "/api/v1/assessments/<int:assessment_id>",
            "/api/v1/assessments/<int:assessment_id>/result",
            "/api/v1/assessments/<int:assessment_id>/events",
            "/api/v1/assessments/<int:assessment_id>/diff",
        )
        for method in _READ
    ),
    "aggregates:read": tuple(
        (method, rule)
        for rule in ("/api/v1/aggregates", "/api/v1/aggregates/years")
        for method in _READ
    ),
    "exports:read": tuple(
        (method, rule)
        for rule in (
            "/api/v1/assessments/export.csv",
            "/api/v1/assessments/export.xlsx",
            "/api/v1/assessments/<int:assessment_id>/report.pdf",
            "/api/v1/assessments/<int:assessment_id>/report/status",
            "/api/v1/aggregates/export.csv",
            "/api/v1/aggregates/export.xlsx",
            "/api/v1/aggregates/report.pdf",
        )
        for method in _READ
    ),
}


assert tuple(SCOPES) == SERVICE_SCOPES, "every scope has its routes"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_service_token(
    *,
    name: str,
    scopes: list[str],
    jurisdiction: str,
    days: int | None,
    issued_by: int | None,
) -> tuple[ServiceToken, str]:
    """A new token and its secret (shown this once); 409 when the name is taken."""
    if db.session.scalar(select(ServiceToken.id).where(ServiceToken.name == name)) is not None:
        raise ApiError(409, messages.SERVICE_TOKEN_NAME_TAKEN)
    unknown = set(scopes) - set(SCOPES)
    if unknown or not scopes:
        raise ValueError(f"unknown scopes: {sorted(unknown)}")
    secret = SERVICE_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ServiceToken(
        name=name,
        token_hash=_hash(secret),
        scopes=sorted(set(scopes)),
        jurisdiction=jurisdiction,
        created_by=issued_by,
        expires_at=utcnow() + timedelta(days=days) if days else None,
    )
    db.session.add(token)
    db.session.flush()
    _audit(TOKEN_ISSUED, token, issued_by, status=201)
    return token, secret


def list_service_tokens() -> list[ServiceToken]:
    """Every service token, newest first (revoked ones too: the audit log names them)."""
    return list(db.session.scalars(select(ServiceToken).order_by(ServiceToken.id.desc())))


def revoke_service_token(*, token_id: int, revoked_by: int | None) -> ServiceToken:
    """Revoke a token at once; revoking it again changes nothing. 404 when there is none."""
    token = db.session.get(ServiceToken, token_id)
    if token is None:
        raise ApiError(404)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()
        _audit(TOKEN_REVOKED, token, revoked_by, status=200)
    return token


def _audit(action: str, token: ServiceToken, user_id: int | None, *, status: int) -> None:
    role = "admin" if user_id is not None else "cli"
    # In the session: the event is committed with the change it records.
    record_event(
        action=action,
        role=role,
        user_id=user_id,
        service_token_id=token.id,
        status=status,
        in_session=True,
    )


def token_state(token: ServiceToken, now: datetime | None = None) -> str:
    """active, expired or revoked."""
    now = now or utcnow()
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    return "active"


def authenticate_service(secret: str) -> Principal:
    """The principal of a live service token allowed on this route; 401 or 403 otherwise."""
    token = db.session.scalar(select(ServiceToken).where(ServiceToken.token_hash == _hash(secret)))
    if token is None:
        raise ApiError(401, messages.TOKEN_INVALID, headers=_CHALLENGE)
    g.service_token_call = token.id  # audited after the response, whatever its status
    if token_state(token) != "active":
        raise ApiError(401, messages.TOKEN_REVOKED, headers=_CHALLENGE)
    rule = request.url_rule.rule if request.url_rule else None
    if not any((request.method, rule) in SCOPES.get(scope, ()) for scope in token.scopes):
        raise ApiError(403, messages.SERVICE_SCOPE_FORBIDDEN)
    return Principal(
        id=None,
        username=f"service:{token.name}",
        # It reads as a regulator of its jurisdiction does, on the routes of its scopes only.
        role=REGULATOR,
        display_name=token.name,
        enterprise_id=None,
        jurisdiction=token.jurisdiction,
        industries=None,
        service_token_id=token.id,
        scopes=tuple(token.scopes),
    )


def record_service_call(response):
    """after_request: one audit event for every request a service token presented itself to."""
    token_id = g.pop("service_token_call", None)
    if token_id is not None:
        record_event(
            action=SERVICE_CALL,
            role=SERVICE_ROLE,
            service_token_id=token_id,
            status=response.status_code,
        )
    return response


def service_token_repr(token: ServiceToken) -> dict:
    return {
        "id": token.id,
        "name": token.name,
        "scopes": list(token.scopes),
        "jurisdiction": token.jurisdiction,
        "state": token_state(token),
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
    }
