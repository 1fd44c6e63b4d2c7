"""Campaign reminders to the enterprises on a roll that have not filed: by hand or on schedule.

At most one a day per campaign and enterprise (a Hebei calendar day), each recorded with who
sent it, when, and through which channels. An enterprise not yet registered has nobody to tell
in the app; it is counted, so that the regulator can call it (the roll holds its phone).
"""

from datetime import date

from flask import current_app
from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError

from app.auth.models import Enterprise
from app.auth.names import actor_names
from app.campaigns.models import Campaign, RollEntry
from app.campaigns.progress import NOT_RESPONDED, filing_rows
from app.campaigns.service import roll_part, today
from app.db import db, utcnow
from app.errors import ApiError
from app.messages.notifications import REMINDER_NOT_ON_ROLL, REMINDERS_CLOSED, REMINDERS_NOT_OPEN
from app.notifications.models import EMAIL, IN_APP, MANUAL, REMINDER, SCHEDULE, Reminder
from app.notifications.service import add_notification, enterprise_users
from app.reference.codes import regions


def _formatted(text: dict, **params) -> dict:
    return {lang: value.format(**params) for lang, value in text.items()}


def check_open(campaign: Campaign, on: date) -> None:
    """409 naming the date when the campaign has closed, or has not opened yet."""
    if on > campaign.closes_on:
        message = _formatted(REMINDERS_CLOSED, name=campaign.name, closes_on=campaign.closes_on)
        raise ApiError(409, message, extra={"closes_on": campaign.closes_on.isoformat()})
    if on < campaign.opens_on:
        message = _formatted(REMINDERS_NOT_OPEN, name=campaign.name, opens_on=campaign.opens_on)
        raise ApiError(409, message, extra={"opens_on": campaign.opens_on.isoformat()})


def non_responders(campaign: Campaign, part: str | None = None) -> list[tuple[str, int | None]]:
    """(USCC, enterprise id or None) of each roll entry (in part) with a filing not submitted."""
    wanted = {"state": list(NOT_RESPONDED)}
    filings = filing_rows(campaign=campaign, args=wanted, part=part).subquery()
    query = select(filings.c.uscc, filings.c.enterprise_id).distinct().order_by(filings.c.uscc)
    return [(row.uscc, row.enterprise_id) for row in db.session.execute(query)]


def _check_selection(campaign: Campaign, usccs: list[str], part: str | None) -> None:
    # Outside the caller's part reads as off the roll: another city's firms are not named.
    on_roll = set(
        db.session.scalars(
            select(RollEntry.uscc).where(
                RollEntry.campaign_id == campaign.id, RollEntry.uscc.in_(usccs), roll_part(part)
            )
        )
    )
    unknown = {
        i: [_formatted(REMINDER_NOT_ON_ROLL, uscc=u)]
        for i, u in enumerate(usccs)
        if u not in on_roll
    }
    if unknown:
        raise ApiError(422, errors={"usccs": unknown})


def send_reminders(
    *,
    campaign: Campaign,
    actor=None,
    usccs: list[str] | None = None,
    on: date | None = None,
    part: str | None = None,
) -> dict:
    """Remind the campaign's non-responders (or the selected ones; those of part only, for a
    city on the province's campaign); flushed, not committed."""
    on = on or today()
    check_open(campaign, on)
    if usccs:
        _check_selection(campaign, usccs, part)
    wanted = set(usccs or ())
    reminded = set(
        db.session.scalars(
            select(Reminder.uscc).where(Reminder.campaign_id == campaign.id, Reminder.sent_on == on)
        )
    )
    outcome = {"sent": 0, "already_today": 0, "not_registered": 0, "emailed": 0}
    params = {"campaign": campaign.name, "closes_on": campaign.closes_on.isoformat()}
    for uscc, enterprise_id in non_responders(campaign, part):
        if wanted and uscc not in wanted:
            continue
        if enterprise_id is None:
            outcome["not_registered"] += 1
            continue
        if uscc in reminded:
            outcome["already_today"] += 1
            continue
        try:
            with db.session.begin_nested():  # a reminder sent meanwhile by another request
                channels = _remind(campaign, enterprise_id, params)
                db.session.add(
                    Reminder(
                        campaign_id=campaign.id,
                        uscc=uscc,
                        enterprise_id=enterprise_id,
                        sent_on=on,
                        sent_at=utcnow(),
                        sent_by=actor.id if actor else None,
                        trigger=MANUAL if actor else SCHEDULE,
                        channels=channels,
                    )
                )
        except IntegrityError:
            outcome["already_today"] += 1
            continue
        outcome["sent"] += 1
        outcome["emailed"] += EMAIL in channels
    return outcome


