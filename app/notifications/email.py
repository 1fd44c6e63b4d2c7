"""A notice by email too: mail (app/mail) carries it; the words are the notice's own."""

from app.i18n import localise
from app.mail.models import MailDelivery
from app.mail.service import mail_enabled, queue_mail
from app.messages.notifications import MAIL_BODY, MAIL_SUBJECT
from app.notifications.text import render_notice


def mail_notification(notice, recipient) -> MailDelivery | None:
    """An enterprise's notice by email too, in Chinese, when mail is on and it gave an address."""
    enterprise = recipient.enterprise
    if not mail_enabled() or enterprise is None or not enterprise.contact_email:
        return None
    lang = "zh"  # the enterprises' language; the app itself shows either
    shown = render_notice(notice.kind, notice.params, lang)
    name = enterprise.contact_name or enterprise.name
    return queue_mail(
        to=enterprise.contact_email,
        subject=localise(MAIL_SUBJECT, lang).format(title=shown["title"]),
        body=localise(MAIL_BODY, lang).format(name=name, text=shown["text"]),
        notification_id=notice.id,
    )
