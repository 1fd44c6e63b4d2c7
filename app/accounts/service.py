"""The administrator's accounts: list and search, create staff, disable, temporary passwords,
recent sign-ins."""

import base64
import json
import secrets
from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlalchemy import String, cast, or_, select

from app.audit.models import (
    ACCOUNT_CREATE,
    ACCOUNT_DISABLE,
    ACCOUNT_ENABLE,
    SIGN_IN,
    TEMPORARY_PASSWORD,
    AuditEntry,
)
from app.audit.service import record_event
from app.auth.models import ASSOCIATION, ENTERPRISE, REGULATOR, Enterprise, User
from app.auth.passwords import hash_random_secret
from app.auth.principal import Principal
from app.db import db
from app.errors import ApiError, not_found
from app.messages import accounts as messages
from app.messages.common import BAD_CURSOR
from app.reference.codes import PROVINCE_CODE, county_code, region_name, unit_for_division_code

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
ACTIVE, DISABLED, PASSWORD_CHANGE = "active", "disabled", "password_change"
STATES = (ACTIVE, DISABLED, PASSWORD_CHANGE)
# Temporary passwords: no 0/O, 1/l/I, read out or typed from a note without doubt.
_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=CHINA).astimezone(UTC)


def _cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"id": last_id}).encode()).decode()


def _cursor_id(cursor: str) -> int:
    try:
        last_id = json.loads(base64.urlsafe_b64decode(cursor.encode())).get("id")
    except (ValueError, UnicodeDecodeError, AttributeError) as exc:
        raise ApiError(422, errors={"cursor": [BAD_CURSOR]}) from exc
    if not isinstance(last_id, int) or isinstance(last_id, bool) or not 0 < last_id < 2**63:
        raise ApiError(422, errors={"cursor": [BAD_CURSOR]})
    return last_id


def _industry_clause(code: str):
    """Enterprises of an industry under the code; associations with an industry under or over it."""
    # Stored as JSON text: "C17" under C matches '"C17'; C1772 lies under an association's "C17".
    text = cast(User.industries, String)
    covering = [code[:n] for n in range(1, len(code))]
    association = or_(text.like(f'%"{code}%'), *(text.like(f'%"{prefix}"%') for prefix in covering))
    return or_(
        Enterprise.industry.startswith(code),
        (User.role == ASSOCIATION) & association,
    )


def _region_clause(code: str):
    """Regulators of exactly that jurisdiction; enterprises of that unit, or of that county."""
    unit = unit_for_division_code(code)
    clauses = [(User.role == REGULATOR) & (User.jurisdiction == code)]
    if code != PROVINCE_CODE and unit == code:
        clauses.append(Enterprise.region == code)
    elif unit is not None:  # a county: the stored one, from the USCC (design.md, Jurisdictions)
        clauses.append(Enterprise.county == county_code(code))
    return or_(*clauses)


