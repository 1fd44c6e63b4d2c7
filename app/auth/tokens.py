"""JWT access and refresh tokens: issuing, revoking, and refusing bad ones as problem+json.

Every token of one sign-in carries the same session id (`sid`), kept when a refresh token is
rotated. Logging out revokes the session, so every token of it stops working; rotating revokes
the old refresh token's own jti. Revocations live in the database, so every worker honours them;
the user is loaded on every request, so a disabled account's tokens stop working at once.

authenticate() is flask-jwt-extended's verify_jwt_in_request made cheaper for every request: the
signature is verified by PyJWT once (the library decodes a token three times), and the user and
the revocation come from one query. It raises the library's exceptions, so the refusals below
answer exactly as before, and it fills the library's request state, so get_jwt() still works.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt as pyjwt
from flask import Flask, current_app, g, request
from flask_jwt_extended import JWTManager, create_access_token, create_refresh_token
from flask_jwt_extended.config import config
from flask_jwt_extended.exceptions import JWTDecodeError, RevokedTokenError, UserLookupError
from flask_jwt_extended.internal_utils import custom_verification_for_token, verify_token_type

# The header parsing itself, so that odd Authorization headers are refused exactly as before
# (a private function of the pinned Flask-JWT-Extended 4.7.4; tests/auth cover its cases).
from flask_jwt_extended.view_decorators import _decode_jwt_from_headers
from sqlalchemy import bindparam, delete, exists, select
from sqlalchemy.dialects import postgresql, sqlite

from app.auth import messages
from app.auth.models import Enterprise, RevokedToken, User
from app.db import db, utcnow
from app.errors import problem_response

jwt = JWTManager()

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="api", error="invalid_token"'}


def issue_tokens(user: User, *, session_id: str | None = None) -> dict:
    """An access token and a refresh token of a sign-in session (a new one unless given)."""
    claims = {"sid": session_id or str(uuid.uuid4()), "role": user.role}
    access = create_access_token(str(user.id), additional_claims=claims)
    refresh = create_refresh_token(str(user.id), additional_claims=claims)
    return {
        "access_token": access,
        "refresh_token": refresh,
        "token_type": "Bearer",
        "expires_in": int(current_app.config["JWT_ACCESS_TOKEN_EXPIRES"].total_seconds()),
        "role": user.role,
    }


def revoke(*, jti: str, expires_at: datetime) -> bool:
    """Record a token id or session id as revoked until expires_at; False when it already was."""
    # ON CONFLICT DO NOTHING: two workers rotating the same refresh token cannot both succeed.
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(RevokedToken)
        .values(jti=jti, expires_at=expires_at)
        .on_conflict_do_nothing(index_elements=["jti"])
        .returning(RevokedToken.jti)
    )
    # RETURNING rather than rowcount, which psycopg leaves at -1 here.
    return db.session.execute(statement).first() is not None


def prune_revoked_tokens() -> None:
    """Forget revocations of tokens that have expired anyway."""
    db.session.execute(delete(RevokedToken).where(RevokedToken.expires_at < utcnow()))


def _problem(detail):
    return problem_response(401, detail, headers=_CHALLENGE)


def session_lifetime() -> timedelta:
    """How long a session id must stay revoked: the longest any of its tokens can live."""
    return current_app.config["JWT_REFRESH_TOKEN_EXPIRES"]


# --- who is calling -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user as a request sees it: read by one query, not an ORM object."""

    id: int
    username: str
    role: str
    display_name: str
    enterprise_id: int | None
    jurisdiction: str | None
    industries: tuple[str, ...] | None

    @property
    def enterprise(self) -> Enterprise | None:
        """The user's enterprise, loaded when first asked for (few requests need more than id)."""
        return db.session.get(Enterprise, self.enterprise_id) if self.enterprise_id else None


_users, _revoked = User.__table__, RevokedToken.__table__
# A token is revoked when its own jti or its session id is; Core, not the ORM: it runs per request.
_REVOKED = exists().where(_revoked.c.jti.in_([bindparam("jti"), bindparam("sid")]))
_PRINCIPAL = select(
    _users.c.id,
    _users.c.username,
    _users.c.role,
    _users.c.display_name,
    _users.c.enterprise_id,
    _users.c.jurisdiction,
    _users.c.industries,
    _users.c.disabled,
    _REVOKED.label("revoked"),
).where(_users.c.id == bindparam("user_id"))


