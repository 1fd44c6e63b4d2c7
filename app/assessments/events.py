"""The append-only event log of an assessment."""

from sqlalchemy import insert, select

from app.assessments.models import AssessmentEvent
from app.db import db, utcnow


def record_event(*, assessment, actor, action: str, revision=None, comment=None, data=None):
    """Append one event; rows are never updated or deleted."""
    db.session.flush()  # the assessment row it refers to may still be pending
    # A Core insert: every save writes one, and the ORM's unit of work would cost more than it.
    db.session.connection().execute(
        _INSERT,
        {
            "assessment_id": assessment.id,
            "actor_id": actor.id,
            "actor_role": actor.role,
            "action": action,
            "revision": revision,
            "comment": comment,
            "data": data,
            "created_at": utcnow(),
        },
    )


_INSERT = insert(AssessmentEvent.__table__)


def list_events(*, assessment_id: int) -> list[AssessmentEvent]:
    return list(
        db.session.scalars(
            select(AssessmentEvent)
            .where(AssessmentEvent.assessment_id == assessment_id)
            .order_by(AssessmentEvent.id)
        )
    )


# What marks the end of the firm's own work on a revision: after it, the draft is the firm's.
SUBMITTING = ("submit", "resubmit")


def data_as_regulators_read(events: list[AssessmentEvent]) -> dict[int, dict | None]:
    """Event id → its data as a regulator reads it. The enterprise's saves since its last
    submission keep no data: the regulator sees that the firm is at work on a return, not which
    questions it is changing (as with the answers, records.as_last_submitted). A return that
    folded the firm's open draft in says how many answers it carried, not which."""
    last = max((i for i, e in enumerate(events) if e.action in SUBMITTING), default=-1)
    shown = {}
    for i, event in enumerate(events):
        data = event.data
        if i > last and event.actor_role == "enterprise":
            data = None
        elif isinstance(data, dict) and isinstance(data.get("carried"), list):
            data = {**data, "carried": len(data["carried"])}
        shown[event.id] = data
    return shown
