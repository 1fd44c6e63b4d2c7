"""What the webhooks console takes in and gives back."""

from marshmallow import Schema, ValidationError, fields, validate

from app.i18n import register_field_texts
from app.messages.webhooks import WEBHOOK_FIELD_TEXTS
from app.text import FreeText
from app.webhooks.addresses import split_url
from app.webhooks.models import DELIVERY_STATES, EVENTS, OUTCOMES

register_field_texts(WEBHOOK_FIELD_TEXTS)


def _valid_url(url: str) -> None:
    try:
        split_url(url)
    except ValueError as exc:
        raise ValidationError("@webhooks.url_invalid") from exc


class WebhookCreateSchema(Schema):
    """A receiver to register: a name, its URL and the events it wants."""

    name = FreeText(required=True, validate=validate.Length(1, 100))
    url = fields.String(
        required=True,
        validate=[validate.Length(1, 2000), _valid_url],
        metadata={"description": "https:// (or http://) address of the receiver"},
    )
    events = fields.List(
        fields.String(validate=validate.OneOf(EVENTS)),
        required=True,
        validate=validate.Length(1, len(EVENTS)),
        metadata={"description": f"one or more of {', '.join(EVENTS)}"},
    )


class WebhookSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    url = fields.String(required=True)
    events = fields.List(fields.String(), required=True)
    active = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)
    disabled_at = fields.DateTime(required=True, allow_none=True)
    secret_rotated_at = fields.DateTime(required=True, allow_none=True)
    previous_secret_until = fields.DateTime(
        required=True,
        allow_none=True,
        metadata={
            "description": "until when deliveries also carry the previous secret's signature "
            "(after a rotation); null when they carry the current one's alone"
        },
    )
    deliveries = fields.Dict(
        keys=fields.String(validate=validate.OneOf(DELIVERY_STATES)),
        values=fields.Integer(),
        required=True,
        metadata={"description": "deliveries by state"},
    )


class WebhookCreatedSchema(WebhookSchema):
    secret = fields.String(
        required=True,
        metadata={"description": "the signing secret, shown this once (docs/webhooks.md)"},
    )


class WebhookListSchema(Schema):
    items = fields.List(fields.Nested(WebhookSchema), required=True)
    events = fields.List(
        fields.String(), required=True, metadata={"description": "every event type"}
    )


class AttemptSchema(Schema):
    number = fields.Integer(required=True)
    outcome = fields.String(required=True, validate=validate.OneOf(OUTCOMES))
    status = fields.Integer(required=True, allow_none=True)
    error = fields.String(required=True, allow_none=True)
    duration_ms = fields.Integer(required=True)
    started_at = fields.DateTime(required=True)


class DeliverySchema(Schema):
    id = fields.Integer(required=True)
    event = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(DELIVERY_STATES))
    attempts = fields.List(fields.Nested(AttemptSchema), required=True)
    next_attempt_at = fields.DateTime(required=True, allow_none=True)
    payload = fields.Dict(required=True)
    redelivery_of = fields.Integer(required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    delivered_at = fields.DateTime(required=True, allow_none=True)


class DeliveryListSchema(Schema):
    items = fields.List(fields.Nested(DeliverySchema), required=True)


class DeliveryArgsSchema(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))
