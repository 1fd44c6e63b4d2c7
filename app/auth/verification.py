"""Who is behind an enterprise account: the regulator's check, refusal and USCC reassignment.

An enterprise account starts unverified (docs/identity.md). Its region's regulator verifies it
after a check it records (a call to the registered contact; the licence once evidence uploads
exist), or refuses it with a reason. A USCC squatted by someone else is reassigned to the real
company: the squatter's account is disabled and keeps its data under no USCC.

An external identity check (电子营业执照, the legal representative's real-name check) plugs in
as an IdentityCheck registered on the app; none is built in, and none is faked.
"""

import secrets
from dataclasses import dataclass
from typing import Protocol

from flask import current_app
from sqlalchemy import ColumnElement, select

from app.audit.models import REASSIGN, REFUSE, VERIFY
from app.audit.service import record_event
from app.auth.models import (
    ENTERPRISE,
    REFUSED,
    RELEASED,
    UNVERIFIED,
    VERIFIED,
    Enterprise,
    User,
)
from app.auth.passwords import hash_password
from app.db import db, utcnow
from app.errors import ApiError
from app.messages import identity as messages


@dataclass(frozen=True)
class IdentityEvidence:
    """What an external check confirmed: the registered name, and where it came from."""

    name: str
    source: str  # e.g. "电子营业执照", kept in the verification note
    reference: str | None = None  # the provider's transaction or certificate id


class IdentityCheck(Protocol):
    """An external check that the person signing up acts for the company of this USCC.

    Return the evidence when the provider confirms it, None when it does not (or cannot say).
    Register one with `app.extensions["identity_checks"].append(check)`; a confirmed check then
    verifies the enterprise through apply_identity_check, exactly as a regulator would.
    """

    def __call__(self, *, uscc: str, declared_name: str, token: str) -> IdentityEvidence | None:
        """Ask the provider; token is what the client obtained from it (a signed assertion)."""


def identity_checks() -> list[IdentityCheck]:
    """The checks this deployment has (none by default)."""
    return current_app.extensions.setdefault("identity_checks", [])


def apply_identity_check(*, enterprise: Enterprise, token: str) -> bool:
    """Verify the enterprise when a registered external check confirms it; False otherwise."""
    for check in identity_checks():
        evidence = check(uscc=enterprise.uscc, declared_name=enterprise.name, token=token)
        if evidence is not None:
            note = f"{evidence.source} {evidence.reference or ''}".strip()
            _decide(enterprise, VERIFIED, name=evidence.name, note=note, by=None)
            return True
    return False


def verify_by_code(*, enterprise: Enterprise, name: str, note: str) -> Enterprise:
    """Verify with a code only the real firm received (a campaign's letter); no deciding user."""
    _decide(enterprise, VERIFIED, name=name, note=note, by=None)
    return enterprise


def verify_enterprise(*, enterprise: Enterprise, name: str, note: str, by: User) -> Enterprise:
    """Record the regulator's check: the enterprise's checked name, and how it was checked."""
    _decide(enterprise, VERIFIED, name=name, note=note, by=by)
    _audit(VERIFY, by, enterprise, {"name": name, "note": note})
    return enterprise


def refuse_enterprise(*, enterprise: Enterprise, reason: str, by: User) -> Enterprise:
    """Record that the regulator could not confirm who is behind the account, and why."""
    _decide(enterprise, REFUSED, name=None, note=reason, by=by)
    _audit(REFUSE, by, enterprise, {"reason": reason})
    return enterprise


def reassign_uscc(
    *,
    enterprise: Enterprise,
    name: str,
    contact_name: str,
    contact_phone: str,
    contact_email: str | None,
    note: str,
    by: User,
) -> tuple[Enterprise, str]:
    """Give the USCC of a squatted account to the real company; (its account, a first password).

    The squatter's enterprise keeps its assessments, marked released and without a USCC; its
    account is disabled (its tokens stop at once). The real company's account is verified with
    the checked name; its first password is shown once, to the regulator who hands it over.
    """
    uscc = enterprise.uscc
    squatter = db.session.scalar(select(User).where(User.enterprise_id == enterprise.id))
    enterprise.uscc, enterprise.released_uscc = None, uscc
    _decide(enterprise, RELEASED, name=None, note=note, by=by, force=True)
    if squatter is not None:
        squatter.username, squatter.disabled = f"released-{squatter.id}", True
    db.session.flush()  # the code is free before the real company takes it
    real = Enterprise(
        uscc=uscc,
        name=name,
        region=enterprise.region,
        industry=enterprise.industry,
        size=enterprise.size,
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
        needs_attention=enterprise.needs_attention,
    )
    _decide(real, VERIFIED, name=name, note=note, by=by)
    password = secrets.token_urlsafe(12)
    user = User(
        username=uscc,
        password_hash=hash_password(password),
        role=ENTERPRISE,
        display_name=name,
        enterprise=real,
    )
    db.session.add_all([real, user])
    db.session.flush()
    _audit(REASSIGN, by, enterprise, {"uscc": uscc, "to": real.id, "note": note})
    return real, password


def list_enterprises(
    *,
    scope: ColumnElement[bool],
    verification: str | None = None,
    after: int | None = None,
    limit: int = 50,
) -> tuple[list[Enterprise], int | None]:
    """A page of the enterprises in scope (by id), optionally of one state; the next `after`."""
    query = select(Enterprise).where(scope).order_by(Enterprise.id).limit(limit + 1)
    if verification:
        query = query.where(Enterprise.verification == verification)
    if after is not None:
        query = query.where(Enterprise.id > after)
    rows = list(db.session.scalars(query))
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)


def refuse_released(enterprise: Enterprise) -> None:
    """409: the account's USCC went to the real company; nothing more to decide on it."""
    raise ApiError(409, messages.ENTERPRISE_RELEASED, extra={"current_status": RELEASED})


def _decide(enterprise, state, *, name, note, by, force=False) -> None:
    if enterprise.verification == RELEASED and not force:
        refuse_released(enterprise)
    enterprise.verification = state
    enterprise.verified_name = name if state == VERIFIED else None
    enterprise.verification_note = note
    enterprise.verification_by = by.id if by is not None else None
    enterprise.verification_at = utcnow()
    db.session.flush()


def _audit(action: str, by: User, enterprise: Enterprise, details: dict) -> None:
    # Committed with the decision it records, or not at all.
    record_event(
        action=action,
        role=by.role,
        user_id=by.id,
        status=200,
        in_session=True,
        filters={"enterprise_id": enterprise.id, **details},
    )


def shown_name(enterprise, lang: str = "zh") -> str:
    """The checked name of a verified enterprise; otherwise the declared name, marked so."""
    if getattr(enterprise, "verification", UNVERIFIED) == VERIFIED and enterprise.verified_name:
        return enterprise.verified_name
    template = messages.DECLARED_NAME["en" if lang == "en" else "zh"]
    return template.format(name=enterprise.name)
