"""Assessments, results and events as the API sends them (plain dicts)."""

from flask import current_app

from app.assessments.answers import progress, section_progress
from app.assessments.facts import assessment_facts, definition_of
from app.auth.models import VERIFIED
from app.i18n import current_language
from app.questionnaires.contacts import with_contacts
from app.questionnaires.representation import localise_tree
from app.questionnaires.service import published

# The status a regulator's decision leaves, and the decision that left it.
DECISIONS = {"approved": "approve", "returned": "return"}


def enterprise_ref(enterprise) -> dict:
    return {
        "id": enterprise.id,
        "name": enterprise.name,
        "uscc": enterprise.uscc,
        "region": enterprise.region,
        "industry": enterprise.industry,
        "size": enterprise.size,
        "verified": enterprise.verification == VERIFIED,
        "verified_name": enterprise.verified_name,
    }


def assessment_repr(assessment, *, include_answers: bool = True, facts: dict | None = None) -> dict:
    """The assessment with its progress, as its owner or a regulator reads it.

    facts: what its conditions are evaluated with (service.assessment_facts when not given).
    """
    definition = definition_of(assessment)
    facts = assessment_facts(assessment) if facts is None else facts
    missing, done = progress(definition, assessment.answers, facts)
    review = None
    if assessment.status in DECISIONS:
        review = {
            "decision": DECISIONS[assessment.status],
            "comment": assessment.review_comment,
            "question_comments": assessment.question_comments or {},
            # Which files to replace, and why (empty unless a return pointed at some).
            "rejected_evidence": assessment.rejected_evidence or [],
            "decided_at": assessment.decided_at,
        }
    return {
        "id": assessment.id,
        "questionnaire": {
            "key": assessment.questionnaire_key,
            "version": published(assessment.questionnaire_version_id)[1],
            "title": localise_tree(definition["title"], current_language()),
        },
        "enterprise": enterprise_ref(assessment.enterprise),
        "status": assessment.status,
        "revision": assessment.revision,
        "version": assessment.version,
        "answers": assessment.answers if include_answers else {},
        "missing": missing,
        "progress": done,
        # Only the sections with a question shown for this enterprise: their number is the
        # section count the client shows.
        "sections": localise_tree(
            section_progress(definition, assessment.answers, facts), current_language()
        ),
        # The client evaluates the same conditions offline with the same facts.
        "facts": facts,
        "review": review,
        "created_at": assessment.created_at,
        "updated_at": assessment.updated_at,
        "submitted_at": assessment.submitted_at,
        "overall": assessment.overall,
        "maturity_level": assessment.maturity_level,
        "red_flag_count": assessment.red_flag_count if assessment.revision else None,
        "campaign_id": assessment.campaign_id,
        "year": assessment.year,
        "late": bool(assessment.late),
    }


def result_repr(assessment, submission, benchmark=None) -> dict:
    """The scored result of one submitted revision, in the request's language.

    benchmark: given, or asked of the provider app/aggregates registers (none: null, with the
    reason in benchmark_reason).
    """
    result = {
        **submission.result,
        # Derived when read, not frozen: a corrected contact reaches every result.
        "recommendations": with_contacts(
            submission.result["recommendations"],
            questionnaire=assessment.questionnaire_key,
            enterprise=assessment.enterprise,
        ),
    }
    result = localise_tree(result, current_language())
    reason = None
    provider = current_app.extensions.get("benchmark")
    if benchmark is None and provider is not None:
        benchmark, reason = provider(assessment=assessment, submission=submission)
    return {
        **result,
        # From the column: results frozen before the model was recorded in them are model 1.
        "scoring_model": submission.scoring_model,
        "revision": submission.revision,
        "submitted_at": submission.submitted_at,
        "questionnaire": {
            "key": assessment.questionnaire_key,
            "version": submission.result.get("questionnaire", {}).get("version")
            or published(submission.questionnaire_version_id)[1],
        },
        "benchmark": benchmark,
        "benchmark_reason": reason,
    }


def event_repr(event, actor_name: str, data: dict | None) -> dict:
    """An event with the name shown for its actor and its data as the reader may see it."""
    return {
        "id": event.id,
        "action": event.action,
        "actor": actor_name,
        "role": event.actor_role,
        "revision": event.revision,
        "comment": event.comment,
        "data": data,
        "created_at": event.created_at,
    }
