"""Year-over-year progress: a submission beside the same questionnaire's in an earlier year.

The year is the assessment's own (app/assessments/filing.py: its campaign's, else the Hebei
calendar year of its first submission). The earlier one is the latest submitted or approved
assessment of the most recent earlier year: a year skipped is not a gap in the comparison, and
the answer names the year it compares with. Dimensions and recommendations are compared by key
and question id, so a question kept across questionnaire versions still counts; the answer says
when the questionnaire version or the scoring model changed between the two.
"""

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, select

from app.assessments.models import Assessment, Submission
from app.db import db
from app.i18n import current_language
from app.messages.assessments import YOY_NO_PREVIOUS, YOY_NO_YEAR
from app.questionnaires.representation import localise_tree
from app.questionnaires.service import published

COMPARABLE_STATUSES = ("submitted", "approved")


def previous_submission(*, assessment, year: int) -> tuple[Assessment, Submission] | None:
    """The latest submitted or approved assessment of the most recent year before `year`."""
    row = db.session.execute(
        select(Assessment, Submission)
        .join(
            Submission,
            and_(
                Submission.assessment_id == Assessment.id,
                Submission.revision == Assessment.revision,
            ),
        )
        .where(
            Assessment.enterprise_id == assessment.enterprise_id,
            Assessment.questionnaire_key == assessment.questionnaire_key,
            Assessment.status.in_(COMPARABLE_STATUSES),
            Assessment.year < year,
        )
        .order_by(Assessment.year.desc(), Assessment.submitted_at.desc(), Assessment.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (row[0], row[1])


def _change(current, previous):
    """current − previous to 1 decimal, half up as the scorer rounds (15.55 − 0 → 15.6)."""
    if current is None or previous is None:
        return None
    difference = Decimal(str(current)) - Decimal(str(previous))
    return float(difference.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def compare_results(current: dict, previous: dict) -> dict:
    """Per dimension and overall: this year's score, the earlier one and the change; and which
    of the earlier recommendations are closed, still open, or cannot be compared.

    A recommendation is closed when its question is still asked (shown, in this year's version)
    and no longer yields any recommendation; one whose question is gone or not shown this year
    is not comparable, never counted as closed.
    """
    before = {d["key"]: d for d in previous["dimensions"]}
    dimensions = []
    for d in current["dimensions"]:
        old = before.get(d["key"], {}).get("score")
        dimensions.append(
            {
                "key": d["key"],
                "title": d["title"],
                "current": d["score"],
                "previous": old,
                "change": _change(d["score"], old),
            }
        )
    asked = {row["question"] for row in current.get("trace", []) if row["status"] != "hidden"}
    still = {r["question"] for r in current["recommendations"]}
    closed, open_, gone, seen = [], [], [], set()
    for rec in previous["recommendations"]:
        if rec["question"] in seen:  # one entry per question: it is closed or not as a whole
            continue
        seen.add(rec["question"])
        item = {
            "question": rec["question"],
            "question_text": rec.get("question_text") or rec["question"],
            "text": rec["text"],
            "clause": rec["clause"],
        }
        if rec["question"] not in asked:
            gone.append(item)
        elif rec["question"] in still:
            open_.append(item)
        else:
            closed.append(item)
    return {
        "overall": {
            "current": current["overall"],
            "previous": previous["overall"],
            "change": _change(current["overall"], previous["overall"]),
        },
        "maturity": {
            "current": current["maturity"]["level"],
            "previous": previous["maturity"]["level"],
            "change": current["maturity"]["level"] - previous["maturity"]["level"],
        },
        "dimensions": dimensions,
        "closed_recommendations": closed,
        "open_recommendations": open_,
        "not_comparable_recommendations": gone,
    }


def _version(submission: Submission) -> int:
    return (
        submission.result.get("questionnaire", {}).get("version")
        or (published(submission.questionnaire_version_id)[1])
    )


def year_over_year(*, assessment, submission: Submission, lang: str | None = None) -> dict:
    """The comparison of a submitted revision with the earlier year's, in `lang` (the request's
    by default); `previous` is None (with the reason) when there is nothing to compare with."""
    lang = lang or current_language()
    body = {"year": assessment.year, "revision": submission.revision, "previous": None}
    if assessment.year is None:
        return {**body, "reason": {"code": "no_year", "message": YOY_NO_YEAR[lang]}}
    found = previous_submission(assessment=assessment, year=assessment.year)
    if found is None:
        message = YOY_NO_PREVIOUS[lang]
        return {**body, "reason": {"code": "no_previous_year", "message": message}}
    earlier, old = found
    current_version, previous_version = _version(submission), _version(old)
    comparison = compare_results(submission.result, old.result)
    return localise_tree(
        {
            **body,
            "reason": None,
            "previous": {
                "assessment_id": earlier.id,
                "revision": old.revision,
                "year": earlier.year,
                "status": earlier.status,
                "submitted_at": old.submitted_at,
                "questionnaire_version": previous_version,
                "scoring_model": old.scoring_model,
            },
            "questionnaire_version": current_version,
            "scoring_model": submission.scoring_model,
            "questionnaire_changed": current_version != previous_version,
            "scoring_model_changed": submission.scoring_model != old.scoring_model,
            **comparison,
        },
        lang,
    )
