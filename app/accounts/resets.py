"""Password recovery without SMS: the enterprise asks, its regulator issues a code, it resets.

1. Anyone sends a USCC (POST /password-resets). The answer is the same whether or not an
   account holds it; a request is recorded only when one does (and is not disabled).
2. The regulator of the enterprise's region (or an administrator) sees open requests, checks
   who is asking through the contact phone given at registration, and issues a one-time code
   (app/accounts/codes.py) with a short expiry, which it reads out to the caller.
3. The enterprise sends USCC + code + new password: every earlier session of the account ends.
   Or the regulator closes the request (the caller could not be reached or was not the
   company): any code issued for it stops working.
Every step is audited. At step 2 the regulator may send the code by email instead of reading it
out (to the contact email given at registration, at once, never stored in clear); an SMS
channel would do the same (codes.issue_code takes the channel); steps 1 and 3 stay as they are.
"""

from datetime import timedelta

from flask import current_app, request
from sqlalchemy import select

from app.accounts import codes
from app.accounts.models import (
    CANCELLED,
    DESK,
    DONE,
    EMAIL,
    ISSUED,
    PENDING,
    RESET,
    PasswordResetRequest,
)
from app.accounts.passwords import check_new_password, set_password
from app.audit.models import RESET_CANCEL, RESET_CODE, RESET_DONE, RESET_REQUEST
from app.audit.service import record_event
from app.auth.models import ADMIN, ENTERPRISE, Enterprise, User
from app.auth.policy import enterprise_scope
from app.auth.principal import Principal
from app.db import db, utcnow
from app.errors import ApiError, not_found
from app.mail.models import SENT
from app.mail.service import mail_enabled, send_secret_now
from app.messages import accounts as messages

OPEN = (PENDING, ISSUED)


def _subject(user_id: int) -> str:
    return f"user:{user_id}"


def _enterprise_user(uscc: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == uscc, User.role == ENTERPRISE))


def request_reset(*, uscc: str) -> None:
    """Record a reset request for the account of this USCC, if there is one that may reset."""
    user = _enterprise_user(uscc)
    reset = None
    if user is not None and not user.disabled and user.enterprise_id is not None:
        reset = db.session.scalar(
            select(PasswordResetRequest).where(
                PasswordResetRequest.user_id == user.id, PasswordResetRequest.state.in_(OPEN)
            )
        )
        if reset is None:  # one open request per account: asking again only refreshes it
            reset = PasswordResetRequest(
                user_id=user.id, enterprise_id=user.enterprise_id, state=PENDING
            )
            db.session.add(reset)
        reset.requested_at, reset.address = utcnow(), request.remote_addr
        db.session.flush()
    record_event(
        action=RESET_REQUEST,
        role="anonymous",
        status=202,
        in_session=True,
        # The audit log is the administrators': it may say which account was named.
        details={"uscc": uscc, "reset": reset.id if reset else None},
    )


def _scoped(principal: Principal):
    query = select(PasswordResetRequest, Enterprise).join(
        Enterprise, Enterprise.id == PasswordResetRequest.enterprise_id
    )
    if principal.role != ADMIN:
        query = query.where(enterprise_scope(principal))
    return query


def list_resets(
    *, principal: Principal, state: str | None = None, after: int | None = None, limit: int = 50
) -> tuple[list[tuple[PasswordResetRequest, Enterprise]], int | None]:
    """Reset requests of enterprises in reach, open ones by default, oldest first."""
    query = _scoped(principal).order_by(PasswordResetRequest.id).limit(limit + 1)
    if state:
        query = query.where(PasswordResetRequest.state == state)
    else:
        query = query.where(PasswordResetRequest.state.in_(OPEN))
    if after is not None:
        query = query.where(PasswordResetRequest.id > after)
    rows = [tuple(row) for row in db.session.execute(query).all()]
    return rows[:limit], (rows[limit - 1][0].id if len(rows) > limit else None)


def _open_in_reach(principal: Principal, reset_id: int) -> PasswordResetRequest:
    row = db.session.execute(_scoped(principal).where(PasswordResetRequest.id == reset_id)).first()
    if row is None:
        raise not_found()
    reset = row[0]
    if reset.state not in OPEN:
        raise ApiError(409, messages.RESET_ALREADY_DONE, extra={"current_status": reset.state})
    return reset


