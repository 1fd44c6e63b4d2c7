"""Notifications: made from the domains' events after their commit, listed and marked read.

The notify_* functions are called once the state change they tell of has committed, so they
commit on their own, and they never raise: a notice that could not be written is logged, and the
decision or submission it would have told of stands.
"""

import base64
import json
import logging

from sqlalchemy import and_, func, select, update

from app.assessments.models import Assessment, Submission
from app.auth.models import Enterprise, User
from app.db import db, utcnow
from app.errors import ApiError
from app.messages.common import BAD_CURSOR
from app.notifications.email import mail_notification
from app.notifications.models import (
    APPROVED,
    REPORT_READY,
    RESUBMITTED,
    RETURNED,
    SUBMITTED,
    Notification,
)
from app.questionnaires.service import published
from app.reference.codes import PROVINCE_CODE, place_in_jurisdiction

log = logging.getLogger(__name__)


def questionnaire_title(assessment: Assessment) -> dict | str:
    """The questionnaire's title as its definition gives it ({zh, en} or one text)."""
    _, _, definition = published(assessment.questionnaire_version_id)
    return definition.get("title") or assessment.questionnaire_key


def enterprise_users(enterprise_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User).where(User.enterprise_id == enterprise_id, User.disabled.is_(False))
        )
    )


def regulators_of(enterprise: Enterprise) -> list[User]:
    """The enabled regulators whose jurisdiction holds the enterprise: the province's, its
    unit's and its county's."""
    places = {PROVINCE_CODE, enterprise.region, enterprise.county or PROVINCE_CODE}
    candidates = db.session.scalars(
        select(User).where(
            User.role == "regulator",
            User.disabled.is_(False),
            User.jurisdiction.in_(places),
        )
    )
    return [
        u
        for u in candidates
        if place_in_jurisdiction(
            region=enterprise.region, county=enterprise.county, jurisdiction=u.jurisdiction
        )
    ]


def add_notification(
    *, recipient: User, kind: str, params: dict, assessment_id=None, revision=None, campaign_id=None
) -> Notification | None:
    """Add a notice (flushed), and its email where the recipient has one; None if told already."""
    if assessment_id is not None:
        told = db.session.scalar(
            select(Notification.id).where(
                Notification.recipient_id == recipient.id,
                Notification.kind == kind,
                Notification.assessment_id == assessment_id,
                Notification.revision == revision,
            )
        )
        if told:
            return None
    notice = Notification(
        recipient_id=recipient.id,
        kind=kind,
        assessment_id=assessment_id,
        revision=revision,
        campaign_id=campaign_id,
        params=params,
        created_at=utcnow(),
    )
    db.session.add(notice)
    db.session.flush()
    mail_notification(notice, recipient)
    return notice


def _after_commit(what: str, make) -> None:
    """Run make() in its own transaction; log and drop a failure, and send what it queued."""
    from app.mail.service import send_queued

    try:
        make()
        db.session.commit()
    except Exception:  # the change it tells of has committed: its response must not turn to 500
        db.session.rollback()
        log.exception("could not record the %s notification", what)
        return
    send_queued()


def _tell_enterprise(assessment: Assessment, kind: str, **params) -> None:
    base = {"questionnaire": questionnaire_title(assessment), "revision": assessment.revision}
    for user in enterprise_users(assessment.enterprise_id):
        add_notification(
            recipient=user,
            kind=kind,
            params=base | params,
            assessment_id=assessment.id,
            revision=assessment.revision,
            campaign_id=assessment.campaign_id,
        )


def notify_decision(assessment: Assessment) -> None:
    """Tell the enterprise that its submission was returned (with the reasons) or approved."""
    if assessment.status == "returned":
        _after_commit(
            RETURNED,
            lambda: _tell_enterprise(assessment, RETURNED, comment=assessment.review_comment),
        )
    elif assessment.status == "approved":
        _after_commit(APPROVED, lambda: _tell_enterprise(assessment, APPROVED))


def notify_report_ready(report) -> None:
    """Tell the enterprise that the report of a submitted revision can be downloaded."""

    def make():
        submission = db.session.get(Submission, report.submission_id)
        assessment = db.session.get(Assessment, submission.assessment_id)
        params = {"questionnaire": questionnaire_title(assessment), "revision": submission.revision}
        for user in enterprise_users(assessment.enterprise_id):
            add_notification(
                recipient=user,
                kind=REPORT_READY,
                params=params,
                assessment_id=assessment.id,
                revision=submission.revision,
            )

    _after_commit(REPORT_READY, make)


def notify_submitted(assessment_id: int) -> None:
    """Tell the regulators of the enterprise's jurisdiction of a submission or resubmission."""

    def make():
        assessment = db.session.get(Assessment, assessment_id)
        enterprise = db.session.get(Enterprise, assessment.enterprise_id)
        kind = SUBMITTED if assessment.revision == 1 else RESUBMITTED
        params = {
            "questionnaire": questionnaire_title(assessment),
            "revision": assessment.revision,
            "enterprise": enterprise.name,
        }
        for user in regulators_of(enterprise):
            add_notification(
                recipient=user,
                kind=kind,
                params=params,
                assessment_id=assessment.id,
                revision=assessment.revision,
            )

    _after_commit(SUBMITTED, make)


# --- reading -----------------------------------------------------------------------------------


def _cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"id": last_id}).encode()).decode()


def _cursor_id(cursor: str) -> int:
    try:
        last_id = json.loads(base64.urlsafe_b64decode(cursor.encode())).get("id")
    except (ValueError, UnicodeDecodeError, AttributeError) as error:
        raise ApiError(422, errors={"cursor": [BAD_CURSOR]}) from error
    if not isinstance(last_id, int) or isinstance(last_id, bool) or not 0 < last_id < 2**63:
        raise ApiError(422, errors={"cursor": [BAD_CURSOR]})
    return last_id


def list_notifications(
    *, user_id: int, unread: bool | None = None, cursor: str | None = None, limit: int = 20
) -> tuple[list[Notification], str | None]:
    """A page of the user's own notices, newest first, and the next page's cursor."""
    query = select(Notification).where(Notification.recipient_id == user_id)
    if unread is True:
        query = query.where(Notification.read_at.is_(None))
    elif unread is False:
        query = query.where(Notification.read_at.is_not(None))
    if cursor:
        query = query.where(Notification.id < _cursor_id(cursor))
    rows = list(db.session.scalars(query.order_by(Notification.id.desc()).limit(limit + 1)))
    after = _cursor(rows[limit - 1].id) if len(rows) > limit else None
    return rows[:limit], after


def count_unread(*, user_id: int) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.recipient_id == user_id, Notification.read_at.is_(None))
    )


def mark_read(*, user_id: int, notification_id: int | None = None) -> int:
    """Mark one of the user's notices read (or all of them); how many changed."""
    conditions = [Notification.recipient_id == user_id, Notification.read_at.is_(None)]
    if notification_id is not None:
        conditions.append(Notification.id == notification_id)
    return db.session.execute(
        update(Notification)
        .where(and_(*conditions))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount


def own_notification(*, user_id: int, notification_id: int) -> Notification | None:
    return db.session.scalar(
        select(Notification).where(
            Notification.id == notification_id, Notification.recipient_id == user_id
        )
    )
