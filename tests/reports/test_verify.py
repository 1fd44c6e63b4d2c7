"""GET /reports/verify/{code}: anyone holding a report can check that it is genuine."""

import hashlib

import pytest
from sqlalchemy import select

from app.db import db
from app.reports.models import Report, new_verification_code, normalise_code
from app.reports.verification import matches
from tests.reports.conftest import needs_poppler, pdf_text

# Each test runs on a local directory and on the S3 test server.
pytestmark = [needs_poppler, pytest.mark.usefixtures("report_storage")]


def verify(client, code, **headers):
    return client.get(f"/api/v1/reports/verify/{code}", headers=headers)


def download(client, company, assessment_id) -> bytes:
    url = f"/api/v1/assessments/{assessment_id}/report.pdf"
    response = client.get(url, headers=company.headers)
    assert response.status_code == 200
    return response.data


def the_report() -> Report:
    db.session.expire_all()
    return db.session.scalars(select(Report)).one()


def test_the_code_on_a_report_resolves_to_its_facts_without_signing_in(
    app, client, submitted, render_at_submit, tmp_path
):
    company, body = submitted("brand", name="河北冀华食品有限公司")
    pdf = download(client, company, body["id"])
    code = the_report().verification_code
    text = pdf_text(pdf, tmp_path)
    assert code in text
    assert f"{app.config['PUBLIC_BASE_URL']}/api/v1/reports/verify/{code}" in text

    response = verify(client, code)  # no Authorization header
    assert response.status_code == 200
    facts = response.get_json()
    assert facts["code"] == code
    assert facts["enterprise"] == {
        "name": "河北冀华食品有限公司",  # the factory verified it with this name
        "declared_name": "河北冀华食品有限公司",
        "uscc": company.uscc,
        "verified": True,
    }
    assert facts["notice"] is None
    assert facts["review"] == {"state": "waiting", "decided_at": None}
    assert facts["revoked"] is None
    assert facts["questionnaire"]["key"] == "brand"
    assert facts["questionnaire"]["title"] == "品牌建设"
    assert facts["revision"] == 1
    assert facts["overall"] == body["result"]["overall"]
    assert facts["maturity"]["level"] == body["result"]["maturity"]["level"]
    assert facts["maturity"]["label"] == body["result"]["maturity"]["label"]
    assert facts["submitted_at"][:10] == body["submitted_at"][:10]
    assert facts["superseded"] is False
    assert facts["document"]["sha256"] == hashlib.sha256(pdf).hexdigest()
    assert facts["document"]["size"] == len(pdf)
    assert matches(facts, pdf)


def test_a_tampered_pdf_does_not_match(client, submitted, render_at_submit):
    company, body = submitted()
    pdf = download(client, company, body["id"])
    facts = verify(client, the_report().verification_code).get_json()
    assert matches(facts, pdf)
    tampered = bytearray(pdf)
    tampered[len(pdf) // 2] ^= 0x01  # one bit anywhere in the file
    assert not matches(facts, bytes(tampered))
    assert not matches(facts, pdf + b"%")  # an incremental update appended to the file


def test_codes_are_unguessable_and_forgive_how_people_type_them():
    codes = {new_verification_code() for _ in range(2000)}
    assert len(codes) == 2000
    code = codes.pop()
    assert len(code) == 19 and code.count("-") == 3
    assert normalise_code(code.lower().replace("-", " ")) == code
    assert normalise_code(code.replace("0", "O").replace("1", "I")) == code
    assert normalise_code("ABCD-EFGH") is None
    assert normalise_code("U" * 16) is None  # not in the alphabet


def test_an_unknown_or_malformed_code_is_404(client):
    assert verify(client, new_verification_code()).status_code == 404
    response = verify(client, "../../etc/passwd")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_a_phone_that_scans_the_qr_code_gets_a_page(client, submitted, render_at_submit):
    company, body = submitted(name="河北<b>冀华</b>有限公司")
    download(client, company, body["id"])
    code = the_report().verification_code
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = verify(client, code, Accept=browser)
    assert page.status_code == 200
    assert page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "验证码有效" in html
    assert "河北&lt;b&gt;冀华&lt;/b&gt;有限公司" in html  # escaped, never markup
    assert the_report().sha256 in html
    unknown = verify(client, new_verification_code(), Accept=browser)
    assert unknown.status_code == 404
    assert "未找到" in unknown.get_data(as_text=True)


def test_a_superseded_revision_says_so(client, submitted, render_at_submit, make_staff):
    company, body = submitted()
    download(client, company, body["id"])
    code = the_report().verification_code
    regulator = make_staff("regulator", jurisdiction="130000")
    client.post(
        f"/api/v1/assessments/{body['id']}/review",
        json={"decision": "return", "comment": "请补充证据"},
        headers=regulator.headers,
    )
    company.submit(company.create("quality"))
    facts = verify(client, code).get_json()
    assert facts["revision"] == 1
    assert facts["superseded"] is True
