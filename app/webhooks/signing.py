"""Signing a delivery: HMAC-SHA256 over "timestamp.body" with the webhook's secret."""

import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"
# How old a timestamp a receiver should accept (docs/webhooks.md); our own check uses it too.
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The X-Webhook-Signature header's value: sha256=<hex>."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, body: bytes, given: str, *, now: float) -> bool:
    """What a receiver does: a fresh timestamp and a signature that matches, compared safely."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(now - sent) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(signature(secret, sent, body), given or "")


def signature_headers(webhook, timestamp: int, body: bytes, *, now) -> dict[str, str]:
    """X-Webhook-Signature, with the secret the receiver may still hold during a rotation's
    overlap (the previous one), and X-Webhook-Signature-Next with the new one; after it, the
    current secret's signature alone."""
    current = signature(webhook.secret, timestamp, body)
    until = webhook.previous_secret_until
    if webhook.previous_secret and until is not None and now < until:
        return {
            "X-Webhook-Signature": signature(webhook.previous_secret, timestamp, body),
            "X-Webhook-Signature-Next": current,
        }
    return {"X-Webhook-Signature": current}
