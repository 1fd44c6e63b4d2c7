"""GET /assessments/{id}/result: every recommendation names whom to contact, local bureau first."""

import pytest

from tests.fixtures.answering import complete_answers

GAOYANG = "130628"  # 高阳县, the towel county the plan's 三（二） has in mind


@pytest.fixture
def towel_maker(make_enterprise, definition):
    """A towel maker in 高阳县 whose brand assessment was submitted with the weakest answers."""
    company = make_enterprise(GAOYANG, "C1772", "small")
    answers = complete_answers(definition("brand"), company.facts, "worst")
    body = company.submit(company.fill("brand", answers))
    return company, body["id"]


def result(actor, assessment_id, lang="zh"):
    response = actor.client.get(
        f"/api/v1/assessments/{assessment_id}/result",
        headers={**actor.headers, "Accept-Language": lang},
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def by_question(body) -> dict:
    found = {}
    for rec in body["recommendations"]:
        found.setdefault(rec["question"], rec)
    return found


def test_every_recommendation_names_the_county_bureau_first(towel_maker):
    company, assessment_id = towel_maker
    body = result(company, assessment_id)
    assert body["recommendations"]
    for rec in body["recommendations"]:
        first = rec["contacts"][0]
        assert first["level"] == "county"
        assert first["name"] == "高阳县市场监督管理局"
        assert "属地" in first["why"]
        assert all(c["name"] and c["why"] for c in rec["contacts"])
        assert rec["departments"]  # the plan's 2016 names stay, as the trace


def test_trademarks_go_to_the_ip_office_though_the_plan_named_commerce_and_industry(towel_maker):
    company, assessment_id = towel_maker
    trademark = by_question(result(company, assessment_id))["trademark_coverage"]
    assert {d["dept_2016"] for d in trademark["departments"]} == {"省工商局"}
    names = [c["name"] for c in trademark["contacts"]]
    assert names[1] == "河北省知识产权局"
    assert "国家知识产权局商标局" in names
    assert "河北省市场监督管理局" not in names


def test_contacts_in_english_and_for_the_regulator_in_scope(towel_maker, make_staff):
    company, assessment_id = towel_maker
    english = by_question(result(company, assessment_id, "en"))["trademark_coverage"]
    assert english["contacts"][0]["name"] == "高阳县 Administration for Market Regulation"
    assert english["contacts"][1]["name"] == "Hebei Intellectual Property Administration"
    assert english["contacts"][1]["why"].startswith("Trademark")
    regulator = make_staff("regulator", jurisdiction="130600")
    seen = result(regulator, assessment_id)
    assert seen["recommendations"] == result(company, assessment_id)["recommendations"]


def test_submit_answers_with_the_same_contacts(make_enterprise, definition):
    company = make_enterprise("130102", "C1772", "small")  # 石家庄市长安区
    answers = complete_answers(definition("standards"), company.facts, "worst")
    submitted = company.submit(company.fill("standards", answers))
    recs = submitted["result"]["recommendations"]
    assert recs and all(r["contacts"][0]["name"] == "石家庄市长安区市场监督管理局" for r in recs)
    assert recs == result(company, submitted["id"])["recommendations"]
