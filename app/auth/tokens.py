"""JWT access and refresh tokens: issuing, revoking, and refusing bad ones as problem+json.

Every token of one sign-in carries the same session id (`sid`), kept when a refresh token is
rotated. Logging out revokes the session, so every token of it stops working; rotating revokes
the old refresh token's own jti. Revocations live in the database, so every worker honours them;
the user is loaded on every request, so a disabled account's tokens stop working at once.

flask-jwt-extended issues the tokens (its public create_*_token); authenticate() verifies them
itself, cheaper than the library's verify_jwt_in_request for every request: the signature is
checked by PyJWT once (the library decodes a token three times), the user and the revocation come
from one query, and each refusal is our problem+json directly. What it still takes from the
library, the claims its tokens carry and the meaning of its JWT_* settings, is pinned by
tests/auth/test_token_library.py, which fails loudly on an upgrade that changes either.

A refresh token presented again after it was rotated is taken as stolen (RFC 9700 §4.14.2):
the whole session is revoked and the event audited. Service tokens (app/auth/service_tokens.py)
arrive through the same header and are told apart by their prefix.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt as pyjwt
from flask import Flask, current_app, g, request
from flask_jwt_extended import JWTManager
from sqlalchemy.dialects import postgresql, sqlite

from app.audit.models import REFRESH_REUSED
from app.audit.service import record_event
from app.auth.models import RevokedToken
from app.auth.principal import Principal, is_revoked_now, load_principal
from app.auth.service_tokens import SERVICE_TOKEN_PREFIX, authenticate_service
from app.auth.sessions import issue_tokens as issue_tokens  # its home before sessions.py
from app.auth.sessions import longest_session, refresh_cookie
from app.db import db, utcnow
from app.errors import ApiError, problem_response
from app.messages import auth as messages

jwt = JWTManager()

JWT_AUDIENCE = "quality-api"
# What an account with a temporary password may still do: change it, see who it is, leave.
PASSWORD_ENDPOINTS = frozenset({"accounts.OwnPassword", "auth.Me", "auth.Logout", "auth.Refresh"})
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api", error="invalid_token"'}


def revoke(*, jti: str, expires_at: datetime, connection=None) -> bool:
    """Record a token id or session id as revoked until expires_at; False when it already was."""
    # ON CONFLICT DO NOTHING: two workers rotating the same refresh token cannot both succeed.
    executor = connection if connection is not None else db.session
    bind = connection if connection is not None else db.session.get_bind()
    dialect = postgresql if bind.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(RevokedToken)
        .values(jti=jti, expires_at=expires_at)
        .on_conflict_do_nothing(index_elements=["jti"])
        .returning(RevokedToken.jti)
    )
    # RETURNING rather than rowcount, which psycopg leaves at -1 here.
    return executor.execute(statement).first() is not None


def revoke_reused_session(claims: dict) -> ApiError:
    """A rotated refresh token came back: revoke its session and audit it; the 401 to raise.

    Either the thief or the user holds the newer token; which one cannot be told, so neither
    keeps the session. Committed at once, in a transaction of its own: the request fails.
    """
    db.session.rollback()  # SQLite: release this session's write lock before writing elsewhere
    with db.engine.begin() as connection:
        first = revoke(
            jti=claims.get("sid") or claims["jti"],
            expires_at=utcnow() + longest_session(),
            connection=connection,
        )
    if not first:  # signed out already, or the reuse was caught before: nothing new to say
        return ApiError(401, messages.TOKEN_REVOKED, headers=_CHALLENGE)
    try:
        user_id = int(claims["sub"])
    except (TypeError, ValueError):
        user_id = None
    record_event(
        action=REFRESH_REUSED, role=str(claims.get("role", "-"))[:16], user_id=user_id, status=401
    )
    return ApiError(401, messages.REFRESH_REUSED, headers=_CHALLENGE)


def _problem(detail):
    return problem_response(401, detail, headers=_CHALLENGE)


def _refused(detail) -> ApiError:
    return ApiError(401, detail, headers=_CHALLENGE)


@dataclass(frozen=True)
class _Decoding:
    """How this app's tokens are verified, read from the JWT_* settings once."""

    key: str
    arguments: dict
    options: dict
    identity_claim: str


