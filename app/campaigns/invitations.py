"""Invitation codes from a campaign's roll: a second way to know who is behind an account.

The regulator prints a letter (邀请函) to each firm on the roll, at the address it has on
record, with a one-time code (app/accounts/codes.py, purpose "invitation", one live code per
USCC: a newer letter replaces an older one). Whoever signs in with that USCC and types the code
has the letter, so the account is verified with the roll's name for the firm, as a regulator's
check would (docs/identity.md). Firms already verified get no code.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import select

from app.accounts import codes
from app.assessments.filing import CHINA
from app.audit.models import INVITE_ISSUE, VERIFY
from app.audit.service import record_event
from app.auth.models import VERIFIED, Enterprise
from app.auth.principal import Principal
from app.auth.verification import verify_by_code
from app.campaigns.models import Campaign, RollEntry
from app.db import db, utcnow
from app.errors import ApiError
from app.messages.campaigns import ALREADY_VERIFIED

INVITATION = "invitation"
# A letter stays good a month past the close: late filings may be accepted, and post is slow.
DAYS_AFTER_CLOSE = 30


def _subject(uscc: str) -> str:
    return f"uscc:{uscc}"


def _lifetime(campaign: Campaign) -> timedelta:
    last_day = datetime.combine(campaign.closes_on, time.max, tzinfo=CHINA)
    ends = last_day + timedelta(days=DAYS_AFTER_CLOSE)
    return max(ends - utcnow(), timedelta(days=7))


def issue_invitations(
    *, campaign: Campaign, principal: Principal, usccs: list[str] | None = None
) -> list[dict]:
    """A new code for each firm of the roll (or those named) not yet verified; shown once."""
    verified = select(Enterprise.uscc).where(
        Enterprise.verification == VERIFIED, Enterprise.uscc.is_not(None)
    )
    query = (
        select(RollEntry)
        .where(RollEntry.campaign_id == campaign.id, RollEntry.uscc.not_in(verified))
        .order_by(RollEntry.row)
    )
    if usccs is not None:
        query = query.where(RollEntry.uscc.in_(usccs))
    entries = list(db.session.scalars(query))
    lifetime = _lifetime(campaign)
    issued = codes.issue_codes(
        purpose=INVITATION,
        subjects=[_subject(entry.uscc) for entry in entries],
        lifetime=lifetime,
        issued_by=principal.id,
    )
    record_event(
        action=INVITE_ISSUE,
        role=principal.role,
        user_id=principal.id,
        status=201,
        in_session=True,
        details={"campaign_id": campaign.id, "codes": len(entries)},
    )
    expires_at = utcnow() + lifetime
    return [
        {
            "uscc": entry.uscc,
            "name": entry.name,
            "contact_name": entry.contact_name,
            "contact_phone": entry.contact_phone,
            "code": _shown(issued[_subject(entry.uscc)]),
            "expires_at": expires_at,
        }
        for entry in entries
    ]


def _shown(code: str) -> str:
    return f"{code[:4]} {code[4:]}"


def redeem_invitation(*, enterprise: Enterprise, principal: Principal, code: str) -> Enterprise:
    """Verify the enterprise with the code of its letter, under the roll's name for it."""
    if enterprise.verification == VERIFIED:
        raise ApiError(409, ALREADY_VERIFIED, extra={"current_status": VERIFIED})
    row = codes.verify_code(purpose=INVITATION, subject=_subject(enterprise.uscc), code=code)
    entry = _newest_entry(enterprise.uscc)
    if entry is None:  # off every roll since (its code is revoked then; this is the race)
        raise codes.invalid_code()
    codes.use_code(row)
    campaign = db.session.get(Campaign, entry.campaign_id)
    verify_by_code(enterprise=enterprise, name=entry.name, note=f"邀请码（{campaign.name}）")
    record_event(
        action=VERIFY,
        role=principal.role,
        user_id=principal.id,
        status=200,
        in_session=True,
        filters={"enterprise_id": enterprise.id, "invitation": row.id, "campaign": campaign.id},
    )
    return enterprise


def revoke_if_off_every_roll(uscc: str) -> None:
    """A firm taken off its last roll no longer holds a letter that verifies it."""
    if _newest_entry(uscc) is None:
        codes.revoke_codes(purpose=INVITATION, subject=_subject(uscc))


def _newest_entry(uscc: str) -> RollEntry | None:
    # Its code was issued from a roll naming this USCC; the newest such entry names it.
    query = select(RollEntry).where(RollEntry.uscc == uscc).order_by(RollEntry.id.desc()).limit(1)
    return db.session.scalar(query)
