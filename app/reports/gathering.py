"""What a report is built from, gathered when it is rendered: the submission and its version,
the peer benchmark and the comparison with the earlier year, as they stand at issue."""

import logging

from flask import current_app

from app.assessments.models import Assessment, Submission
from app.assessments.yearly import year_over_year
from app.db import db
from app.questionnaires.service import published

from .build import build_context
from .models import Report

log = logging.getLogger(__name__)


def context_for(report: Report) -> dict:
    """The context of a report, from its submission and the questionnaire version it was for."""
    submission = db.session.get(Submission, report.submission_id)
    assessment = db.session.get(Assessment, submission.assessment_id)
    _, version, definition = published(submission.questionnaire_version_id)
    return build_context(
        submission=submission,
        enterprise=assessment.enterprise,
        definition=definition,
        questionnaire_version=version,
        code=report.verification_code,
        generated_at=report.created_at,
        lang=report.lang,
        base_url=current_app.config["PUBLIC_BASE_URL"],
        benchmark=benchmark_for(assessment, submission),
        number=report.number,
        # Against the earlier year as it stands at issue; the stored context keeps it so.
        progress=year_over_year(assessment=assessment, submission=submission, lang=report.lang),
    )


def benchmark_for(assessment: Assessment, submission: Submission) -> dict | None:
    """The peer benchmark at render time, from the provider app/aggregates registers (the one
    the result screen reads, `app.extensions["benchmark"]`); None without one.

    A benchmark is a nicety: when it fails, the report goes out without it.
    """
    provider = current_app.extensions.get("benchmark")
    if provider is None:
        return None
    try:
        return provider(assessment=assessment, submission=submission)[0]
    except Exception:
        db.session.rollback()  # a failed query must not poison the render's own transaction
        log.exception("no benchmark for submission %s; rendering without it", submission.id)
        return None
