"""Who presents a token: the user and the revocation of its token, read by one query."""

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import bindparam, exists, select

from app.auth.models import Enterprise, RevokedToken, User
from app.db import db


@dataclass(frozen=True, slots=True)
class Principal:
    """The signed-in user as a request sees it: read by one query, not an ORM object."""

    id: int | None  # None for a service token: no person stands behind it
    username: str
    role: str
    display_name: str
    enterprise_id: int | None
    jurisdiction: str | None
    industries: tuple[str, ...] | None
    service_token_id: int | None = None
    scopes: tuple[str, ...] = ()
    session_generation: int = 0
    # A temporary password: only changing it is allowed (app/auth/tokens.py PASSWORD_ENDPOINTS).
    must_change_password: bool = False

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
    _users.c.session_generation,
    _users.c.must_change_password,
    _REVOKED.label("revoked"),
).where(_users.c.id == bindparam("user_id"))


def _revocation_ids(claims: dict) -> dict:
    return {"jti": claims["jti"], "sid": claims.get("sid") or claims["jti"]}


def is_revoked_now(claims: dict) -> bool:
    connection = db.session.connection()
    return bool(connection.scalar(select(_REVOKED), _revocation_ids(claims)))


class Loaded(NamedTuple):
    """What a token's claims lead to: revoked or not, the user, and whether its sessions ended."""

    revoked: bool
    principal: Principal | None
    # Issued before the account's sessions were ended (a password change or reset).
    ended: bool = False


def load_principal(claims: dict) -> Loaded:
    """(revoked, the user, ended) for verified claims; no user when missing or disabled."""
    try:
        user_id = int(claims["sub"])
    except (TypeError, ValueError):
        return Loaded(is_revoked_now(claims), None)
    row = (
        db.session.connection()
        .execute(_PRINCIPAL, {"user_id": user_id, **_revocation_ids(claims)})
        .one_or_none()
    )
    if row is None:  # a deleted user: still say "revoked" first when the token is
        return Loaded(is_revoked_now(claims), None)
    if row.disabled:
        return Loaded(bool(row.revoked), None)
    if claims.get("gen", 0) != row.session_generation:
        return Loaded(bool(row.revoked), None, ended=True)
    industries = tuple(row.industries) if row.industries is not None else None
    principal = Principal(
        row.id,
        row.username,
        row.role,
        row.display_name,
        row.enterprise_id,
        row.jurisdiction,
        industries,
        session_generation=row.session_generation,
        must_change_password=row.must_change_password,
    )
    return Loaded(bool(row.revoked), principal)
