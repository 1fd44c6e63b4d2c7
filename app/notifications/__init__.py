"""In-app notifications and campaign reminders: what the domains' events tell each user."""

from app import signals


def init_app(app) -> None:
    """Turn the domains' announcements into notices (and their emails)."""
    from app.notifications import service

    signals.listen(signals.submission_submitted, service.notify_submitted)
    signals.listen(signals.submission_decided, _on_decided)
    signals.listen(signals.report_ready, service.notify_report_ready)


def _on_decided(assessment, *, decision: str) -> None:
    from app.notifications.service import notify_decision

    notify_decision(assessment)  # the assessment's status says which notice
