"""Fixtures of the review tests: submitted assessments of enterprises anywhere in Hebei."""

import pytest

from tests.fixtures.actors import COMPLETE_PROFILE
from tests.fixtures.answering import complete_answers


@pytest.fixture
def submitted(make_enterprise, definition):
    """submitted(division, ...) -> (company, its submitted assessment as the submit returned it)."""

    def make(
        division="130100",
        *,
        industry="C1772",
        size="small",
        questionnaire="quality",
        choice="best",
        name=None,
        profile=None,
    ):
        if profile is None and choice == "worst":
            # The weakest firm states the three red lines its worst answers gave while they were
            # questionnaire options (they are profile facts now, docs/profile.md).
            profile = COMPLETE_PROFILE | {
                "dishonesty_list": "listed",
                "spot_check_failure": "unrectified",
                "major_accident": "major",
            }
        company = make_enterprise(division, industry, size, name=name, profile=profile)
        answers = complete_answers(definition(questionnaire), company.facts, choice)
        return company, company.submit(company.fill(questionnaire, answers))

    return make


@pytest.fixture
def regulators(make_staff):
    """Regulators of the province, 石家庄 (130100) and 唐山 (130200)."""
    return {
        "province": make_staff("regulator", jurisdiction="130000"),
        "shijiazhuang": make_staff("regulator", jurisdiction="130100"),
        "tangshan": make_staff("regulator", jurisdiction="130200"),
    }


def review(client, actor, assessment_id, **body):
    return client.post(
        f"/api/v1/assessments/{assessment_id}/review", json=body, headers=actor.headers
    )


def add_evidence(company, assessment: dict, *, status="verified", revision=1, question=None):
    """A file on a submitted revision's question that earned points, with a verdict; its question.

    Written as a row: the exports read verdicts and revisions, never the bytes.
    """
    from app.db import db
    from app.evidence.models import EvidenceFile

    if question is None:
        trace = assessment["result"]["trace"]
        applicable = [t for t in trace if t["applicable"]]
        earned = [t for t in applicable if t["contribution"] > 0]
        question = (earned or applicable)[0]["question"]
    db.session.add(
        EvidenceFile(
            assessment_id=assessment["id"],
            question_id=question,
            filename="证书.pdf",
            content_type="application/pdf",
            size=10,
            sha256="0" * 64,
            received_sha256="0" * 64,
            storage_key=f"evidence/{assessment['id']}/none.pdf",
            uploaded_by=company.user_id,
            first_revision=revision,
            verification=status,
            verification_reason="过期" if status == "rejected" else None,
        )
    )
    db.session.commit()
    return question
