"""The verification page tells the truth (security review 2026-12 #1, #3, #12; docs/identity.md).

These read the facts of a code without rendering the PDF (the row exists from the submit on),
so they stay fast; the PDF's own notice is checked on the rendered HTML.
"""

import re

import pytest
from sqlalchemy import select

from app.assessments.models import Submission
from app.audit.models import AuditEntry
from app.db import db
from app.reports.gathering import context_for
from app.reports.models import Report
from app.reports.render import render_html
from app.reports.service import ensure_report
from tests.fixtures.answering import complete_answers


@pytest.fixture
def filed(make_enterprise, definition):
    """filed(verified=True) -> (firm, assessment id, the zh report's code)."""

    def make(*, verified=True, name=None):
        firm = make_enterprise(name=name, verified=verified)
        draft = firm.fill("quality", complete_answers(definition("quality"), firm.facts))
        firm.submit(draft)
        submission = db.session.scalars(
            select(Submission).where(Submission.assessment_id == draft["id"])
        ).one()
        return firm, draft["id"], ensure_report(submission_id=submission.id).verification_code

    return make


def facts(client, code, **headers):
    response = client.get(f"/api/v1/reports/verify/{code}", headers=headers)
    assert response.status_code == 200
    return response.get_json()


def page(client, code) -> str:
    return client.get(f"/api/v1/reports/verify/{code}", headers={"Accept": "text/html"}).text


def review(client, regulator, assessment_id, **body):
    url = f"/api/v1/assessments/{assessment_id}/review"
    response = client.post(url, json=body, headers=regulator.headers)
    assert response.status_code == 200, response.get_json()


def test_an_unverified_firms_report_is_marked_self_reported_with_its_declared_name(client, filed):
    _, _, code = filed(verified=False, name="石家庄测试二公司")
    body = facts(client, code)
    assert body["enterprise"]["verified"] is False
    assert body["enterprise"]["name"] == "石家庄测试二公司（申报）"
    assert body["notice"] == "企业自报，未经核验"
    html = page(client, code)
    assert "企业自报，未经核验" in html and "石家庄测试二公司（申报）" in html
    english = facts(client, code, **{"Accept-Language": "en"})
    assert english["enterprise"]["name"] == "石家庄测试二公司 (declared)"


def test_the_page_shows_the_review_state_and_warns_on_anything_not_approved(
    client, filed, make_staff
):
    city = make_staff("regulator", jurisdiction="130100")
    _, assessment_id, code = filed()
    assert facts(client, code)["review"]["state"] == "waiting"
    assert "尚未经市场监管部门审核" in page(client, code)
    review(client, city, assessment_id, decision="return", comment="数据不实，请重新填写")
    assert facts(client, code)["review"]["state"] == "returned"
    assert "已退回本次自评" in page(client, code)


def test_an_approved_report_says_what_approval_means(client, filed, make_staff):
    city = make_staff("regulator", jurisdiction="130100")
    _, assessment_id, code = filed()
    review(client, city, assessment_id, decision="approve")
    body = facts(client, code)
    assert body["review"]["state"] == "approved"
    assert body["review"]["decided_at"] is not None
    html = page(client, code)
    assert "不得用于广告宣传" in html and "尚未经" not in html


def test_a_regulator_in_scope_revokes_a_code_and_the_page_says_so(client, filed, make_staff):
    _, assessment_id, code = filed()
    url = f"/api/v1/reports/verify/{code}/revocation"
    baoding = make_staff("regulator", jurisdiction="130600")
    assert client.post(url, json={"reason": "企业冒名"}, headers=baoding.headers).status_code == 404
    bad = client.post(url, json={"reason": "冒名\u202e"}, headers=baoding.headers)
    assert bad.status_code == 422 and "reason" in bad.get_json()["errors"]
    city = make_staff("regulator", jurisdiction="130100")
    response = client.post(url, json={"reason": "企业冒名"}, headers=city.headers)
    assert response.status_code == 200
    assert response.get_json()["revoked"]["reason"] == "企业冒名"
    html = page(client, code)
    assert "已被市场监管部门撤销" in html and "企业冒名" in html
    assert "✓" not in html.split("<dl>")[0]  # no "valid code" verdict above the facts
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "revoke_code")).one()
    assert (audit.user_id, audit.assessment_id) == (city.user_id, assessment_id)


def test_report_numbers_do_not_reveal_sequential_ids_and_both_languages_share_one(client, filed):
    _, _, code = filed()
    number = facts(client, code)["report_number"]
    assert re.fullmatch(r"ZP-\d{4}-130100-[0-9A-HJKMNP-TV-Z]{8}", number), number
    report = db.session.scalars(select(Report).where(Report.verification_code == code)).one()
    english = ensure_report(submission_id=report.submission_id, lang="en")
    assert facts(client, english.verification_code)["report_number"] == number


def test_the_pdf_of_an_unverified_firm_says_self_reported_and_a_verified_ones_does_not(app, filed):
    for verified in (False, True):
        _, _, code = filed(verified=verified, name="河北冀华毛巾有限公司")
        report = db.session.scalars(select(Report).where(Report.verification_code == code)).one()
        with app.test_request_context():
            context = context_for(report)
        html = render_html(context, "zh")
        assert context["enterprise_verified"] is verified
        assert ("企业自报，未经核验" in html) is not verified
        assert ("河北冀华毛巾有限公司（申报）" in html) is not verified
        assert "不得用于广告宣传" in html  # what an approval means, on every report
