"""JWT access and refresh tokens: issuing, revoking, and refusing bad ones as problem+json.

Every token of one sign-in carries the same session id (`sid`), kept when a refresh token is
rotated. Logging out revokes the session, so every token of it stops working; rotating revokes
the old refresh token's own jti. Revocations live in the database, so every worker honours them;
the user is loaded on every request, so a disabled account's tokens stop working at once.
"""

import uuid
from datetime import datetime, timedelta

from flask import Flask, current_app
from flask_jwt_extended import JWTManager, create_access_token, create_refresh_token
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from app.auth import messages
from app.auth.models import RevokedToken, User
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


@jwt.user_lookup_loader
def _load_user(_header, payload) -> User | None:
    try:
        user = db.session.get(User, int(payload["sub"]))
    except (TypeError, ValueError):
        return None
    return None if user is None or user.disabled else user


def session_lifetime() -> timedelta:
    """How long a session id must stay revoked: the longest any of its tokens can live."""
    return current_app.config["JWT_REFRESH_TOKEN_EXPIRES"]


@jwt.token_in_blocklist_loader
def _is_revoked(_header, payload) -> bool:
    ids = [payload["jti"], payload.get("sid") or payload["jti"]]
    return db.session.scalar(select(RevokedToken.jti).where(RevokedToken.jti.in_(ids))) is not None


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