def issue_reset_code(
    *, principal: Principal, reset_id: int, channel: str = DESK
) -> tuple[PasswordResetRequest, str]:
    """A new one-time code for an open request in reach (it replaces any earlier one).

    DESK: the code is returned for the regulator to read out. EMAIL: it is sent at once to the
    contact email given at registration and not returned; if sending fails it is revoked (503).
    """
    reset = _open_in_reach(principal, reset_id)
    enterprise = db.session.get(Enterprise, reset.enterprise_id)
    if channel == EMAIL:
        _check_email_channel(enterprise)
    minutes = current_app.config["RESET_CODE_MINUTES"]
    code_row, code = codes.issue_code(
        purpose=RESET,
        subject=_subject(reset.user_id),
        lifetime=timedelta(minutes=minutes),
        issued_by=principal.id,
        channel=channel,
    )
    if channel == EMAIL:
        _email_code(enterprise, code, minutes, code_row)
    reset.state, reset.issued_by, reset.issued_at = ISSUED, principal.id, utcnow()
    reset.code_id = code_row.id
    db.session.flush()
    record_event(
        action=RESET_CODE,
        role=principal.role,
        user_id=principal.id,
        status=201,
        in_session=True,
        details={
            "reset": reset.id,
            "account": reset.user_id,
            "code": code_row.id,
            "channel": channel,
        },
    )
    return reset, code


def _check_email_channel(enterprise: Enterprise) -> None:
    if not mail_enabled():
        raise ApiError(409, messages.RESET_MAIL_OFF, problem="reset-email-unavailable")
    if not enterprise.contact_email:
        raise ApiError(409, messages.RESET_NO_EMAIL, problem="reset-email-unavailable")


def _email_code(enterprise: Enterprise, code: str, minutes: int, code_row) -> None:
    body = messages.RESET_MAIL_BODY.format(
        name=enterprise.contact_name or enterprise.name,
        uscc=enterprise.uscc,
        code=f"{code[:4]} {code[4:]}",
        minutes=minutes,
    )
    sent = send_secret_now(
        to=enterprise.contact_email,
        subject=messages.RESET_MAIL_SUBJECT,
        body=body,
        kept=messages.RESET_MAIL_KEPT,
    )
    if sent.status != SENT:
        # Nobody has the code: void it, keep the failed delivery on record, tell the regulator.
        codes.revoke_codes(purpose=RESET, subject=code_row.subject)
        db.session.commit()
        raise ApiError(503, messages.RESET_MAIL_FAILED, problem="reset-email-failed")


def cancel_reset(*, principal: Principal, reset_id: int) -> PasswordResetRequest:
    """Close an open request in reach without a reset; a code issued for it stops working."""
    reset = _open_in_reach(principal, reset_id)
    codes.revoke_codes(purpose=RESET, subject=_subject(reset.user_id))
    reset.state, reset.completed_at = CANCELLED, utcnow()
    db.session.flush()
    record_event(
        action=RESET_CANCEL,
        role=principal.role,
        user_id=principal.id,
        status=200,
        in_session=True,
        details={"reset": reset.id, "account": reset.user_id},
    )
    return reset


def code_expiry(reset: PasswordResetRequest):
    return db.session.get(codes.OneTimeCode, reset.code_id).expires_at if reset.code_id else None


def redeem_reset(*, uscc: str, code: str, new_password: str) -> None:
    """Set the new password with the code; the code is used only if the password is accepted."""
    user = _enterprise_user(uscc)
    usable = user is not None and not user.disabled
    row = codes.verify_code(purpose=RESET, subject=_subject(user.id) if usable else None, code=code)
    check_new_password(user, new_password)
    codes.use_code(row)
    set_password(user, new_password)
    for reset in db.session.scalars(
        select(PasswordResetRequest).where(
            PasswordResetRequest.user_id == user.id, PasswordResetRequest.state.in_(OPEN)
        )
    ):
        reset.state, reset.completed_at = DONE, utcnow()
    db.session.flush()
    record_event(
        action=RESET_DONE,
        role=user.role,
        user_id=user.id,
        status=204,
        in_session=True,
        details={"code": row.id},
    )
