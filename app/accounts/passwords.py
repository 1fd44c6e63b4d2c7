"""Setting a password: the rules, the hash, and the end of every other session of the account."""

from flask import request
from sqlalchemy import select

from app.audit.models import PASSWORD_CHANGE
from app.audit.service import record_event
from app.auth import ratelimit
from app.auth.models import User
from app.auth.password_rules import password_rule_broken
from app.auth.passwords import hash_password, verify_password
from app.auth.sessions import issue_tokens
from app.db import db
from app.errors import ApiError
from app.i18n import translate_field_message
from app.messages import accounts as messages


def check_new_password(user: User, password: str, *, field: str = "new_password") -> None:
    """422 password-rejected naming the rule the password breaks, for this account."""
    personal = (user.enterprise.contact_phone,) if user.enterprise is not None else ()
    rule = password_rule_broken(password, username=user.username, personal=personal)
    if rule is not None:
        raise ApiError(
            422,
            messages.PASSWORD_REJECTED,
            problem="password-rejected",
            errors={field: [translate_field_message(f"@auth.password_{rule}")]},
            extra={"rule": rule},
        )


def set_password(user: User, password: str) -> None:
    """Store the password (checked already) and end every session the account had."""
    user.password_hash = hash_password(password)
    user.must_change_password = False
    # Tokens carry the generation they were issued in: all earlier ones stop at once.
    user.session_generation = (user.session_generation or 0) + 1
    db.session.flush()


def change_own_password(*, principal, claims: dict, current: str, new: str) -> dict:
    """Check the current password (counted as sign-in attempts are), set the new one; new tokens.

    Every other session of the account ends; this one goes on with the tokens returned.
    """
    # Before any read: SQLite allows one writer, and the attempt is written on its own.
    attempt = ratelimit.begin_attempt(username=principal.username, address=request.remote_addr)
    matches = False
    try:
        user = db.session.scalar(select(User).where(User.id == principal.id))
        matches = verify_password(user.password_hash, current)
    finally:
        ratelimit.finish_attempt(attempt, succeeded=matches)
    if not matches:
        raise ApiError(
            422,
            messages.CURRENT_PASSWORD_WRONG,
            problem="current-password-wrong",
            errors={"current_password": [messages.CURRENT_PASSWORD_WRONG]},
        )
    if new == current:
        raise ApiError(
            422,
            messages.PASSWORD_REJECTED,
            problem="password-rejected",
            errors={"new_password": [messages.PASSWORD_UNCHANGED]},
            extra={"rule": "unchanged"},
        )
    check_new_password(user, new)
    set_password(user, new)
    record_event(
        action=PASSWORD_CHANGE, role=user.role, user_id=user.id, status=200, in_session=True
    )
    return issue_tokens(user, session_id=claims.get("sid"), auth_time=claims.get("auth_time"))
