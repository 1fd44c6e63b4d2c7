"""The report's plan names whom to contact (the county bureau first) and explains each once."""

import io

import pytest
from pypdf import PdfReader

from app.reports.render import contact_directory


def pdf_text(pdf: bytes) -> str:
    """The text of every page, without whitespace (a line break must not hide a phrase)."""
    reader = PdfReader(io.BytesIO(pdf))
    return "".join("".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.parametrize(("lang", "local"), [("zh", "高阳县市场监督管理局"), ("en", "高阳县")])
def test_the_report_names_the_county_bureau_and_the_ip_office_for_trademarks(
    client, submitted, render_at_submit, lang, local
):
    company, body = submitted("brand", division="130628", name="高阳县某某毛巾有限公司")
    response = client.get(
        f"/api/v1/assessments/{body['id']}/report.pdf?lang={lang}", headers=company.headers
    )
    assert response.status_code == 200
    text = pdf_text(response.data)
    if lang == "zh":
        assert "联系机构一览" in text
        assert "河北省知识产权局" in text
        assert "属地市场监管部门" in text  # the local bureau's remit, in the directory
    else:
        assert "HebeiIntellectualPropertyAdministration" in text
        assert "Yourlocalmarketregulator" in text
    assert local in text
    assert len(response.data) < 300 * 1024


def test_the_directory_lists_each_body_once_with_every_remit_it_is_named_for():
    recommendations = [
        {"contacts": [{"level": "county", "name": "甲", "why": "一"}]},
        {
            "contacts": [
                {"level": "county", "name": "甲", "why": "一"},
                {"level": "province", "name": "乙", "why": "二"},
            ]
        },
        {"contacts": [{"level": "province", "name": "乙", "why": "三"}]},
    ]
    assert contact_directory(recommendations) == [
        {"level": "county", "name": "甲", "why": ["一"]},
        {"level": "province", "name": "乙", "why": ["二", "三"]},
    ]
