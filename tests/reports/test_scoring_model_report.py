"""A report draws the level, the scale and the dimension levels of its result's own model."""

from sqlalchemy import select

from app.assessments.models import Assessment, Submission
from app.db import db
from app.reports.models import Report
from app.scoring import score
from tests.reports.conftest import needs_poppler, pdf_text

pytestmark = needs_poppler


def report_text(client, company, assessment_id, tmp_path) -> str:
    response = client.get(
        f"/api/v1/assessments/{assessment_id}/report.pdf", headers=company.headers
    )
    assert response.status_code == 200
    return pdf_text(response.data, tmp_path).replace(" ", "")


def test_a_model_2_report_shows_dimension_levels_and_the_new_scale(client, submitted, tmp_path):
    company, body = submitted("quality")
    text = report_text(client, company, body["id"], tmp_path)
    for name in ("起步", "基础", "规范", "改进", "标杆"):
        assert name in text
    assert "卓越领先级" not in text and "第4级＋结果门槛" in text
    assert "总体等级不高于最弱维度等级加一级" in text
    levels = [d["level"] for d in body["result"]["dimensions"] if d["level"]]
    assert levels and all(f"{n}级" in text for n in levels)


def test_a_model_1_submission_keeps_its_level_and_scale_in_its_report(
    app, client, submitted, definition, tmp_path
):
    company, body = submitted("quality")
    with app.app_context():
        submission = db.session.scalars(
            select(Submission).where(Submission.assessment_id == body["id"])
        ).one()
        # As frozen before model 2: model 1's result, with no model or dimension level in it.
        old = score(definition("quality"), submission.answers, submission.facts, model=1)
        del old["scoring_model"]
        for d in old["dimensions"]:
            del d["level"]
        submission.result, submission.scoring_model = old, 1
        submission.maturity_level = old["maturity"]["level"]
        db.session.get(Assessment, body["id"]).maturity_level = old["maturity"]["level"]
        db.session.commit()
        label = old["maturity"]["label"]["zh"]
    text = report_text(client, company, body["id"], tmp_path)
    assert label in text and "卓越领先级" in text and "第4级＋结果门槛" not in text
    assert "总体等级不高于最弱维度等级加一级" not in text
    with app.app_context():
        code = db.session.scalars(select(Report.verification_code)).first()
    facts = client.get(f"/api/v1/reports/verify/{code}").get_json()
    assert facts["maturity"] == {"level": old["maturity"]["level"], "label": label}