def decoding_settings(config) -> _Decoding:
    """The verification flask-jwt-extended's documented JWT_* settings and defaults ask for.

    tests/auth/test_token_library.py compares this with the library's own reading of them.
    """
    audience = config.get("JWT_DECODE_AUDIENCE")
    leeway = config.get("JWT_DECODE_LEEWAY", 0)
    return _Decoding(
        # HS256 only (init_app): the decoding key is the secret key.
        key=config.get("JWT_SECRET_KEY") or config["SECRET_KEY"],
        arguments={
            "algorithms": config.get("JWT_DECODE_ALGORITHMS") or [config["JWT_ALGORITHM"]],
            "audience": audience,
            "issuer": config.get("JWT_DECODE_ISSUER"),
            "leeway": leeway.total_seconds() if isinstance(leeway, timedelta) else leeway,
        },
        options={
            "verify_aud": audience is not None,
            "verify_sub": config.get("JWT_VERIFY_SUB", True),
        },
        identity_claim=config.get("JWT_IDENTITY_CLAIM", "sub"),
    )


def _missing_token() -> ApiError:
    return ApiError(401, messages.TOKEN_MISSING, headers={"WWW-Authenticate": "Bearer"})


def bearer_token() -> str:
    """The token of `Authorization: Bearer <token>` (one of comma-separated credentials)."""
    header = request.headers.get("Authorization", "").strip().strip(",")
    if not header:
        raise _missing_token()
    bearers = [
        value for value in re.split(r",\s*", header) if value and value.split()[0] == "Bearer"
    ]
    if len(bearers) != 1:
        raise _missing_token()
    parts = bearers[0].split()
    if len(parts) != 2:
        raise _refused(messages.TOKEN_INVALID)
    return parts[1]


def _decode(encoded: str) -> dict:
    """The claims of a token whose signature and times PyJWT has verified, once."""
    settings: _Decoding = current_app.extensions["app.tokens"]
    try:
        claims = pyjwt.decode(encoded, settings.key, options=settings.options, **settings.arguments)
    except pyjwt.ExpiredSignatureError as error:
        raise _refused(messages.TOKEN_EXPIRED) from error
    except pyjwt.InvalidTokenError as error:
        raise _refused(messages.TOKEN_INVALID) from error
    if settings.identity_claim not in claims:
        raise _refused(messages.TOKEN_INVALID)
    claims.setdefault("type", "access")
    claims.setdefault("fresh", False)
    claims.setdefault("jti", None)
    return claims


def verified_claims() -> dict | None:
    """The claims of the request's bearer token if it is a valid one of ours, else None.

    For the rate limits' keys: a forged token must not spend someone else's allowance.
    """
    try:
        return _decode(refresh_cookie() or bearer_token())
    except ApiError:
        return None


def authenticate(*, refresh: bool = False, verify_type: bool = True) -> None:
    """Verify the request's bearer token and load who presents it; 401 problem+json if not.

    The order of the checks, and so which refusal a bad token gets, is flask-jwt-extended's:
    the header, the signature and times, the token type, revocation, then the user.
    """
    if request.method == "OPTIONS":
        return
    # A browser's refresh token is in its cookie (app/auth/sessions.py); an API client's, here.
    encoded = (refresh and refresh_cookie()) or bearer_token()
    if encoded.startswith(SERVICE_TOKEN_PREFIX):
        g.principal, g.token_claims = authenticate_service(encoded), None
        return
    claims = _decode(encoded)
    if verify_type:
        if refresh and claims["type"] != "refresh":
            raise _refused(messages.REFRESH_TOKEN_NEEDED)
        if not refresh and claims["type"] == "refresh":
            raise _refused(messages.ACCESS_TOKEN_NEEDED)
    revoked, principal, ended = load_principal(claims)
    if revoked:
        if claims["type"] == "refresh":
            raise revoke_reused_session(claims)
        raise _refused(messages.TOKEN_REVOKED)
    if ended:  # not a stolen token: every session of the account ended at once
        raise _refused(messages.SESSIONS_ENDED)
    if principal is None:
        raise _refused(messages.ACCOUNT_UNAVAILABLE)
    if principal.must_change_password and request.endpoint not in PASSWORD_ENDPOINTS:
        raise ApiError(403, messages.PASSWORD_CHANGE_REQUIRED, problem="password-change-required")
    g.principal, g.token_claims = principal, claims


