"""The regulator sends a reset code by email instead of reading it out: to the contact email
given at registration, through a real SMTP server (aiosmtpd) on localhost, never kept in clear."""

import email
import email.policy
import re

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select, update

from app.auth.models import Enterprise
from app.db import db
from app.mail.models import FAILED, SENT, MailDelivery
from tests.accounts.test_resets import NEW, REDEEM, ask, code_url
from tests.notifications.test_mail import free_port


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"


@pytest.fixture
def smtp(app, monkeypatch):
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings = {
        "MAIL_SMTP_HOST": "127.0.0.1",
        "MAIL_SMTP_PORT": port,
        "MAIL_SMTP_STARTTLS": False,
        "MAIL_SMTP_USER": None,
        "MAIL_FROM": "noreply@zlzp.example.cn",
    }
    for key, value in settings.items():
        monkeypatch.setitem(app.config, key, value)
    yield inbox
    controller.stop()


@pytest.fixture
def firm(make_enterprise_account):
    enterprise, user = make_enterprise_account(region="130104")
    db.session.execute(
        update(Enterprise)
        .where(Enterprise.id == enterprise.id)
        .values(contact_email="wangwu@example.cn")
    )
    db.session.commit()
    return enterprise, user


@pytest.fixture
def desk(make_staff_account, auth_headers):
    return auth_headers(make_staff_account("regulator", jurisdiction="130100"))


def pending(client, headers) -> dict:
    (item,) = client.get("/api/v1/password-resets", headers=headers).get_json()["items"]
    return item


def test_the_code_goes_to_the_registered_email_and_is_neither_answered_nor_kept(
    client, smtp, firm, desk
):
    ask(client, firm[0].uscc)
    item = pending(client, desk)
    assert item["enterprise"]["contact_email"] == "w***@example.cn"
    sent = client.post(code_url(item["id"]), json={"channel": "email"}, headers=desk)
    assert sent.status_code == 201, sent.get_json()
    body = sent.get_json()
    assert (body["code"], body["channel"], body["sent_to"]) == (None, "email", "w***@example.cn")
    (message,) = smtp.messages
    assert message["To"] == "wangwu@example.cn"
    text = message.get_content()
    code = re.search(r"(\d{4} \d{4})", text).group(1)
    assert firm[0].uscc in text
    (delivery,) = db.session.scalars(select(MailDelivery))
    assert delivery.status == SENT
    assert code not in delivery.body and code.replace(" ", "") not in delivery.body
    redeemed = client.post(REDEEM, json={"uscc": firm[0].uscc, "code": code, "new_password": NEW})
    assert redeemed.status_code == 204


def test_no_email_on_record_or_no_mail_server_is_a_409_and_no_code_is_made(
    app, client, firm, desk, monkeypatch
):
    ask(client, firm[0].uscc)
    item = pending(client, desk)
    monkeypatch.setitem(app.config, "MAIL_SMTP_HOST", None)
    off = client.post(code_url(item["id"]), json={"channel": "email"}, headers=desk)
    assert off.status_code == 409
    assert off.get_json()["type"].endswith(":reset-email-unavailable")
    assert pending(client, desk)["state"] == "pending"


def test_a_failed_send_voids_the_code_and_says_to_call(app, client, smtp, firm, desk, monkeypatch):
    ask(client, firm[0].uscc)
    item = pending(client, desk)
    monkeypatch.setitem(app.config, "MAIL_SMTP_PORT", free_port())  # nothing listens there
    failed = client.post(code_url(item["id"]), json={"channel": "email"}, headers=desk)
    assert failed.status_code == 503
    assert "口头告知" in failed.get_json()["detail"]
    (delivery,) = db.session.scalars(select(MailDelivery))
    assert delivery.status == FAILED
    read_out = client.post(code_url(item["id"]), headers=desk)  # the desk way still works
    assert read_out.status_code == 201 and read_out.get_json()["code"]
