"""Evidence in aggregates: per question and dimension, the shares of enterprises with a file and
with a verified one, suppressed like every other figure; never a file, a name or a count of one
enterprise's files."""

import pytest
from sqlalchemy import select

from app.assessments.models import Assessment, Submission
from app.auth.models import User
from app.db import db
from app.evidence.models import EvidenceFile


def _evidence_question(definition) -> tuple[str, str]:
    """The quality questionnaire's first scored question taking files, and its dimension."""
    for section in definition("quality")["sections"]:
        for q in section["questions"]:
            if q.get("evidence") and q["weight"]:
                return q["id"], q["dimension"]
    raise AssertionError("quality declares evidence")


def _attach(enterprise_id: int, question: str, status: str = "pending") -> None:
    """A file on the enterprise's submitted revision (a row: aggregates never read bytes)."""
    submission = db.session.execute(
        select(Submission.assessment_id, Submission.revision)
        .join(Assessment, Assessment.id == Submission.assessment_id)
        .where(Assessment.enterprise_id == enterprise_id)
        .order_by(Submission.id.desc())
    ).first()
    user = db.session.scalar(select(User.id).where(User.enterprise_id == enterprise_id))
    db.session.add(
        EvidenceFile(
            assessment_id=submission.assessment_id,
            question_id=question,
            filename="质量管理体系认证证书.pdf",
            content_type="application/pdf",
            size=1000,
            sha256="0" * 64,
            received_sha256="0" * 64,
            storage_key="evidence/x.pdf",
            uploaded_by=user,
            first_revision=submission.revision,
            verification=status,
        )
    )
    db.session.commit()


@pytest.fixture
def towel_makers(population, definition):
    """Ten towel makers; five attached a file on the question and had it verified."""
    question, dimension = _evidence_question(definition)
    ids = [population(industry="C1772") for _ in range(10)]
    for enterprise_id in ids[:5]:
        _attach(enterprise_id, question, "verified")
    _attach(ids[0], question, "rejected")  # a second file of one enterprise counts once
    return question, dimension


def test_associations_see_the_shares_of_enterprises_with_files_and_verified_ones(
    towel_makers, snapshot, make_staff, aggregates
):
    question, dimension = towel_makers
    snapshot()
    association = make_staff("association", industries=["C17"])
    response = aggregates(association)
    assert response.status_code == 200, response.get_json()
    total = response.get_json()["total"]
    assert total["n"] == 10
    # Five of ten, and five not: both sides at least k = 5, so shown.
    assert total["evidence"]["questions"][question] == {"attached": 0.5, "verified": 0.5}
    assert total["evidence"]["dimensions"][dimension] == {"attached": 0.5, "verified": 0.5}
    # None of ten is a share with fewer than k counted: suppressed like an option nobody chose.
    others = [q for q in total["evidence"]["questions"] if q != question]
    assert others and total["evidence"]["questions"][others[0]] == {
        "attached": None,
        "verified": None,
    }
    # The answers' shares stay the questionnaire's own questions; no file reaches anyone.
    assert not any(q.startswith("ev:") for q in total["questions"])
    assert "证书" not in response.get_data(as_text=True)


def test_a_small_share_is_suppressed_like_any_other(
    population, definition, snapshot, make_staff, aggregates
):
    """Six of six attached (no one left out) and one of six verified: both would isolate."""
    question, dimension = _evidence_question(definition)
    ids = [population(industry="C1772") for _ in range(6)]
    for index, enterprise_id in enumerate(ids):
        _attach(enterprise_id, question, "verified" if index == 0 else "pending")
    snapshot()
    association = make_staff("association", industries=["C17"])
    total = aggregates(association).get_json()["total"]
    assert total["n"] == 6 and total["suppressed"] is False
    assert total["evidence"]["questions"][question] == {"attached": None, "verified": None}
    assert total["evidence"]["dimensions"][dimension] == {"attached": None, "verified": None}


def test_a_regulators_live_read_counts_the_files_too(towel_makers, make_staff, aggregates):
    question, _ = towel_makers
    regulator = make_staff("regulator", jurisdiction="130100")
    body = aggregates(regulator, live=True).get_json()
    assert body["total"]["evidence"]["questions"][question] == {"attached": 0.5, "verified": 0.5}
