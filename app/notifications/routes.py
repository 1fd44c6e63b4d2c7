"""Notification endpoints (each user's own), and a campaign's reminders (its regulators)."""

from flask.views import MethodView
from flask_smorest import Blueprint

from app.api import response_headers
from app.audit.models import NOTICE_READ, REMINDER
from app.audit.service import record_event
from app.auth import policy
from app.campaigns.service import campaign_access
from app.db import db
from app.errors import not_found
from app.i18n import current_language
from app.mail.service import send_queued
from app.notifications import reminders, service
from app.notifications.schemas import (
    MarkedSchema,
    NotificationArgsSchema,
    NotificationPageSchema,
    NotificationSchema,
    ReminderArgsSchema,
    ReminderListSchema,
    ReminderOutcomeSchema,
    ReminderSendSchema,
    UnreadCountSchema,
)
from app.notifications.text import render_notice
from app.pagination import link_headers, next_link

blp = Blueprint(
    "notifications",
    __name__,
    url_prefix="/api/v1/notifications",
    description="In-app notifications: each user reads and marks only their own "
    "(docs/notifications.md).",
)
reminders_blp = Blueprint(
    "reminders",
    __name__,
    url_prefix="/api/v1/campaigns",
    description="Reminders to a campaign's non-responders, by hand or on the schedule.",
)
EVERYONE = ("enterprise", "regulator", "association", "admin")


def notice_repr(notice, lang: str) -> dict:
    return {
        "id": notice.id,
        "kind": notice.kind,
        **render_notice(notice.kind, notice.params, lang),
        "assessment_id": notice.assessment_id,
        "revision": notice.revision,
        "campaign_id": notice.campaign_id,
        "created_at": notice.created_at,
        "read_at": notice.read_at,
    }


def _audit(action: str, status: int, **details) -> None:
    principal = policy.current_principal()
    record_event(
        action=action,
        role=principal.role,
        user_id=principal.id,
        details=details,
        status=status,
        in_session=True,
    )


@blp.route("")
class Notifications(MethodView):
    @policy.allow(*EVERYONE)
    @blp.arguments(NotificationArgsSchema, location="query")
    @blp.response(200, NotificationPageSchema, headers=response_headers("Link"))
    @blp.doc(operationId="listNotifications")
    def get(self, args):
        """Your notifications, newest first; `unread` filters; the texts in your language."""
        principal = policy.current_principal()
        rows, cursor = service.list_notifications(user_id=principal.id, **args)
        link = next_link(cursor)
        lang = current_language()
        body = {
            "items": [notice_repr(n, lang) for n in rows],
            "next_cursor": cursor,
            "next": link,
            "unread": service.count_unread(user_id=principal.id),
        }
        return body, 200, link_headers(link)


@blp.route("/unread-count")
class UnreadCount(MethodView):
    @policy.allow(*EVERYONE)
    @blp.response(200, UnreadCountSchema)
    @blp.doc(operationId="countUnreadNotifications")
    def get(self):
        """How many of your notifications are unread (the badge; one indexed count)."""
        return {"unread": service.count_unread(user_id=policy.current_principal().id)}


@blp.route("/<int:notification_id>/read")
class MarkOneRead(MethodView):
    @policy.allow(*EVERYONE)
    @blp.response(200, NotificationSchema)
    @blp.alt_response(404, description="No such notification of yours")
    @blp.doc(operationId="markNotificationRead")
    def post(self, notification_id):
        """Mark one of your notifications read (again: no change)."""
        principal = policy.current_principal()
        notice = service.own_notification(user_id=principal.id, notification_id=notification_id)
        if notice is None:
            raise not_found()
        if service.mark_read(user_id=principal.id, notification_id=notice.id):
            _audit(NOTICE_READ, 200, notification_id=notice.id)
        db.session.commit()
        db.session.refresh(notice)
        return notice_repr(notice, current_language())


@blp.route("/read")
class MarkAllRead(MethodView):
    @policy.allow(*EVERYONE)
    @blp.response(200, MarkedSchema)
    @blp.doc(operationId="markAllNotificationsRead")
    def post(self):
        """Mark all your notifications read."""
        principal = policy.current_principal()
        marked = service.mark_read(user_id=principal.id)
        if marked:
            _audit(NOTICE_READ, 200, all=True, marked=marked)
        db.session.commit()
        return {"marked": marked, "unread": service.count_unread(user_id=principal.id)}


@reminders_blp.route("/<int:campaign_id>/reminders")
class CampaignReminders(MethodView):
    @policy.allow("regulator")
    @reminders_blp.arguments(ReminderArgsSchema, location="query")
    @reminders_blp.response(200, ReminderListSchema)
    @reminders_blp.alt_response(404, description="No such campaign in your jurisdiction")
    @reminders_blp.doc(operationId="listCampaignReminders")
    def get(self, args, campaign_id):
        """The reminders sent for a campaign (to your part of its roll), newest first, paged:
        to whom, when, by whom (or the schedule), through which channels."""
        access = campaign_access(policy.current_principal(), campaign_id)
        items, cursor = reminders.list_reminders(
            campaign=access.campaign, part=access.part, args=args
        )
        following = next_link(cursor)
        return (
            {"items": items, "next_cursor": cursor, "next": following},
            200,
            link_headers(following),
        )

    @policy.allow("regulator")
    @reminders_blp.arguments(ReminderSendSchema)
    @reminders_blp.response(200, ReminderOutcomeSchema)
    @reminders_blp.alt_response(404, description="No such campaign in your jurisdiction")
    @reminders_blp.alt_response(409, description="The campaign has closed (or not opened yet)")
    @reminders_blp.alt_response(422, description="A selected USCC is not on the roll")
    @reminders_blp.doc(operationId="sendCampaignReminders")
    def post(self, body, campaign_id):
        """Remind the non-responders (all, or those selected): in the app, and by email.

        A city on the province's campaign reminds its own enterprises only."""
        principal = policy.current_principal()
        access = campaign_access(principal, campaign_id)
        campaign = access.campaign
        outcome = reminders.send_reminders(
            campaign=campaign, actor=principal, usccs=body.get("usccs"), part=access.part
        )
        _audit(REMINDER, 200, campaign_id=campaign.id, **outcome)
        db.session.commit()
        send_queued()
        return outcome
