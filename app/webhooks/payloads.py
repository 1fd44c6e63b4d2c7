"""What a delivery says about its subject: ids, states and links, never answers or scores.

A receiver that needs more reads it through the API with a service token (docs/webhooks.md).
"""

from app.assessments.models import Assessment, Submission
from app.auth.models import Enterprise
from app.db import db
from app.reports.models import Report


def _assessment_facts(assessment: Assessment) -> dict:
    enterprise = db.session.get(Enterprise, assessment.enterprise_id)
    return {
        "assessment_id": assessment.id,
        "enterprise_id": assessment.enterprise_id,
        "uscc": enterprise.uscc if enterprise else None,
        "questionnaire": assessment.questionnaire_key,
        "campaign_id": assessment.campaign_id,
        "revision": assessment.revision,
        "status": assessment.status,
        "assessment_url": f"/api/v1/assessments/{assessment.id}",
    }


def payload_for(event: str, subject) -> tuple[str, dict]:
    """(the event's key, the payload) for an assessment's event or a report's."""
    if event.startswith("submission."):
        assessment = (
            subject if isinstance(subject, Assessment) else db.session.get(Assessment, int(subject))
        )
        facts = _assessment_facts(assessment)
        return f"{event}:assessment:{assessment.id}:{assessment.revision}", facts
    if event == "report.ready":
        report = subject if isinstance(subject, Report) else db.session.get(Report, int(subject))
        submission = db.session.get(Submission, report.submission_id)
        assessment = db.session.get(Assessment, submission.assessment_id)
        facts = {
            **_assessment_facts(assessment),
            "revision": submission.revision,
            "report_id": report.id,
            "report_status": report.status,
            "report_url": f"/api/v1/assessments/{assessment.id}/report.pdf"
            f"?revision={submission.revision}",
        }
        return f"{event}:report:{report.id}", facts
    raise ValueError(f"no payload for event {event!r}")
