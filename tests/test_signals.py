"""The seam between the domains and the telling floor (app/signals.py)."""

import logging

from blinker import Namespace

from app import signals


def test_announce_calls_receivers_in_the_order_they_connected():
    signal = Namespace().signal("ordered")
    heard = []
    first = lambda sender, **details: heard.append(("first", sender, details))  # noqa: E731
    second = lambda sender, **details: heard.append(("second", sender, details))  # noqa: E731
    signals.listen(signal, first)
    signals.listen(signal, second)
    signals.listen(signal, first)  # connecting again changes nothing

    signals.announce(signal, 7, decision="return")

    assert heard == [("first", 7, {"decision": "return"}), ("second", 7, {"decision": "return"})]


def test_a_failing_receiver_is_logged_and_the_others_still_hear(caplog):
    signal = Namespace().signal("failing")
    heard = []

    def broken(sender):
        raise RuntimeError("the mail server is down")

    signals.listen(signal, broken)
    signals.listen(signal, lambda sender: heard.append(sender))

    with caplog.at_level(logging.ERROR, logger="app.signals"):
        signals.announce(signal, "report-3")

    assert heard == ["report-3"]
    assert "a receiver of failing failed" in caplog.text
    assert "the mail server is down" in caplog.text


def test_the_app_connects_webhooks_then_notifications_to_every_announcement(app):
    from app import notifications, webhooks
    from app.notifications import service

    expected = {
        signals.submission_submitted: [webhooks._on_submitted, service.notify_submitted],
        signals.submission_decided: [webhooks._on_decided, notifications._on_decided],
        signals.report_ready: [webhooks._on_report_ready, service.notify_report_ready],
    }
    for signal, receivers in expected.items():
        assert list(signal.receivers_for(object())) == receivers, signal.name