def list_accounts(
    *,
    role: str | None = None,
    q: str | None = None,
    region: str | None = None,
    industry: str | None = None,
    state: str | None = None,
    signed_in_from: date | None = None,
    signed_in_to: date | None = None,
    never_signed_in: bool | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> tuple[list[User], str | None]:
    """A page of accounts, newest first, filtered; the cursor is the last id seen."""
    query = select(User).outerjoin(Enterprise, User.enterprise_id == Enterprise.id)
    if role:
        query = query.where(User.role == role)
    if q:
        text = q.strip().lower()
        query = query.where(
            or_(
                User.username.contains(text, autoescape=True),
                User.display_name.contains(q.strip(), autoescape=True),
                Enterprise.name.contains(q.strip(), autoescape=True),
                Enterprise.uscc.contains(q.strip().upper(), autoescape=True),
            )
        )
    if region:
        query = query.where(_region_clause(region))
    if industry:
        query = query.where(_industry_clause(industry))
    if state == ACTIVE:
        query = query.where(User.disabled.is_(False), User.must_change_password.is_(False))
    elif state == DISABLED:
        query = query.where(User.disabled.is_(True))
    elif state == PASSWORD_CHANGE:
        query = query.where(User.disabled.is_(False), User.must_change_password.is_(True))
    if signed_in_from:
        query = query.where(User.last_sign_in_at >= _day_start(signed_in_from))
    if signed_in_to:
        query = query.where(User.last_sign_in_at < _day_start(signed_in_to + timedelta(days=1)))
    if never_signed_in is not None:
        column = User.last_sign_in_at
        query = query.where(column.is_(None) if never_signed_in else column.is_not(None))
    if cursor:
        query = query.where(User.id < _cursor_id(cursor))
    rows = list(db.session.scalars(query.order_by(User.id.desc()).limit(limit + 1)))
    next_cursor = _cursor(rows[limit - 1].id) if len(rows) > limit else None
    return rows[:limit], next_cursor


def account_state(user: User) -> str:
    if user.disabled:
        return DISABLED
    return PASSWORD_CHANGE if user.must_change_password else ACTIVE


def account_repr(user: User) -> dict:
    """An account as the console shows it: who, which scope, its state and last sign-in."""
    return {
        "id": user.id,
        "username": user.username,
        "role": user.role,
        "display_name": user.display_name,
        "state": account_state(user),
        "jurisdiction": user.jurisdiction,
        "jurisdiction_name": region_name(user.jurisdiction) if user.jurisdiction else None,
        "industries": user.industries,
        "enterprise": user.enterprise,
        "created_at": user.created_at,
        "last_sign_in_at": user.last_sign_in_at,
    }


def get_account(account_id: int) -> User:
    user = db.session.get(User, account_id)
    if user is None:
        raise not_found()
    return user


def temporary_password() -> str:
    """Twelve characters in three groups (about 59 bits): for one sign-in, then changed."""
    text = "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(12))
    return "-".join(text[i : i + 4] for i in range(0, 12, 4))


def create_account(
    *,
    role: str,
    username: str,
    by: Principal,
    display_name: str | None = None,
    jurisdiction: str | None = None,
    industries: list[str] | None = None,
) -> tuple[User, str]:
    """A staff account with a temporary password, to be changed at its first sign-in."""
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ApiError(409, messages.USERNAME_TAKEN, errors={"username": [messages.USERNAME_TAKEN]})
    password = temporary_password()
    user = User(
        username=username,
        password_hash=hash_random_secret(password),
        role=role,
        display_name=display_name or username,
        jurisdiction=jurisdiction if role == REGULATOR else None,
        industries=list(industries) if role == ASSOCIATION and industries else None,
        must_change_password=True,
    )
    db.session.add(user)
    db.session.flush()
    _audit(ACCOUNT_CREATE, by, user, {"role": role, "jurisdiction": user.jurisdiction})
    return user, password


def set_disabled(*, account_id: int, disabled: bool, by: Principal) -> User:
    """Disable (every session ends at once) or enable again; never one's own account."""
    user = get_account(account_id)
    if user.id == by.id:
        raise ApiError(409, messages.OWN_ACCOUNT, extra={"current_status": account_state(user)})
    if disabled and not user.disabled:
        user.session_generation = (user.session_generation or 0) + 1
    changed = user.disabled != disabled
    user.disabled = disabled
    db.session.flush()
    if changed:
        _audit(ACCOUNT_DISABLE if disabled else ACCOUNT_ENABLE, by, user, None)
    return user


def give_temporary_password(*, account_id: int, by: Principal) -> tuple[User, str]:
    """A new temporary password for a staff account: every session ends, changed at sign-in."""
    user = get_account(account_id)
    if user.id == by.id:
        raise ApiError(
            409, messages.OWN_TEMPORARY_PASSWORD, extra={"current_status": account_state(user)}
        )
    if user.role == ENTERPRISE:
        # An enterprise proves who it is to its regulator: the reset code, never a password
        # the administrator knows.
        raise ApiError(
            409,
            messages.ENTERPRISE_TEMPORARY_PASSWORD,
            extra={"current_status": account_state(user)},
        )
    password = temporary_password()
    user.password_hash = hash_random_secret(password)
    user.must_change_password = True
    user.session_generation = (user.session_generation or 0) + 1
    db.session.flush()
    _audit(TEMPORARY_PASSWORD, by, user, {"role": user.role})
    return user, password


def recent_sign_ins(*, account_id: int, limit: int = 20) -> list[AuditEntry]:
    """The account's latest sign-in attempts (failed and limited ones too), from the audit log."""
    get_account(account_id)
    query = (
        select(AuditEntry)
        .where(AuditEntry.user_id == account_id, AuditEntry.action == SIGN_IN)
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def _audit(action: str, by: Principal, user: User, details: dict | None) -> None:
    # Committed with the change it records, or not at all.
    record_event(
        action=action,
        role=by.role,
        user_id=by.id,
        status=200,
        in_session=True,
        details={"account": user.id, "username": user.username, **(details or {})},
    )
