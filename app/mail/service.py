"""Queue an email (a delivery row), send it over SMTP on the job queue, record how it went.

Addresses and bodies are recorded in the delivery row, never in the logs, and the SMTP
password is only ever handed to smtplib.
"""

import logging
import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid

from flask import current_app, g, has_app_context
from sqlalchemy import select

from app.db import db, utcnow
from app.mail.models import FAILED, QUEUED, SENT, MailDelivery

log = logging.getLogger(__name__)
JOB = "app.mail.service.deliver_job"


def mail_enabled() -> bool:
    return bool(current_app.config.get("MAIL_SMTP_HOST"))


def queue_mail(*, to: str, subject: str, body: str, notification_id: int | None = None):
    """Add a queued delivery (flushed); send_queued() starts it once the caller has committed."""
    delivery = MailDelivery(
        to_address=to,
        subject=subject[:200],
        body=body,
        notification_id=notification_id,
        status=QUEUED,
        created_at=utcnow(),
    )
    db.session.add(delivery)
    db.session.flush()
    g.setdefault("mail_queued", []).append(delivery.id)
    return delivery


def send_queued() -> None:
    """Start the deliveries this context queued (after its commit): on RQ, or in a thread."""
    from app.jobs.background import QueueUnavailable, start

    queued = g.pop("mail_queued", []) if has_app_context() else []
    for delivery_id in queued:
        try:
            start(
                JOB,
                delivery_id,
                queue=current_app.config["MAIL_QUEUE"],
                job_id=f"{current_app.config['MAIL_QUEUE']}-{delivery_id}",
                timeout=current_app.config["MAIL_SMTP_TIMEOUT"] * 3,
            )
        except QueueUnavailable:
            # Still queued in the table: the scheduled resend picks it up.
            log.warning("mail delivery %s waits for the queue", delivery_id)


def _message(to: str, subject: str, body: str) -> EmailMessage:
    config = current_app.config
    message = EmailMessage()
    message["From"] = formataddr(("质量自评", config["MAIL_FROM"]))
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=config["MAIL_FROM"].rsplit("@", 1)[-1])
    message.set_content(body)  # UTF-8, encoded for 7-bit servers by the library
    return message


def send_delivery(delivery: MailDelivery, *, body: str | None = None) -> None:
    """Send one delivery over SMTP (body: the text, when the row keeps none); raises as smtplib."""
    config = current_app.config
    host, port, timeout = (
        config["MAIL_SMTP_HOST"],
        config["MAIL_SMTP_PORT"],
        config["MAIL_SMTP_TIMEOUT"],
    )
    with smtplib.SMTP(host, port, timeout=timeout) as smtp:
        if config["MAIL_SMTP_STARTTLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_SMTP_USER"]:
            smtp.login(config["MAIL_SMTP_USER"], config["MAIL_SMTP_PASSWORD"] or "")
        smtp.send_message(_message(delivery.to_address, delivery.subject, body or delivery.body))


def send_secret_now(*, to: str, subject: str, body: str, kept: str) -> MailDelivery:
    """Send a message carrying a secret (a one-time code) at once, keeping only `kept` as its body.

    Not queued: a queued row would hold the code in clear until sent, where the code itself is
    kept only as an HMAC. The row records the outcome (sent, or failed with the server's answer).
    """
    delivery = MailDelivery(
        to_address=to, subject=subject[:200], body=kept, status=QUEUED, created_at=utcnow()
    )
    db.session.add(delivery)
    delivery.attempts = 1
    try:
        send_delivery(delivery, body=body)
    except (OSError, smtplib.SMTPException) as error:
        delivery.status, delivery.error = FAILED, f"{type(error).__name__}: {error}"[:500]
        log.warning("secret mail failed: %s", type(error).__name__)
    else:
        delivery.status, delivery.sent_at = SENT, utcnow()
    db.session.flush()
    return delivery


def deliver(delivery_id: int) -> str:
    """Send a queued delivery and record the outcome: sent, or failed with the reason."""
    delivery = db.session.get(MailDelivery, delivery_id)
    if delivery is None or delivery.status == SENT:
        return "nothing to send"
    delivery.attempts += 1
    try:
        send_delivery(delivery)
    except (OSError, smtplib.SMTPException) as error:
        # The server's answer or the socket's error: neither carries the password.
        delivery.error = f"{type(error).__name__}: {error}"[:500]
        if delivery.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
            delivery.status = FAILED
        db.session.commit()
        log.warning("mail delivery %s failed (attempt %s)", delivery.id, delivery.attempts)
        return delivery.status
    delivery.status, delivery.error, delivery.sent_at = SENT, None, utcnow()
    db.session.commit()
    log.info("mail delivery %s sent", delivery.id)
    return SENT


def deliver_job(delivery_id: int) -> str:
    """The job: deliver within an app context (a plain `rq worker` has none)."""
    if not has_app_context():
        from app import create_app

        with create_app().app_context():
            return deliver_job(delivery_id)
    try:
        return deliver(delivery_id)
    finally:
        db.session.remove()


def resend_queued() -> str:
    """Scheduled: send again what is still queued (a queue that was down, a failed attempt)."""
    if not mail_enabled():
        return "mail is off"
    cutoff = utcnow() - timedelta(minutes=5)  # younger ones are still with their first job
    ids = list(
        db.session.scalars(
            select(MailDelivery.id)
            .where(MailDelivery.status == QUEUED, MailDelivery.created_at < cutoff)
            .order_by(MailDelivery.id)
        )
    )
    outcomes = [deliver(delivery_id) for delivery_id in ids]
    return f"{outcomes.count(SENT)} sent, {len(ids) - outcomes.count(SENT)} not"
