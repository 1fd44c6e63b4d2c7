"""Evidence in aggregates: per question and dimension, the shares of enterprises with a file and
with a verified one, suppressed like every other figure; never a file, a name or a count of one
enterprise's files."""

import csv
import io
import time

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
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


def _export(client, actor, kind, **params):
    params = {"questionnaire": "quality", "industry": "C17", **params}
    return client.get(f"/api/v1/aggregates/{kind}", query_string=params, headers=actor.headers)


def _evidence_rows(raw: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    return [r for r in rows if r[0] in ("证明材料", "evidence")]


def test_the_exports_carry_the_evidence_shares_withheld_as_on_screen(
    towel_makers, snapshot, make_staff, aggregates, client, definition
):
    _, dimension = towel_makers
    snapshot()
    association = make_staff("association", industries=["C17"])
    body = aggregates(association).get_json()
    shares = body["total"]["evidence"]
    title = next(d["title"] for d in body["total"]["dimensions"] if d["key"] == dimension)
    rows = _evidence_rows(_export(client, association, "export.csv").data)
    # The CSV: one row per dimension, then per question, each with both shares or empty cells.
    assert len(rows) == len(shares["dimensions"]) + len(shares["questions"])
    by_item = {(r[6], r[7]): r for r in rows}
    shown = by_item[("维度", title)]
    assert shown[5] == "" and shown[8:] == ["0.5", "0.5"]
    texts = {q["id"]: q["text"] for s in definition("quality")["sections"] for q in s["questions"]}
    for key, pair in shares["questions"].items():
        row = by_item[("题目", texts[key]["zh"] if isinstance(texts[key], dict) else texts[key])]
        expected = ["" if v is None else str(v) for v in (pair["attached"], pair["verified"])]
        assert row[8:] == expected
        assert row[5] == ("是" if None in pair.values() else "")
    # The workbook: an evidence sheet with numbers, and empty cells where the screen has "—".
    workbook = load_workbook(io.BytesIO(_export(client, association, "export.xlsx").data))
    assert workbook.sheetnames[-1] == "evidence"
    sheet = [r for r in workbook["evidence"].iter_rows(min_row=2, values_only=True)]
    assert (title, 0.5, 0.5) in {(r[6], r[7], r[8]) for r in sheet}
    withheld = [r for r in sheet if r[4] == "是"]
    assert withheld and all(r[7] is None and r[8] is None for r in withheld)
    # The PDF: the dimension's shares beside the other groups' figures.
    raw = _export(client, association, "report.pdf").data
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
    assert "证明材料（按维度）" in text and "50.0%" in text


def test_a_small_groups_evidence_is_never_in_an_export(
    population, definition, snapshot, make_staff, client
):
    """Six of six attached: withheld on screen (no one left out), so empty in every file."""
    question, _ = _evidence_question(definition)
    for enterprise_id in [population(industry="C1772") for _ in range(6)]:
        _attach(enterprise_id, question, "verified")
    snapshot()
    association = make_staff("association", industries=["C17"])
    rows = _evidence_rows(_export(client, association, "export.csv").data)
    assert rows and all(r[5] == "是" and r[8:] == ["", ""] for r in rows)
    raw = _export(client, association, "report.pdf").data
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
    assert "各维度占比均不公布" in text and "100.0%" not in text


def test_an_export_job_carries_the_evidence_shares(towel_makers, snapshot, make_staff, client):
    snapshot()
    association = make_staff("association", industries=["C17"])
    response = client.post(
        "/api/v1/exports",
        json={"kind": "aggregates", "format": "csv", "filters": {"questionnaire": "quality"}},
        headers=association.headers,
    )
    assert response.status_code == 202, response.get_json()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = client.get(response.headers["Location"], headers=association.headers).get_json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["state"] == "done", job.get("error")
    raw = client.get(job["download"], headers=association.headers).data
    streamed = _export(client, association, "export.csv").data
    assert _evidence_rows(raw) == _evidence_rows(streamed)
    assert any(r[8:] == ["0.5", "0.5"] for r in _evidence_rows(raw))
