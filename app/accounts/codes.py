"""One-time codes: issued to one subject for one purpose, kept hashed, short-lived, used once.

Password resets use them now; campaign invitations and USCC claims are meant to (the purposes
are declared in models.PURPOSES). A code is 8 digits, easy to read out at a desk or to send by
SMS later: the channel that carries it is recorded, the code is the same. With at most
CODE_MAX_ATTEMPTS tries per code before it is burnt, a guesser has 5 chances in 10^8.

A failed try is counted in a transaction of its own: the request that failed rolls back, the
count must not.
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import insert, select, update

from app.accounts.models import DESK, OneTimeCode
from app.db import db, utcnow
from app.errors import ApiError
from app.messages import accounts as messages

CODE_DIGITS = 8
CODE_MAX_ATTEMPTS = 5
_BATCH = 1000  # subjects per statement when codes are issued in bulk (bound parameters)


def _new_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


def _digest(code: str) -> str:
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, b"one-time-code:" + code.encode(), hashlib.sha256).hexdigest()


def normalise_code(raw: str) -> str:
    """The digits of a code as typed: spaces and hyphens dropped, full-width digits folded."""
    return "".join(str(int(ch)) for ch in raw if ch.isdigit())[: CODE_DIGITS * 2]


def issue_code(
    *,
    purpose: str,
    subject: str,
    lifetime: timedelta,
    issued_by: int | None,
    channel: str = DESK,
) -> tuple[OneTimeCode, str]:
    """A new code for the subject (the code itself is returned once); older live ones end."""
    now = utcnow()
    revoke_codes(purpose=purpose, subject=subject, now=now)
    code = _new_code()
    row = OneTimeCode(
        purpose=purpose,
        subject=subject,
        code_hash=_digest(code),
        channel=channel,
        issued_by=issued_by,
        created_at=now,
        expires_at=now + lifetime,
        attempts=0,
        max_attempts=CODE_MAX_ATTEMPTS,
    )
    db.session.add(row)
    db.session.flush()
    return row, code


def issue_codes(
    *,
    purpose: str,
    subjects: list[str],
    lifetime: timedelta,
    issued_by: int | None,
    channel: str = DESK,
) -> dict[str, str]:
    """A new code for each subject at once (a campaign's invitations): {subject: code}.

    The same as issue_code for each, in a few statements instead of two per subject, so that a
    roll of 50k firms takes seconds: older live codes of those subjects end.
    """
    now = utcnow()
    codes = {subject: _new_code() for subject in subjects}
    for start in range(0, len(subjects), _BATCH):
        batch = subjects[start : start + _BATCH]
        db.session.execute(
            update(OneTimeCode)
            .where(
                OneTimeCode.purpose == purpose,
                OneTimeCode.subject.in_(batch),
                OneTimeCode.used_at.is_(None),
                OneTimeCode.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        rows = [
            {
                "purpose": purpose,
                "subject": subject,
                "code_hash": _digest(codes[subject]),
                "channel": channel,
                "issued_by": issued_by,
                "created_at": now,
                "expires_at": now + lifetime,
                "attempts": 0,
                "max_attempts": CODE_MAX_ATTEMPTS,
            }
            for subject in batch
        ]
        db.session.execute(insert(OneTimeCode), rows)
    return codes


def revoke_codes(*, purpose: str, subject: str, now=None) -> None:
    """End the subject's live codes of this purpose (used ones stay as they were)."""
    db.session.execute(
        update(OneTimeCode)
        .where(
            OneTimeCode.purpose == purpose,
            OneTimeCode.subject == subject,
            OneTimeCode.used_at.is_(None),
            OneTimeCode.revoked_at.is_(None),
        )
        .values(revoked_at=now or utcnow())
    )


def live_code(*, purpose: str, subject: str) -> OneTimeCode | None:
    """The newest code of the subject that is neither used nor revoked (it may have expired)."""
    return db.session.scalar(
        select(OneTimeCode)
        .where(
            OneTimeCode.purpose == purpose,
            OneTimeCode.subject == subject,
            OneTimeCode.used_at.is_(None),
            OneTimeCode.revoked_at.is_(None),
        )
        .order_by(OneTimeCode.id.desc())
        .limit(1)
    )


def _newest(purpose: str, subject: str) -> OneTimeCode | None:
    return db.session.scalar(
        select(OneTimeCode)
        .where(OneTimeCode.purpose == purpose, OneTimeCode.subject == subject)
        .order_by(OneTimeCode.id.desc())
        .limit(1)
    )


def _count_failure(row: OneTimeCode) -> int:
    """Count a wrong try where it outlives the request; the code is burnt at the limit."""
    db.session.rollback()  # SQLite: release this session's write lock before writing elsewhere
    with db.engine.begin() as connection:
        attempts = connection.scalar(
            update(OneTimeCode)
            .where(OneTimeCode.id == row.id)
            .values(attempts=OneTimeCode.attempts + 1)
            .returning(OneTimeCode.attempts)
        )
        if attempts >= row.max_attempts:
            connection.execute(
                update(OneTimeCode)
                .where(OneTimeCode.id == row.id, OneTimeCode.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
    return attempts


def verify_code(*, purpose: str, subject: str | None, code: str) -> OneTimeCode:
    """The subject's live code if this is it; 422 wrong or expired, 409 used, 429 burnt.

    An unknown subject answers as a wrong code does, so the answer does not tell who exists.
    The code is not used yet (use_code): what it unlocks may still refuse the request.
    """
    row = _newest(purpose, subject) if subject else None
    if row is None:
        raise invalid_code()
    if row.used_at is not None:
        raise ApiError(409, messages.CODE_USED, problem="reset-code-used")
    if row.revoked_at is not None:
        if row.attempts >= row.max_attempts:
            raise too_many_tries()
        raise invalid_code()  # replaced by a newer code, which is the one to type
    if row.expires_at <= utcnow():
        raise ApiError(422, messages.CODE_EXPIRED, problem="reset-code-expired")
    if not hmac.compare_digest(row.code_hash, _digest(normalise_code(code))):
        if _count_failure(row) >= row.max_attempts:
            raise too_many_tries()
        raise invalid_code()
    return row


def use_code(row: OneTimeCode) -> None:
    """Mark a verified code used; 409 when a request racing this one used it first."""
    claimed = db.session.execute(
        update(OneTimeCode)
        .where(OneTimeCode.id == row.id, OneTimeCode.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if claimed.rowcount != 1:
        raise ApiError(409, messages.CODE_USED, problem="reset-code-used")


def invalid_code() -> ApiError:
    return ApiError(422, messages.CODE_INVALID, problem="reset-code-invalid")


def too_many_tries() -> ApiError:
    return ApiError(429, messages.CODE_TOO_MANY_TRIES, headers={"Retry-After": "60"})


def expires_in(row: OneTimeCode, now: datetime | None = None) -> int:
    """Seconds until the code expires (0 once it has)."""
    return max(0, int((row.expires_at - (now or utcnow())).total_seconds()))
