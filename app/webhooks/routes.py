"""The admin's webhooks: register, list, disable, enable, rotate the secret, delete; deliveries
and redelivery."""

from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth.models import ADMIN
from app.auth.policy import allow, current_principal
from app.db import db, utcnow
from app.webhooks import service
from app.webhooks.delivery import schedule_attempt
from app.webhooks.models import EVENTS
from app.webhooks.schemas import (
    DeliveryArgsSchema,
    DeliveryListSchema,
    DeliverySchema,
    WebhookCreatedSchema,
    WebhookCreateSchema,
    WebhookListSchema,
    WebhookSchema,
)

blp = Blueprint(
    "webhooks", __name__, url_prefix="/api/v1/webhooks", description="Outgoing webhooks (admins)"
)


def _repr(webhook, counts=None) -> dict:
    counts = service.delivery_counts() if counts is None else counts
    return {
        "id": webhook.id,
        "name": webhook.name,
        "url": webhook.url,
        "events": list(webhook.events),
        "active": webhook.active,
        "created_at": webhook.created_at,
        "disabled_at": webhook.disabled_at,
        "secret_rotated_at": webhook.secret_rotated_at,
        # Until then deliveries carry the previous secret's signature too; None: no overlap.
        "previous_secret_until": _overlap(webhook),
        "deliveries": counts.get(webhook.id, {}),
    }


def _overlap(webhook):
    until = webhook.previous_secret_until
    return until if webhook.previous_secret and until and until > utcnow() else None


@blp.route("")
class Webhooks(MethodView):
    @allow(ADMIN)
    @blp.response(200, WebhookListSchema)
    @blp.doc(operationId="listWebhooks")
    def get(self):
        """Every webhook, newest first, with its deliveries counted by state; never the secrets."""
        counts = service.delivery_counts()
        return {"items": [_repr(w, counts) for w in service.list_webhooks()], "events": EVENTS}

    @allow(ADMIN)
    @blp.arguments(WebhookCreateSchema)
    @blp.response(201, WebhookCreatedSchema)
    @blp.alt_response(409, description="A webhook of this name exists")
    @blp.alt_response(422, description="Not an http(s) URL, or one naming a refused address")
    @blp.doc(operationId="createWebhook")
    def post(self, body):
        """Register a receiver; the signing secret is in this response only."""
        webhook = service.create_webhook(**body, created_by=current_principal().id)
        db.session.commit()
        return {**_repr(webhook, {}), "secret": webhook.secret}


@blp.route("/<int:webhook_id>")
class WebhookItem(MethodView):
    @allow(ADMIN)
    @blp.response(200, WebhookSchema)
    @blp.alt_response(404, description="No such webhook")
    @blp.doc(operationId="getWebhook")
    def get(self, webhook_id):
        """One webhook."""
        return _repr(service.get_webhook(webhook_id))

    @allow(ADMIN)
    @blp.response(204)
    @blp.alt_response(404, description="No such webhook")
    @blp.doc(operationId="deleteWebhook")
    def delete(self, webhook_id):
        """Delete a webhook and its delivery log; nothing more is sent to it."""
        service.delete_webhook(webhook_id=webhook_id, deleted_by=current_principal().id)
        db.session.commit()


def _set_active(webhook_id: int, active: bool) -> dict:
    webhook = service.set_webhook_active(
        webhook_id=webhook_id, active=active, changed_by=current_principal().id
    )
    db.session.commit()
    return _repr(webhook)


@blp.route("/<int:webhook_id>/disable")
class WebhookDisable(MethodView):
    @allow(ADMIN)
    @blp.response(200, WebhookSchema)
    @blp.alt_response(404, description="No such webhook")
    @blp.doc(operationId="disableWebhook")
    def post(self, webhook_id):
        """Stop sending: new events are not recorded for it, waiting deliveries wait."""
        return _set_active(webhook_id, False)


@blp.route("/<int:webhook_id>/enable")
class WebhookEnable(MethodView):
    @allow(ADMIN)
    @blp.response(200, WebhookSchema)
    @blp.alt_response(404, description="No such webhook")
    @blp.doc(operationId="enableWebhook")
    def post(self, webhook_id):
        """Send again: deliveries still waiting go out at their next attempt."""
        return _set_active(webhook_id, True)


@blp.route("/<int:webhook_id>/rotate-secret")
class WebhookRotate(MethodView):
    @allow(ADMIN)
    @blp.response(200, WebhookCreatedSchema)
    @blp.alt_response(404, description="No such webhook")
    @blp.doc(operationId="rotateWebhookSecret")
    def post(self, webhook_id):
        """A new signing secret, in this response only; the old one signs deliveries beside it
        until previous_secret_until, so the receiver can switch without losing one."""
        webhook = service.rotate_secret(webhook_id=webhook_id, rotated_by=current_principal().id)
        db.session.commit()
        return {**_repr(webhook), "secret": webhook.secret}


def _delivery_repr(delivery, attempts) -> dict:
    return {
        "id": delivery.id,
        "event": delivery.event,
        "state": delivery.state,
        "attempts": [
            {
                "number": a.number,
                "outcome": a.outcome,
                "status": a.status,
                "error": a.error,
                "duration_ms": a.duration_ms,
                "started_at": a.started_at,
            }
            for a in attempts
        ],
        "next_attempt_at": delivery.next_attempt_at,
        "payload": delivery.payload,
        "redelivery_of": delivery.redelivery_of,
        "created_at": delivery.created_at,
        "delivered_at": delivery.delivered_at,
    }


@blp.route("/<int:webhook_id>/deliveries")
class Deliveries(MethodView):
    @allow(ADMIN)
    @blp.arguments(DeliveryArgsSchema, location="query")
    @blp.response(200, DeliveryListSchema)
    @blp.alt_response(404, description="No such webhook")
    @blp.doc(operationId="listWebhookDeliveries")
    def get(self, args, webhook_id):
        """The webhook's latest deliveries, newest first, each with every attempt's outcome."""
        found = service.list_deliveries(webhook_id=webhook_id, limit=args["limit"])
        return {"items": [_delivery_repr(d, a) for d, a in found]}


@blp.route("/<int:webhook_id>/deliveries/<int:delivery_id>/redeliver")
class Redeliver(MethodView):
    @allow(ADMIN)
    @blp.response(202, DeliverySchema)
    @blp.alt_response(404, description="No such delivery of this webhook")
    @blp.alt_response(409, description="The webhook is disabled")
    @blp.doc(operationId="redeliverWebhookDelivery")
    def post(self, webhook_id, delivery_id):
        """Send a delivery's payload again, as a new delivery with attempts of its own."""
        copy = service.redeliver(
            webhook_id=webhook_id, delivery_id=delivery_id, asked_by=current_principal().id
        )
        db.session.commit()
        schedule_attempt(copy.id, attempt=1)
        return _delivery_repr(copy, [])
