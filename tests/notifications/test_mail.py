"""Email through a real SMTP server (aiosmtpd) that the tests start on localhost."""

import email
import email.policy
import logging
import socket
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from sqlalchemy import select

from app.auth.models import Enterprise
from app.db import db
from app.mail.models import FAILED, QUEUED, SENT, MailDelivery
from app.mail.service import deliver
from tests.campaigns.conftest import days, roll_csv, roll_row


def free_port() -> int:
    """A port nothing listens on now: the SQLite and PostgreSQL halves of the suite run at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT, CLOSED_PORT = free_port(), free_port()  # nothing listens on the second
USER, PASSWORD = "mailer", "s3cret-smtp-Passw0rd"


class Inbox:
    """What the SMTP server received: parsed messages, and the logins it saw."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list = []
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        self.logins.append((auth_data.login, auth_data.password))
        ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
        return AuthResult(success=ok)


@pytest.fixture
def smtp_server(app, monkeypatch):
    """An SMTP server on 127.0.0.1:PORT asking for a sign-in, and the app configured for it."""
    inbox = Inbox()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=PORT,
        authenticator=inbox.authenticate,
        auth_require_tls=False,  # STARTTLS is tested with a certificate in its own test
    )
    controller.start()
    for key, value in {
        "MAIL_SMTP_HOST": "127.0.0.1",
        "MAIL_SMTP_PORT": PORT,
        "MAIL_SMTP_STARTTLS": False,
        "MAIL_SMTP_USER": USER,
        "MAIL_SMTP_PASSWORD": PASSWORD,
        "MAIL_FROM": "noreply@zlzp.example.cn",
        "MAIL_MAX_ATTEMPTS": 2,
    }.items():
        monkeypatch.setitem(app.config, key, value)
    yield inbox
    controller.stop()


def give_email(company, address: str) -> None:
    db.session.get(Enterprise, company.enterprise_id).contact_email = address
    db.session.commit()


def deliveries() -> list[MailDelivery]:
    db.session.expire_all()
    return list(db.session.scalars(select(MailDelivery).order_by(MailDelivery.id)))


