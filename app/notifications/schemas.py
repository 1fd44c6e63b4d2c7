"""Notification and reminder requests and representations."""

from marshmallow import Schema, fields, validate

from app.notifications.models import KINDS
from app.pagination import NEXT_DOC


class NotificationArgsSchema(Schema):
    unread = fields.Boolean(metadata={"description": "true: unread only; false: read only"})
    cursor = fields.String(validate=validate.Length(1, 200))
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class NotificationSchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    title = fields.String(required=True, metadata={"description": "in the request's language"})
    text = fields.String(required=True, metadata={"description": "in the request's language"})
    assessment_id = fields.Integer(allow_none=True, required=True)
    revision = fields.Integer(allow_none=True, required=True)
    campaign_id = fields.Integer(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)
    read_at = fields.DateTime(allow_none=True, required=True)


class NotificationPageSchema(Schema):
    items = fields.List(fields.Nested(NotificationSchema), required=True)
    next_cursor = fields.String(allow_none=True, required=True)
    next = fields.String(allow_none=True, required=True, metadata={"description": NEXT_DOC})
    unread = fields.Integer(required=True, metadata={"description": "all unread, not this page"})


class UnreadCountSchema(Schema):
    unread = fields.Integer(required=True)


class MarkedSchema(Schema):
    marked = fields.Integer(required=True, metadata={"description": "notices newly marked read"})
    unread = fields.Integer(required=True)


class ReminderSendSchema(Schema):
    usccs = fields.List(
        fields.String(validate=validate.Length(18, 18)),
        validate=validate.Length(1, 5000),
        metadata={"description": "only these non-responders (default: all of them)"},
    )


class ReminderOutcomeSchema(Schema):
    sent = fields.Integer(required=True, metadata={"description": "enterprises reminded now"})
    already_today = fields.Integer(
        required=True, metadata={"description": "reminded earlier today: not again"}
    )
    not_registered = fields.Integer(
        required=True, metadata={"description": "on the roll but without an account to tell"}
    )
    emailed = fields.Integer(required=True)


class ReminderArgsSchema(Schema):
    uscc = fields.String(
        validate=validate.Length(18, 18), metadata={"description": "only this firm's reminders"}
    )
    cursor = fields.Integer(validate=validate.Range(min=1))
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))


class ReminderSchema(Schema):
    id = fields.Integer(required=True)
    uscc = fields.String(required=True)
    name = fields.String(required=True, metadata={"description": "the firm, as the roll names it"})
    enterprise_id = fields.Integer(required=True)
    sent_on = fields.Date(required=True)
    sent_at = fields.DateTime(required=True)
    sent_by = fields.Integer(
        allow_none=True, required=True, metadata={"description": "null: the schedule"}
    )
    sent_by_name = fields.String(allow_none=True, required=True)
    trigger = fields.String(required=True, validate=validate.OneOf(("manual", "schedule")))
    channels = fields.List(fields.String(), required=True)


class ReminderListSchema(Schema):
    items = fields.List(fields.Nested(ReminderSchema), required=True)
    next_cursor = fields.String(allow_none=True)
    next = fields.String(allow_none=True, metadata={"description": NEXT_DOC})
