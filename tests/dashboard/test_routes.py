"""GET /dashboard: a regulator's campaign or year, scoped to its jurisdiction."""

from datetime import datetime

import pytest

from app.assessments.filing import CHINA
from tests.campaigns.conftest import roll_csv, roll_row
from tests.fixtures.actors import COMPLETE_PROFILE
from tests.fixtures.answering import complete_answers

YEAR = datetime.now(CHINA).year
FLAGGED = {**COMPLETE_PROFILE, "spot_check_failure": "unrectified"}


@pytest.fixture
def board(client):
    """board(actor, **query) -> the response of GET /dashboard."""

    def get(actor, **query):
        return client.get("/api/v1/dashboard", query_string=query, headers=actor.headers)

    return get


def submitted(company, definition, questionnaire="quality"):
    answers = complete_answers(definition(questionnaire), company.facts)
    return company.submit(company.fill(questionnaire, answers))


@pytest.fixture
def year_world(make_enterprise, definition):
    """石家庄: two submitted (one with a red line) and one draft; 唐山: one submitted."""
    made = {
        "clean": make_enterprise("130102"),
        "flagged": make_enterprise("130104", profile=FLAGGED),
        "drafting": make_enterprise("130102"),
        "tangshan": make_enterprise("130202"),
    }
    ids = {name: submitted(made[name], definition)["id"] for name in ("clean", "flagged")}
    ids["tangshan"] = submitted(made["tangshan"], definition)["id"]
    made["drafting"].fill("quality", {})
    return ids


def test_a_city_regulator_sees_its_year_by_state_score_level_county_and_red_flag(
    board, regulators, year_world
):
    response = board(regulators["shijiazhuang"], year=YEAR, questionnaire="quality")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["jurisdiction"]["code"] == "130100" and body["unit_kind"] == "county"
    assert body["response"] is None and body["campaign"] is None
    assert body["states"] == {
        "not_started": 0, "draft": 1, "submitted": 2, "returned": 0, "approved": 0
    }  # fmt: skip
    assert body["scores"]["n"] == 2 and sum(b["count"] for b in body["scores"]["bins"]) == 2
    assert [(b["from"], b["to"]) for b in body["scores"]["bins"]][::9] == [(0, 10), (90, 100)]
    assert sum(body["maturity"].values()) == 2
    assert body["maturity"]["2"] >= 1  # the red line holds its level at 2 at most
    [flag] = body["red_flags"]
    assert (flag["source"], flag["question"], flag["count"]) == (
        "profile", "spot_check_failure", 1
    )  # fmt: skip
    assert [s["assessment_id"] for s in flag["submissions"]] == [year_world["flagged"]]
    assert flag["text"]
    units = {u["code"]: u for u in body["units"]}
    assert all(code[:4] == "1301" for code in units)  # 石家庄's counties only
    assert (units["130102"]["filed"], units["130102"]["scored"]) == (2, 1)
    assert (units["130104"]["flagged"], units["130104"]["scored"]) == (1, 1)
    assert units["130104"]["mean"] is not None and units["130105"]["filed"] == 0


def test_the_province_sees_its_cities_side_by_side(board, regulators, year_world):
    body = board(regulators["province"], year=YEAR, questionnaire="quality").get_json()
    assert body["unit_kind"] == "city" and len(body["units"]) == 14
    units = {u["code"]: u for u in body["units"]}
    assert (units["130100"]["filed"], units["130200"]["filed"], units["130300"]["filed"]) == (
        3, 1, 0
    )  # fmt: skip
    assert body["states"]["submitted"] == 3
    zoomed = board(regulators["province"], year=YEAR, questionnaire="quality", region="130200")
    assert zoomed.get_json()["jurisdiction"]["code"] == "130200"
    assert zoomed.get_json()["states"]["submitted"] == 1


def test_another_city_never_shows_in_a_city_regulators_dashboard(board, regulators, year_world):
    body = board(regulators["tangshan"], year=YEAR, questionnaire="quality").get_json()
    assert body["states"]["submitted"] == 1 and body["red_flags"] == []
    assert all(u["code"][:4] == "1302" for u in body["units"])
    outside = board(regulators["tangshan"], year=YEAR, questionnaire="quality", region="130100")
    assert outside.status_code == 403