def _remind(campaign: Campaign, enterprise_id: int, params: dict) -> list[str]:
    channels = [IN_APP]
    for user in enterprise_users(enterprise_id):
        notice = add_notification(
            recipient=user, kind=REMINDER, params=params, campaign_id=campaign.id
        )
        if notice is not None and _emailed(notice.id) and EMAIL not in channels:
            channels.append(EMAIL)
    return channels


def _emailed(notification_id: int) -> bool:
    from app.mail.models import MailDelivery

    return (
        db.session.scalar(
            select(MailDelivery.id).where(MailDelivery.notification_id == notification_id)
        )
        is not None
    )


def list_reminders(
    *, campaign: Campaign, part: str | None = None, args: dict | None = None
) -> tuple[list[dict], str | None]:
    """One page of the campaign's reminders, newest first, and the next page's cursor.

    part: only those to its enterprises (a city on the province's campaign); args: uscc (one
    firm's), cursor (the last id of the previous page) and limit.
    """
    args = args or {}
    name = func.coalesce(RollEntry.name, Enterprise.name)
    query = (
        select(Reminder, name.label("name"))
        .join(Enterprise, Enterprise.id == Reminder.enterprise_id)
        .outerjoin(
            RollEntry,
            and_(RollEntry.campaign_id == Reminder.campaign_id, RollEntry.uscc == Reminder.uscc),
        )
        .where(Reminder.campaign_id == campaign.id)
    )
    if part is not None:
        query = query.where(_enterprise_in(part))
    if args.get("uscc"):
        query = query.where(Reminder.uscc == args["uscc"])
    if args.get("cursor"):
        query = query.where(Reminder.id < args["cursor"])
    limit = args.get("limit", 50)
    rows = list(db.session.execute(query.order_by(Reminder.id.desc()).limit(limit + 1)))
    following = str(rows[limit - 1].Reminder.id) if len(rows) > limit else None
    rows = rows[:limit]
    senders = actor_names(row.Reminder.sent_by for row in rows if row.Reminder.sent_by)
    return [_reminder(row.Reminder, row.name, senders) for row in rows], following


def _enterprise_in(part: str):
    """WHERE over Enterprise: registered in part (a reporting unit, or a county's code)."""
    if part in {unit["code"] for unit in regions()}:
        return Enterprise.region == part
    return Enterprise.county == part  # the stored county, as the policy reads it


def _reminder(reminder: Reminder, name: str, senders: dict[int, str]) -> dict:
    return {
        "id": reminder.id,
        "uscc": reminder.uscc,
        "name": name,
        "enterprise_id": reminder.enterprise_id,
        "sent_on": reminder.sent_on,
        "sent_at": reminder.sent_at,
        "sent_by": reminder.sent_by,
        "sent_by_name": senders.get(reminder.sent_by),
        "trigger": reminder.trigger,
        "channels": reminder.channels,
    }


def remind_on_schedule() -> str:
    """Scheduled: remind the non-responders CAMPAIGN_REMINDER_DAYS before each close."""
    from app.mail.service import send_queued

    on = today()
    days = current_app.config["CAMPAIGN_REMINDER_DAYS"]
    campaigns = db.session.scalars(
        select(Campaign).where(Campaign.opens_on <= on, Campaign.closes_on >= on)
    )
    due = [c for c in campaigns if (c.closes_on - on).days in days]
    sent = 0
    for campaign in due:
        sent += send_reminders(campaign=campaign, on=on)["sent"]
        db.session.commit()
        send_queued()
    return f"{sent} reminded in {len(due)} campaigns"
