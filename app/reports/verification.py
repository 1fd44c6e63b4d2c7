"""What a verification code confirms about the report that carries it: for anyone, no login.

A bank or a customer handed a printed or e-mailed report enters the code (or scans the QR code)
and compares: company, questionnaire, revision, score, level, date, and the SHA-256 of the PDF
file. The code is 80 random bits, so knowing one means holding the report.
"""

import hashlib
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from sqlalchemy import select

from app.assessments.filters import CHINA
from app.assessments.models import Assessment, Submission
from app.audit.models import REVOKE_CODE
from app.audit.service import record_event
from app.auth.models import VERIFIED, Enterprise
from app.auth.policy import can_see_enterprise
from app.auth.verification import shown_name
from app.db import db, utcnow
from app.i18n import localise
from app.messages.identity import UNVERIFIED_NOTICE
from app.messages.report_verification import VERIFICATION_PAGE
from app.messages.scoring import LEVEL_TEXTS
from app.questionnaires.representation import localise_tree
from app.questionnaires.service import published

from .build import report_number
from .i18n import format_date
from .models import Report, normalise_code


def verify_code(*, code: str, lang: str) -> dict | None:
    """The facts behind a code as the API sends them; None for an unknown or malformed code."""
    canonical = normalise_code(code)
    if canonical is None:
        return None
    row = db.session.execute(
        select(Report, Submission, Assessment, Enterprise)
        .join(Submission, Submission.id == Report.submission_id)
        .join(Assessment, Assessment.id == Submission.assessment_id)
        .join(Enterprise, Enterprise.id == Assessment.enterprise_id)
        .where(Report.verification_code == canonical)
    ).one_or_none()
    if row is None:
        return None
    report, submission, assessment, enterprise = row
    key, version, definition = published(submission.questionnaire_version_id)
    ready = report.status == "ready"
    verified = enterprise.verification == VERIFIED
    return {
        "code": report.verification_code,
        "report_number": report_number(
            submitted_at=submission.submitted_at,
            region=enterprise.region,
            submission_id=submission.id,
            number=report.number,
        ),
        "enterprise": {
            # The checked name where there is one; otherwise the declared one, marked so.
            "name": shown_name(enterprise, lang),
            "declared_name": enterprise.name,
            "uscc": enterprise.uscc or enterprise.released_uscc,
            "verified": verified,
        },
        "notice": None if verified else localise(UNVERIFIED_NOTICE, lang),
        "review": review_state(assessment, submission),
        "revoked": (
            {"at": report.revoked_at, "reason": report.revoked_reason}
            if report.revoked_at
            else None
        ),
        "questionnaire": {
            "key": key,
            "title": localise_tree(definition["title"], lang),
            "version": version,
        },
        "revision": submission.revision,
        "submitted_at": submission.submitted_at,
        "overall": submission.overall,
        "maturity": {
            "level": submission.maturity_level,
            # The name the level had under the model that gave it, as the report printed it.
            "label": localise_tree(
                LEVEL_TEXTS[submission.scoring_model][submission.maturity_level]["label"], lang
            ),
        },
        "superseded": assessment.revision > submission.revision,
        "document": {
            "lang": report.lang,
            "status": report.status,
            "sha256": report.sha256 if ready else None,
            "size": report.size if ready else None,
            "rendered_at": report.rendered_at if ready else None,
        },
    }


def review_state(assessment, submission) -> dict:
    """approved, returned, waiting (for the regulator) or superseded (a later revision exists)."""
    if assessment.revision > submission.revision:
        state = "superseded"
    else:
        state = {"approve": "approved", "return": "returned"}.get(submission.decision, "waiting")
    return {"state": state, "decided_at": submission.decided_at}


def revoke_code(*, code: str, reason: str, by) -> dict | None:
    """Withdraw a report's code (both languages of its revision) for a regulator in scope.

    None when there is no such code or it lies outside the regulator's reach (404 either way).
    A code revoked already keeps its first revocation.
    """
    canonical = normalise_code(code)
    report = db.session.scalar(select(Report).where(Report.verification_code == canonical))
    if report is None:
        return None
    submission = db.session.get(Submission, report.submission_id)
    assessment = db.session.get(Assessment, submission.assessment_id)
    if not can_see_enterprise(assessment.enterprise, by):
        return None
    siblings = db.session.scalars(
        select(Report).where(Report.submission_id == report.submission_id)
    )
    now = utcnow()
    for row in siblings:
        if row.revoked_at is None:
            row.revoked_at, row.revoked_reason, row.revoked_by = now, reason, by.id
    db.session.flush()
    record_event(
        action=REVOKE_CODE,
        role=by.role,
        user_id=by.id,
        assessment_id=assessment.id,
        status=200,
        in_session=True,
        filters={"code": canonical, "revision": submission.revision, "reason": reason},
    )
    return {"assessment_id": assessment.id}


def matches(facts: dict, pdf: bytes) -> bool:
    """Whether these bytes are exactly the verified report."""
    expected = facts["document"]["sha256"]
    return expected is not None and hashlib.sha256(pdf).hexdigest() == expected


_pages = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    undefined=StrictUndefined,
)


def verify_page(facts: dict | None, lang: str) -> str:
    """The verification as a small self-contained HTML page, for a phone that scanned the code."""
    submitted = ""
    if facts:
        submitted = format_date(facts["submitted_at"].astimezone(CHINA).isoformat(), lang)
    return _pages.get_template("verify.html.j2").render(
        facts=facts,
        lang=lang,
        T=VERIFICATION_PAGE.get(lang, VERIFICATION_PAGE["zh"]),
        submitted=submitted,
    )