def test_a_campaign_dashboard_counts_the_roll_and_its_response_rate(
    client, board, regulators, make_campaign, upload, make_enterprise, definition
):
    regulator = regulators["shijiazhuang"]
    campaign = make_campaign(regulator, questionnaires=["brand"])
    done, idle = make_enterprise("130102"), make_enterprise("130104")
    rows = [roll_row(c.uscc, industry=c.facts["industry"][1:]) for c in (done, idle)]
    rows.append(roll_row(division="130105"))  # on the roll, not registered
    assert upload(regulator, campaign["id"], roll_csv(rows)).status_code == 200
    filed = submitted(done, definition, "brand")
    body = board(regulator, campaign=campaign["id"]).get_json()
    assert body["questionnaire"]["key"] == "brand" and body["year"] == campaign["year"]
    assert body["response"] == {"expected": 3, "responded": 1, "rate": pytest.approx(1 / 3)}
    assert body["states"]["not_started"] == 2 and body["states"]["submitted"] == 1
    units = {u["code"]: u for u in body["units"]}
    assert (units["130102"]["expected"], units["130102"]["responded"]) == (1, 1)
    assert units["130105"]["rate"] == 0 and units["130102"]["scored"] == 1
    assert filed["campaign_id"] == campaign["id"]
    # The province reaches the city's campaign; another city does not know it exists.
    assert board(regulators["province"], campaign=campaign["id"]).status_code == 200
    assert board(regulators["tangshan"], campaign=campaign["id"]).status_code == 404


def test_the_province_figures_come_from_the_published_snapshot(
    board, regulators, population, snapshot
):
    for _ in range(5):
        population(region="130100")
    snapshot()
    body = board(regulators["shijiazhuang"], year=YEAR, questionnaire="quality").get_json()
    dims = body["dimensions"]
    assert dims["snapshot"] is not None and dims["province_suppressed"] is False
    assert all(item["province"] is not None for item in dims["items"])
    assert all(item["area"] == item["province"] for item in dims["items"])  # all in 石家庄


def test_a_small_province_is_shown_suppressed_not_as_zero(board, regulators, population, snapshot):
    population(region="130100")
    snapshot()
    dims = board(regulators["province"], year=YEAR, questionnaire="quality").get_json()
    assert dims["dimensions"]["province_suppressed"] is True
    assert {item["province"] for item in dims["dimensions"]["items"]} == {None}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"questionnaire": "quality"}, "year"),
        ({"questionnaire": "quality", "year": YEAR, "campaign": 1}, "year"),
        ({"year": YEAR}, "questionnaire"),
        ({"year": YEAR, "questionnaire": "nope"}, "questionnaire"),
        ({"year": YEAR, "questionnaire": "quality", "region": "999999"}, "region"),
        ({"year": "soon", "questionnaire": "quality"}, "year"),
    ],
)
def test_bad_queries_get_a_problem_naming_the_field(board, regulators, query, field):
    response = board(regulators["province"], **query)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


def test_a_questionnaire_outside_the_campaign_is_refused(board, regulators, make_campaign):
    campaign = make_campaign(regulators["shijiazhuang"], questionnaires=["brand"])
    response = board(regulators["shijiazhuang"], campaign=campaign["id"], questionnaire="quality")
    assert response.status_code == 422 and "questionnaire" in response.get_json()["errors"]


def test_only_regulators_see_a_dashboard(client, board, make_staff, enterprise):
    query = {"year": YEAR, "questionnaire": "quality"}
    for actor in (
        enterprise,
        make_staff("association", industries=["C17"]),
        make_staff("admin"),
    ):
        assert board(actor, **query).status_code == 403
    assert client.get("/api/v1/dashboard", query_string=query).status_code == 401


def test_an_enterprise_counts_once_by_its_newest_assessment(
    client, board, regulators, make_enterprise, definition
):
    company = make_enterprise("130102")
    first = submitted(company, definition)
    approved = client.post(
        f"/api/v1/assessments/{first['id']}/review",
        json={"decision": "approve"},
        headers=regulators["shijiazhuang"].headers,
    )
    assert approved.status_code == 200, approved.get_json()
    again = submitted(company, definition)
    assert again["id"] != first["id"]
    body = board(regulators["shijiazhuang"], year=YEAR, questionnaire="quality").get_json()
    assert body["states"] == {
        "not_started": 0, "draft": 0, "submitted": 1, "returned": 0, "approved": 0
    }  # fmt: skip
    assert body["scores"]["n"] == 1
