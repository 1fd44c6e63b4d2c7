"""Accounts: registering enterprises, signing in and out, staff accounts."""

import logging
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.auth import ratelimit
from app.auth.demo import is_refused_demo_account
from app.auth.models import ASSOCIATION, ENTERPRISE, REGULATOR, Enterprise, User
from app.auth.passwords import hash_password, needs_rehash, verify_password
from app.auth.schemas import normalise_username
from app.auth.sessions import issue_tokens, longest_session, session_end
from app.auth.tokens import revoke, revoke_reused_session
from app.db import db, utcnow
from app.errors import ApiError
from app.i18n import translate_field_message
from app.messages import auth as messages
from app.messages import identity as identity_messages
from app.reference.codes import region_name, unit_for_division_code
from app.reference.uscc import validate_uscc

log = logging.getLogger(__name__)


class AccountError(ValueError):
    """An account cannot be created or changed as asked; the message says why (CLI)."""


def resolve_region(*, uscc: str, given: str | None) -> tuple[str, bool]:
    """(reporting unit, needs_attention): derived from a Hebei USCC, else the given region."""
    derived = validate_uscc(uscc).region
    if derived is not None:
        return derived, False
    unit = unit_for_division_code(given) if given else None
    if unit is None:
        key = "@auth.region_required" if not given else "@auth.region_not_hebei"
        raise ApiError(422, errors={"region": [translate_field_message(key)]})
    return unit, True


def register_enterprise(
    *,
    uscc: str,
    name: str,
    password: str,
    industry: str,
    size: str,
    contact_name: str,
    contact_phone: str,
    contact_email: str | None = None,
    region: str | None = None,
) -> Enterprise:
    """Create the enterprise and its user (username = USCC), unverified; 409 when it is taken.

    The 409 says the same whoever holds the code, and points the real company to its regulator
    (docs/identity.md): it neither confirms who takes part nor leaves the real company stuck.
    """
    code = validate_uscc(uscc).code
    unit, needs_attention = resolve_region(uscc=code, given=region)
    if db.session.scalar(select(User.id).where(User.username == code)) is not None:
        raise registration_refused()
    enterprise = Enterprise(
        uscc=code,
        name=name,
        region=unit,
        industry=industry,
        size=size,
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
        needs_attention=needs_attention,
    )
    user = User(
        username=code,
        password_hash=hash_password(password),
        role=ENTERPRISE,
        display_name=name,
        enterprise=enterprise,
    )
    db.session.add_all([enterprise, user])
    try:
        db.session.flush()
    except IntegrityError as exc:  # registered at the same moment by another request
        raise registration_refused() from exc
    return enterprise


def registration_refused() -> ApiError:
    return ApiError(409, identity_messages.REGISTRATION_REFUSED, problem="registration-refused")


def authenticate(*, username: str, password: str, address: str | None) -> User:
    """The user whose password this is; 401 otherwise (unknown or wrong alike), 429 when limited."""
    username = normalise_username(username)
    attempt = ratelimit.begin_attempt(username=username, address=address)
    succeeded = False
    try:
        user = db.session.scalar(select(User).where(User.username == username))
        # An unknown user still costs one verification, so timing does not tell them apart.
        matches = verify_password(user.password_hash if user else None, password)
        succeeded = matches and not user.disabled and not is_refused_demo_account(username)
    finally:
        ratelimit.finish_attempt(attempt, succeeded=succeeded)
    if not succeeded:
        # An unknown "username" is often a password typed in the wrong field: never log it.
        shown = username if user is not None else "(unknown)"
        log.info("sign-in failed: username=%s address=%s", shown, address)
        raise ApiError(401, messages.LOGIN_FAILED, headers={"WWW-Authenticate": "Bearer"})
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_sign_in_at = utcnow()  # what the administrator's console lists and filters by
    db.session.flush()
    return user


def sign_in(*, username: str, password: str, address: str | None) -> dict:
    """Tokens of a new session for the user whose password this is."""
    return issue_tokens(authenticate(username=username, password=password, address=address))


def rotate_tokens(*, user: User, claims: dict) -> dict:
    """New tokens for the session of a refresh token, which stops working (rotation)."""
    auth_time = claims.get("auth_time")
    # Tokens from before sessions had an absolute end carry no auth_time: they end here too.
    if not isinstance(auth_time, int) or utcnow() >= session_end(user.role, auth_time):
        raise ApiError(401, messages.SESSION_ENDED, headers={"WWW-Authenticate": "Bearer"})
    expires_at = datetime.fromtimestamp(claims["exp"], UTC)
    # Two requests rotating one token at once: only the first records the revocation.
    if not revoke(jti=claims["jti"], expires_at=expires_at):
        raise revoke_reused_session(claims)  # rotated by another request: the same as a reuse
    return issue_tokens(user, session_id=claims.get("sid"), auth_time=auth_time)


def sign_out(*, claims: dict) -> None:
    """Revoke the session of the presented token: all its access and refresh tokens."""
    revoke(jti=claims["jti"], expires_at=datetime.fromtimestamp(claims["exp"], UTC))
    if claims.get("sid"):
        revoke(jti=claims["sid"], expires_at=utcnow() + longest_session())
    # Expired revocations are pruned by the schedule (app/schedule.py), not on this path.


def describe_user(*, user: User) -> dict:
    """The user with the enterprise, jurisdiction or industries attached to the role."""
    return {
        "id": user.id,
        "username": user.username,
        "role": user.role,
        "display_name": user.display_name,
        "enterprise": user.enterprise,
        "jurisdiction": user.jurisdiction,
        "jurisdiction_name": region_name(user.jurisdiction) if user.jurisdiction else None,
        "industries": user.industries,
    }


def create_staff_user(
    *,
    role: str,
    username: str,
    password: str,
    display_name: str | None = None,
    jurisdiction: str | None = None,
    industries: list[str] | None = None,
    must_change_password: bool = False,
) -> User:
    """A regulator (with a jurisdiction), association (with industries) or admin account."""
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AccountError(f"the username {username!r} is taken")
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=role,
        display_name=display_name or username,
        jurisdiction=jurisdiction if role == REGULATOR else None,
        industries=list(industries) if role == ASSOCIATION else None,
        must_change_password=must_change_password,
    )
    db.session.add(user)
    db.session.flush()
    return user


def list_users(*, role: str | None = None) -> list[User]:
    """Every user (or those of one role), by role then username."""
    query = select(User).order_by(User.role, User.username)
    if role:
        query = query.where(User.role == role)
    return list(db.session.scalars(query))


def set_user_disabled(*, username: str, disabled: bool) -> User:
    """Disable (or enable again) an account; a disabled account's tokens stop working at once."""
    user = db.session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        raise AccountError(f"no user {username!r}")
    if disabled and not user.disabled:
        # Its sessions end for good: enabling it again does not bring old tokens back.
        user.session_generation = (user.session_generation or 0) + 1
    user.disabled = disabled
    db.session.flush()
    return user
