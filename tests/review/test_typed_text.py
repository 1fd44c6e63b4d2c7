"""What users typed, in review: comments refuse controls; exports survive what is already stored."""

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import update

from app.assessments.models import Submission
from app.auth.models import Enterprise
from app.db import db
from tests.review.conftest import review
from tests.review.test_export_copy import awkward  # noqa: F401 (fixture)

STORED = "控制字符\x07公司\u202e\x00"


def test_a_review_comment_with_a_bidi_override_is_422_naming_it(client, submitted, regulators):
    _, assessment = submitted("130100")
    regulator = regulators["shijiazhuang"]
    response = review(
        client, regulator, assessment["id"], decision="return", comment="请补充\u202e资料"
    )
    assert response.status_code == 422
    assert "U+202E" in response.get_json()["errors"]["comment"][0]
    response = review(
        client,
        regulator,
        assessment["id"],
        decision="return",
        comment="请补充资料",
        question_comments={"q1": "说明\x1b"},
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["question_comments.q1.value"]
    # Lines stay allowed in a comment.
    ok = review(client, regulator, assessment["id"], decision="return", comment="第一\n第二")
    assert ok.status_code == 200, ok.get_json()


def _store_raw_text(company, assessment_id):
    """Write text the API now refuses straight into the database, as older rows may hold."""
    name = STORED.replace("\x00", "") if db.engine.dialect.name == "postgresql" else STORED
    db.session.execute(
        update(Enterprise).where(Enterprise.id == company.enterprise_id).values(name=name)
    )
    submission = db.session.scalars(
        Submission.__table__.select().where(Submission.assessment_id == assessment_id)
    ).first()
    result = dict(db.session.get(Submission, submission).result)
    recommendations = [dict(r) for r in result["recommendations"]]
    recommendations[0]["text"] = "=HYPERLINK(\x1b\u202e)"
    recommendations[0]["question_text"] = "问题\x0b"
    result["recommendations"] = recommendations
    db.session.execute(
        update(Submission)
        .where(Submission.id == submission)
        .values(result=result, decision_comment="=1+1\x01")
    )
    db.session.commit()


def test_control_characters_already_stored_do_not_break_any_export(client, submitted, regulators):
    company, assessment = submitted("130100", choice="worst")
    _store_raw_text(company, assessment["id"])
    for regulator in (regulators["shijiazhuang"], regulators["province"]):
        response = client.get("/api/v1/assessments/export.xlsx", headers=regulator.headers)
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
        row = [cell.value for cell in next(sheet.iter_rows(min_row=2, max_row=2))]
        assert row[0].startswith("控制字符\ufffd公司\ufffd")
        assert row[-1] == "=1+1\ufffd"  # a string cell, not a formula
        assert next(sheet.iter_rows(min_row=2, max_row=2))[-1].data_type == "s"
        response = client.get("/api/v1/assessments/export.csv", headers=regulator.headers)
        assert response.status_code == 200
        rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
        assert rows[1][0].startswith("控制字符\ufffd公司\ufffd")
        assert rows[1][-1] == "'=1+1\ufffd"
    base = f"/api/v1/assessments/{assessment['id']}"
    response = client.get(f"{base}/plan.xlsx", headers=company.headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    assert sheet.cell(2, 2).value == "问题\ufffd"
    assert sheet.cell(2, 4).value == "=HYPERLINK(\ufffd\ufffd)"
    assert sheet.cell(2, 4).data_type == "s"
    response = client.get(f"{base}/plan.csv", headers=company.headers)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[1][3] == "'=HYPERLINK(\ufffd\ufffd)"


def test_xlsx_writes_every_formula_looking_name_as_a_string(client, awkward, regulators):  # noqa: F811
    response = client.get("/api/v1/assessments/export.xlsx", headers=regulators["province"].headers)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    names = {row[0].value: row[0].data_type for row in sheet.iter_rows(min_row=2)}
    for name in ('=HYPERLINK("http://x","点我")', "+86 公司", "-1 公司", "@SUM(A1) 公司"):
        assert names[name] == "s", name  # typed text, never a formula, and not prefixed
    assert "控制\ufffd字符\ufffd反向\u200d连接" in names
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