def _revocation_ids(claims: dict) -> dict:
    return {"jti": claims["jti"], "sid": claims.get("sid") or claims["jti"]}


def _is_revoked_now(claims: dict) -> bool:
    connection = db.session.connection()
    return bool(connection.scalar(select(_REVOKED), _revocation_ids(claims)))


def load_principal(claims: dict) -> tuple[bool, Principal | None]:
    """(revoked, the user) for verified claims; the user is None when missing or disabled."""
    try:
        user_id = int(claims["sub"])
    except (TypeError, ValueError):
        return _is_revoked_now(claims), None
    row = (
        db.session.connection()
        .execute(_PRINCIPAL, {"user_id": user_id, **_revocation_ids(claims)})
        .one_or_none()
    )
    if row is None:  # a deleted user: still say "revoked" first when the token is
        return _is_revoked_now(claims), None
    if row.disabled:
        return bool(row.revoked), None
    industries = tuple(row.industries) if row.industries is not None else None
    principal = Principal(
        row.id,
        row.username,
        row.role,
        row.display_name,
        row.enterprise_id,
        row.jurisdiction,
        industries,
    )
    return bool(row.revoked), principal


@dataclass(frozen=True)
class _Decoding:
    """How this app's tokens are verified, read from flask-jwt-extended's settings once."""

    key: str
    arguments: dict
    options: dict
    identity_claim: str


def _decoding_settings() -> _Decoding:
    # Read through the library's config object, so its defaults and fallbacks apply unchanged.
    return _Decoding(
        key=config.decode_key,
        arguments={
            "algorithms": config.decode_algorithms,
            "audience": config.decode_audience,
            "issuer": config.decode_issuer,
            "leeway": config.leeway,
        },
        options={"verify_aud": config.decode_audience is not None, "verify_sub": config.verify_sub},
        identity_claim=config.identity_claim_key,
    )


def _decode(encoded: str) -> tuple[dict, dict]:
    """Header and claims of a token whose signature and times PyJWT has verified, once."""
    settings: _Decoding = current_app.extensions["app.tokens"]
    key, arguments, options = settings.key, settings.arguments, settings.options
    try:
        decoded = pyjwt.decode_complete(encoded, key, options=options, **arguments)
    except pyjwt.ExpiredSignatureError as error:
        # The library's expired-token handler reads these two attributes.
        expired = pyjwt.decode_complete(
            encoded, key, options={**options, "verify_exp": False}, **arguments
        )
        error.jwt_header, error.jwt_data = expired["header"], expired["payload"]
        raise
    header, claims = decoded["header"], decoded["payload"]
    if settings.identity_claim not in claims:
        raise JWTDecodeError(f"Missing claim: {settings.identity_claim}")
    claims.setdefault("type", "access")
    claims.setdefault("fresh", False)
    claims.setdefault("jti", None)
    return header, claims


def authenticate(*, refresh: bool = False, verify_type: bool = True) -> None:
    """Verify the request's bearer token and load its user, as verify_jwt_in_request would.

    The order of the checks, and so which refusal a bad token gets, is the library's: the
    header, the signature and times, the token type, revocation, then the user.
    """
    if request.method in config.exempt_methods:
        return
    encoded, _ = _decode_jwt_from_headers()
    header, claims = _decode(encoded)
    if verify_type:
        verify_token_type(claims, refresh)
    revoked, principal = load_principal(claims)
    if revoked:
        raise RevokedTokenError(header, claims)
    custom_verification_for_token(header, claims)
    if principal is None:
        raise UserLookupError("user not found or disabled", header, claims)
    g._jwt_extended_jwt_user = {"loaded_user": principal}
    g._jwt_extended_jwt_header = header
    g._jwt_extended_jwt = claims
    g._jwt_extended_jwt_location = "headers"


# The library's own path (verify_jwt_in_request, @jwt_required) gets the same checks.
@jwt.user_lookup_loader
def _load_user(_header, payload) -> Principal | None:
    return load_principal(payload)[1]


@jwt.token_in_blocklist_loader
def _is_revoked(_header, payload) -> bool:
    return _is_revoked_now(payload)


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
        JWT_REFRESH_TOKEN_EXPIRES=timedelta(days=app.config["JWT_REFRESH_DAYS"]),
    )
    jwt.init_app(app)
    # Fixed once the app is built; read per request, they cost half as much as the signature check.
    with app.app_context():
        app.extensions["app.tokens"] = _decoding_settings()
