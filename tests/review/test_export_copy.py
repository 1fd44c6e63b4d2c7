"""The submissions CSV through PostgreSQL's COPY is byte for byte the portable path's CSV."""

import csv
import io
import time
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from app.assessments.models import Submission
from app.auth.models import Enterprise, User
from app.db import db
from app.review import export_copy
from app.review.exports import csv_chunks, export_table
from tests.conftest import TEST_DB
from tests.review.conftest import add_evidence

postgresql_only = pytest.mark.skipif(TEST_DB != "postgresql", reason="COPY is PostgreSQL's")

# Names a spreadsheet would run, CSV would split, or a screen would show reversed.
NAMES = [
    '=HYPERLINK("http://x","点我")',
    "+86 公司",
    "-1 公司",
    "@SUM(A1) 公司",
    "\t制表符开头",
    "\r回车开头",
    '逗号,引号"与\n换行',
    "控制\x07字符\u202e反向\u200d连接",
    "普通公司",
]
COMMENTS = ["=1+1", '第一行\r\n第二行, "引用"', "", "  ", "-", "\x1b", None, "'已有撇号", "好"]


@pytest.fixture
def awkward(submitted, regulators):
    """Nine submissions whose stored text is everything a CSV writer can get wrong."""
    made = []
    for index, name in enumerate(NAMES):
        division = ("130100", "130203", "130181")[index % 3]
        questionnaire = ("quality", "brand", "quality")[index % 3]
        choice = ("best", "worst", "middle")[index % 3]
        company, assessment = submitted(division, questionnaire=questionnaire, choice=choice)
        made.append((company, assessment))
        db.session.execute(
            update(Enterprise)
            .where(Enterprise.id == company.enterprise_id)
            .values(name=name, industry="Z9999" if index == 4 else "C1772")
        )
        submission = db.session.scalars(
            select(Submission).where(Submission.assessment_id == assessment["id"])
        ).one()
        submission.decision_comment = COMMENTS[index]
        if index % 2:
            submission.decision = "approve" if index % 4 == 1 else "return"
            submission.decided_at = datetime(2026, 3, 1, 16, 30, 59, 999999, tzinfo=UTC)
        if index == 2:
            submission.overall = 1 / 3  # a float with every digit: repr, not a rounded figure
        if index == 5:
            result = dict(submission.result)
            dimensions = [dict(d) for d in result["dimensions"]]
            dimensions[0]["score"] = None
            result["dimensions"] = dimensions
            submission.result = result
    db.session.commit()
    # Verified evidence on three of them (one whose first dimension has no score), a rejected
    # file on another: their 「已核验」 cells come from Python in both paths.
    for index in (0, 1, 5):
        add_evidence(*made[index])
    add_evidence(*made[3], status="rejected")
    return made


def portable(user, filters, lang) -> bytes:
    header, rows = export_table(principal=user, filters=filters, lang=lang)
    return b"".join(csv_chunks(header, rows))


def copied(user, filters, lang) -> tuple[bytes, int]:
    out = io.BytesIO()
    rows = export_copy.copy_csv(principal=user, filters=filters, lang=lang, write=out.write)
    return out.getvalue(), rows


@postgresql_only
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    "filters",
    [{}, {"questionnaire": "quality"}, {"q": "公司"}, {"status": "returned"}, {"q": "%_"}],
    ids=["all", "one-questionnaire", "search", "status", "like-characters"],
)
def test_copy_writes_the_same_bytes_as_the_portable_path(awkward, regulators, filters, lang):
    for who in ("province", "shijiazhuang"):
        user = db.session.get(User, regulators[who].user_id)
        expected = portable(user, filters, lang)
        got, rows = copied(user, filters, lang)
        assert got == expected, (who, filters, lang)
        lines = list(csv.reader(io.StringIO(expected.decode("utf-8-sig"), newline="")))
        assert rows == len(lines) - 1


@postgresql_only
def test_copy_defuses_formulas_and_cleans_stored_controls(awkward, regulators):
    user = db.session.get(User, regulators["province"].user_id)
    got, rows = copied(user, {}, "zh")
    table = list(csv.reader(io.StringIO(got.decode("utf-8-sig"), newline="")))
    assert rows == len(NAMES) == len(table) - 1
    names = {row[0] for row in table[1:]}
    assert '\'=HYPERLINK("http://x","点我")' in names
    assert {"'+86 公司", "'-1 公司", "'@SUM(A1) 公司", "'\t制表符开头", "'\r回车开头"} <= names
    assert "控制\ufffd字符\ufffd反向\u200d连接" in names  # ZWJ kept: scripts and emoji need it
    comments = {row[-1] for row in table[1:]}
    assert {"'=1+1", "'-", "\ufffd", "'已有撇号"} <= comments
    assert table[0][0] == "企业名称"


@postgresql_only
def test_a_job_on_postgresql_writes_through_copy(app, awkward, regulators, monkeypatch):
    calls = []
    original = export_copy.copy_csv
    monkeypatch.setattr(export_copy, "copy_csv", lambda **kw: calls.append(1) or original(**kw))
    province = regulators["province"]
    response = province.client.post(
        "/api/v1/exports",
        json={"kind": "submissions", "format": "csv", "filters": {}},
        headers=province.headers,
    )
    assert response.status_code == 202, response.get_json()
    location = response.headers["Location"]
    for _ in range(600):
        job = province.client.get(location, headers=province.headers).get_json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["state"] == "done", job["error"]
    assert calls == [1] and job["rows_written"] == len(NAMES)
    body = province.client.get(job["download"], headers=province.headers).data
    user = db.session.get(User, province.user_id)
    assert body == portable(user, {}, "zh")


def test_rows_end_crlf_outside_quotes_even_across_batches():
    rows, quoted, out = 0, False, b""
    for batch in (b'a,"x\ny', b'""z"\nb,c\n"', b'\n"\n'):
        data, count, quoted = export_copy._crlf(batch, quoted)
        rows, out = rows + count, out + data
    assert out == b'a,"x\ny""z"\r\nb,c\r\n"\n"\r\n' and rows == 3 and not quoted
