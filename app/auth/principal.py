"""Who presents a token: the user and the revocation of its token, read by one query."""

from dataclasses import dataclass

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


def is_revoked_now(claims: dict) -> bool:
    connection = db.session.connection()
    return bool(connection.scalar(select(_REVOKED), _revocation_ids(claims)))


def load_principal(claims: dict) -> tuple[bool, Principal | None]:
    """(revoked, the user) for verified claims; the user is None when missing or disabled."""
    try:
        user_id = int(claims["sub"])
    except (TypeError, ValueError):
        return is_revoked_now(claims), None
    row = (
        db.session.connection()
        .execute(_PRINCIPAL, {"user_id": user_id, **_revocation_ids(claims)})
        .one_or_none()
    )
    if row is None:  # a deleted user: still say "revoked" first when the token is
        return is_revoked_now(claims), None
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