def wait_for(condition, seconds: float = 10):
    """The send runs in a background thread (no Redis in the tests): poll until it is done."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_a_return_is_emailed_to_the_enterprise_in_polite_chinese_and_recorded(
    smtp_server, make_enterprise, regulators, filed, review
):
    company = make_enterprise("130102", name="石家庄毛巾有限公司")
    give_email(company, "zhangsan@maojin.example.cn")
    assessment = filed(company)
    review(regulators["city"], assessment["id"], "return", comment="请补充质量承诺的内容。")
    wait_for(lambda: smtp_server.messages and deliveries()[0].status == SENT)

    [message] = smtp_server.messages
    assert message["To"] == "zhangsan@maojin.example.cn"
    assert message["From"].addresses[0].addr_spec == "noreply@zlzp.example.cn"
    assert message["Subject"] == "【质量自评】自评被退回"
    body = message.get_content()
    assert body.startswith("张三：\n\n您好！您提交的《")
    assert "退回理由：请补充质量承诺的内容。" in body
    assert "此邮件由系统自动发送，请勿直接回复。" in body
    assert smtp_server.logins == [(USER.encode(), PASSWORD.encode())]
    [delivery] = deliveries()
    assert delivery.to_address == "zhangsan@maojin.example.cn"
    assert delivery.attempts == 1 and delivery.sent_at is not None and delivery.error is None


def test_regulators_and_enterprises_without_an_address_get_no_email(
    smtp_server, make_enterprise, filed, regulators, inbox
):
    filed(make_enterprise("130102"))  # no contact email; the regulators are told in the app
    assert inbox(regulators["city"])["unread"] == 1
    assert deliveries() == []


def test_a_reminder_goes_by_email_too_and_its_record_says_so(
    smtp_server, client, make_enterprise, regulators, make_campaign, upload
):
    regulator = regulators["city"]
    company = make_enterprise("130102")
    give_email(company, "lisi@example.cn")
    campaign = make_campaign(regulator, name="2027年度企业质量自评", closes_on=days(2))
    row = roll_row(company.uscc, industry=company.facts["industry"][1:])
    assert upload(regulator, campaign["id"], roll_csv([row])).status_code == 200

    sent = client.post(
        f"/api/v1/campaigns/{campaign['id']}/reminders", json={}, headers=regulator.headers
    )
    assert sent.get_json()["emailed"] == 1
    wait_for(lambda: smtp_server.messages)
    [message] = smtp_server.messages
    assert message["Subject"] == "【质量自评】填报提醒"
    assert f"“2027年度企业质量自评”将于 {days(2)} 截止" in message.get_content()
    records = client.get(
        f"/api/v1/campaigns/{campaign['id']}/reminders", headers=regulator.headers
    ).get_json()["items"]
    assert records[0]["channels"] == ["in_app", "email"]


def test_a_server_that_cannot_be_reached_is_recorded_and_retried_and_no_password_is_logged(
    smtp_server, app, monkeypatch, make_enterprise, regulators, filed, review, caplog
):
    monkeypatch.setitem(app.config, "MAIL_SMTP_PORT", CLOSED_PORT)
    caplog.set_level(logging.DEBUG)
    company = make_enterprise("130102")
    give_email(company, "wangwu@example.cn")
    review(regulators["city"], filed(company)["id"], "approve")
    wait_for(lambda: deliveries() and deliveries()[0].attempts == 1)
    [delivery] = deliveries()
    assert delivery.status == QUEUED  # to be tried again by the schedule
    assert "ConnectionRefusedError" in delivery.error

    assert deliver(delivery.id) == FAILED  # MAIL_MAX_ATTEMPTS (2) reached: left failed
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert PASSWORD not in logged and "wangwu@example.cn" not in logged
    assert smtp_server.messages == []

    monkeypatch.setitem(app.config, "MAIL_SMTP_PORT", PORT)
    assert deliver(delivery.id) == SENT  # sent by hand (flask shell) once the server is back
    assert len(smtp_server.messages) == 1


def self_signed(directory) -> tuple[str, str]:
    """A certificate for 127.0.0.1 and its key, as PEM files (the test's own, trusted by it)."""
    import datetime
    import ipaddress

    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "smtp.pem", directory / "smtp.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_path), str(key_path)


def test_starttls_is_used_before_signing_in_and_the_certificate_is_checked(
    app, monkeypatch, tmp_path, make_enterprise, regulators, filed, review
):
    import ssl

    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    # The server refuses everything but STARTTLS until TLS is up, and AUTH without TLS.
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=PORT,
        tls_context=context,
        require_starttls=True,
        authenticator=inbox.authenticate,
    )
    controller.start()
    try:
        for key_name, value in {
            "MAIL_SMTP_HOST": "127.0.0.1",
            "MAIL_SMTP_PORT": PORT,
            "MAIL_SMTP_STARTTLS": True,
            "MAIL_SMTP_USER": USER,
            "MAIL_SMTP_PASSWORD": PASSWORD,
            "MAIL_FROM": "noreply@zlzp.example.cn",
        }.items():
            monkeypatch.setitem(app.config, key_name, value)
        company = make_enterprise("130102")
        give_email(company, "zhaoliu@example.cn")
        assessment = filed(company)

        # Not trusted yet: the certificate check fails and nothing is sent.
        review(regulators["city"], assessment["id"], "approve")
        wait_for(lambda: deliveries() and deliveries()[0].attempts == 1)
        assert "CERTIFICATE_VERIFY_FAILED" in deliveries()[0].error
        assert inbox.messages == []

        monkeypatch.setenv("SSL_CERT_FILE", cert)  # what OpenSSL trusts: now our own CA
        assert deliver(deliveries()[0].id) == SENT
        assert inbox.logins == [(USER.encode(), PASSWORD.encode())]
        assert inbox.messages[0]["Subject"] == "【质量自评】自评审核通过"
    finally:
        controller.stop()
