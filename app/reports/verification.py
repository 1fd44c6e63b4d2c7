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
from app.auth.models import Enterprise
from app.db import db
from app.messages.reports import VERIFICATION_PAGE
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
    return {
        "code": report.verification_code,
        "report_number": report_number(
            submitted_at=submission.submitted_at,
            region=enterprise.region,
            submission_id=submission.id,
        ),
        "enterprise": {"name": enterprise.name, "uscc": enterprise.uscc},
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
