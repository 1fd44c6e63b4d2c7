"""Review's own audit events: regulators' reads of assessments and their exports.

Recording happens in one place: policy.assessment_for_read notes every regulator read and
export routes note their export (policy.note_access); after a successful GET, the hook below
hands the notes to the audit log (app/audit). A new regulator-readable endpoint that reads
through the policy is audited without any code of its own.
"""

from flask import Flask, request

from app.audit.models import SERVICE_ROLE
from app.audit.service import record_events
from app.auth import policy

AUDITED_METHODS = ("GET", "HEAD")


def record_noted_accesses(response):
    """after_request: write this request's noted accesses, once the response is a success."""
    notes = list(dict.fromkeys(policy.take_noted_accesses()))
    if not notes or request.method not in AUDITED_METHODS or response.status_code >= 400:
        return response
    principal = policy.current_principal()
    who = (
        {"role": SERVICE_ROLE, "service_token_id": principal.service_token_id}
        if principal.service_token_id
        else {"role": principal.role, "user_id": principal.id}
    )
    events = [
        {"action": action, "assessment_id": assessment_id, **who} for action, assessment_id in notes
    ]
    record_events(events, status=response.status_code)
    return response


def _forget_stale_notes():
    # Where an app context outlives requests (tests, CLI), g would carry marks from before.
    policy.take_noted_accesses()


def init_app(app: Flask) -> None:
    """Write review's audit events after every request that noted an access."""
    app.before_request(_forget_stale_notes)
    app.after_request(record_noted_accesses)