def forget_caller() -> None:
    """before_request: where an app context outlives requests (tests, CLI), g keeps its caller."""
    for name in ("principal", "token_claims", "service_token_call"):
        g.pop(name, None)


def current_claims() -> dict:
    """The verified claims of this request's token (after authenticate)."""
    return g.token_claims


# The library's own path (verify_jwt_in_request, @jwt_required) gets the same checks.
@jwt.user_lookup_loader
def _load_user(_header, payload) -> Principal | None:
    return load_principal(payload).principal


@jwt.token_in_blocklist_loader
def _is_revoked(_header, payload) -> bool:
    return is_revoked_now(payload)


@jwt.unauthorized_loader
def _missing(_reason):
    return problem_response(401, messages.TOKEN_MISSING, headers={"WWW-Authenticate": "Bearer"})


@jwt.invalid_token_loader
def _invalid(reason: str):
    # Wrong-type tokens arrive here too; say which kind is wanted.
    if reason.startswith("Only non-refresh"):
        return _problem(messages.ACCESS_TOKEN_NEEDED)
    if reason.startswith("Only refresh"):
        return _problem(messages.REFRESH_TOKEN_NEEDED)
    return _problem(messages.TOKEN_INVALID)


@jwt.expired_token_loader
def _expired(_header, _payload):
    return _problem(messages.TOKEN_EXPIRED)


@jwt.revoked_token_loader
def _revoked(_header, _payload):
    return _problem(messages.TOKEN_REVOKED)


@jwt.needs_fresh_token_loader
def _needs_fresh(_header, _payload):
    return _problem(messages.FRESH_TOKEN_NEEDED)


@jwt.user_lookup_error_loader
def _user_unavailable(_header, _payload):
    return _problem(messages.ACCOUNT_UNAVAILABLE)


@jwt.token_verification_failed_loader
def _verification_failed(_header, _payload):
    return _problem(messages.TOKEN_INVALID)


def init_app(app: Flask) -> None:
    """Configure flask-jwt-extended from our settings: headers only, HS256, our lifetimes."""
    app.config.update(
        JWT_TOKEN_LOCATION=["headers"],
        JWT_ALGORITHM="HS256",
        # Tokens travel in headers only, so no CSRF claim; and no nbf: smaller tokens on phones.
        JWT_COOKIE_CSRF_PROTECT=False,
        JWT_ENCODE_NBF=False,
        JWT_ACCESS_TOKEN_EXPIRES=timedelta(minutes=app.config["JWT_ACCESS_MINUTES"]),
        # Only a default: each token is issued with its session's own lifetime (sessions.py).
        JWT_REFRESH_TOKEN_EXPIRES=timedelta(hours=app.config["SESSION_ABSOLUTE_HOURS_ENTERPRISE"]),
        # A token of another deployment (another key or not) or for another audience is refused.
        JWT_ENCODE_ISSUER=app.config["PUBLIC_BASE_URL"],
        JWT_DECODE_ISSUER=app.config["PUBLIC_BASE_URL"],
        JWT_ENCODE_AUDIENCE=JWT_AUDIENCE,
        JWT_DECODE_AUDIENCE=JWT_AUDIENCE,
    )
    jwt.init_app(app)
    # Fixed once the app is built; read per request, they cost half as much as the signature check.
    app.extensions["app.tokens"] = decoding_settings(app.config)
