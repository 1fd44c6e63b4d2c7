"""A report compares with the same questionnaire's earlier year, frozen as it stood at issue."""

import subprocess
from pathlib import Path

from sqlalchemy import select, update

from app.assessments.models import Assessment
from app.db import db
from app.reports.models import Report
from tests.fixtures.answering import complete_answers
from tests.reports.conftest import needs_poppler, pdf_text

pytestmark = needs_poppler
ARTIFACTS = Path(__file__).resolve().parents[1] / "_artifacts" / "reports"


def two_years(make_enterprise, definition):
    """A firm that filed weakly in 2025 and half at its best in 2026: (firm, 2025, 2026)."""
    firm = make_enterprise(name="石家庄恒信纺织有限公司")
    quality = definition("quality")
    best = complete_answers(quality, firm.facts, "best")
    better = dict(list(best.items())[: len(best) // 2])
    filed = []
    for year, answers in (
        (2025, complete_answers(quality, firm.facts, "worst")),
        (2026, complete_answers(quality, firm.facts, "middle", better)),
    ):
        body = firm.submit(firm.fill("quality", answers, batches=1))
        db.session.execute(update(Assessment).where(Assessment.id == body["id"]).values(year=year))
        db.session.commit()
        filed.append(body)
    return firm, *filed


def report(client, firm, assessment_id, lang="zh"):
    response = client.get(
        f"/api/v1/assessments/{assessment_id}/report.pdf?lang={lang}", headers=firm.headers
    )
    assert response.status_code == 200
    return response.data


def test_a_second_year_report_shows_the_change_and_the_closed_advice(
    client, make_enterprise, definition, tmp_path
):
    firm, before, after = two_years(make_enterprise, definition)
    pdf = report(client, firm, after["id"])
    text = pdf_text(pdf, tmp_path).replace(" ", "")
    assert "与2025年相比" in text and "上一年度建议的落实情况" in text
    change = round(after["result"]["overall"] - before["result"]["overall"], 1)
    assert f"▲+{change:.1f}" in text
    (context,) = [c for c in db.session.scalars(select(Report.context)) if c]
    progress = context["progress"]
    assert progress["previous_year"] == 2025 and progress["year"] == 2026
    assert progress["closed"] and progress["closed"][0]["question_text"][:8] in text
    # Keep the pages to look at (pdftoppm -png).
    (tmp_path / "progress.pdf").write_bytes(pdf)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pages = ["pdftoppm", "-png", "-r", "70", "-f", "2", "-l", "4"]
    subprocess.run(
        [*pages, str(tmp_path / "progress.pdf"), str(ARTIFACTS / "progress")], check=True
    )


def test_the_comparison_is_frozen_when_the_report_is_issued(
    client, make_enterprise, definition, tmp_path
):
    firm, before, after = two_years(make_enterprise, definition)
    report(client, firm, after["id"])
    # Last year's is returned afterwards: the issued report still says what was true then.
    db.session.execute(
        update(Assessment).where(Assessment.id == before["id"]).values(status="returned")
    )
    db.session.commit()
    text = pdf_text(report(client, firm, after["id"]), tmp_path).replace(" ", "")
    assert "与2025年相比" in text
    live = client.get(
        f"/api/v1/assessments/{after['id']}/year-over-year", headers=firm.headers
    ).get_json()
    assert live["previous"] is None


def test_a_first_year_report_has_no_comparison(client, make_enterprise, definition, tmp_path):
    firm = make_enterprise()
    answers = complete_answers(definition("quality"), firm.facts, "middle")
    body = firm.submit(firm.fill("quality", answers, batches=1))
    text = pdf_text(report(client, firm, body["id"]), tmp_path).replace(" ", "")
    assert "上一年度建议" not in text
    (context,) = [c for c in db.session.scalars(select(Report.context)) if c]
    assert context["progress"] is None


def test_the_english_report_compares_too(client, make_enterprise, definition, tmp_path):
    firm, _, after = two_years(make_enterprise, definition)
    text = pdf_text(report(client, firm, after["id"], "en"), tmp_path)
    assert "Comparedwith2025" in text and "Lastyear'srecommendations" in text
