"""County jurisdictions: the stored county, the policy per role, and every place that scopes by it.

石家庄 (130100) has 长安区 (130102) and its neighbour 桥西区 (130104); 藁城区 (130109) was 藁城市
(130182) until 2014; 唐山 (130200) is another city.
"""

import pytest
from sqlalchemy import select

from app.auth import policy
from app.auth.models import Enterprise
from app.db import db
from app.errors import ApiError
from app.notifications.service import regulators_of
from tests.fixtures.data import new_uscc


@pytest.fixture
def county(make_enterprise_account, make_staff_account):
    changan, changan_user = make_enterprise_account(region="130102")
    qiaoxi, _ = make_enterprise_account(region="130104")  # the neighbouring county, same city
    gaocheng, _ = make_enterprise_account(region="130182")  # registered under the old code
    city_level, _ = make_enterprise_account(region="130100")  # the city's own code: no county
    tangshan, _ = make_enterprise_account(region="130203")  # another city
    return {
        "enterprises": {
            "changan": changan,
            "qiaoxi": qiaoxi,
            "gaocheng": gaocheng,
            "city_level": city_level,
            "tangshan": tangshan,
        },
        "enterprise": changan_user,
        "changan": make_staff_account("regulator", jurisdiction="130102"),
        "qiaoxi": make_staff_account("regulator", jurisdiction="130104"),
        "gaocheng": make_staff_account("regulator", jurisdiction="130109"),
        "city": make_staff_account("regulator", jurisdiction="130100"),
        "province": make_staff_account("regulator", jurisdiction="130000"),
        "association": make_staff_account("association", industries=["C17"]),
        "admin": make_staff_account("admin"),
    }


def visible(principal) -> set[str]:
    rows = db.session.scalars(select(Enterprise.uscc).where(policy.enterprise_scope(principal)))
    return set(rows)


def uscc_of(county, *names) -> set[str]:
    return {county["enterprises"][name].uscc for name in names}


def test_the_county_is_stored_from_the_uscc_an_old_code_following_its_successor(county):
    e = county["enterprises"]
    assert e["changan"].county == "130102"
    assert e["qiaoxi"].county == "130104"
    assert e["gaocheng"].county == "130109"  # 藁城市 130182 → 藁城区 130109
    assert e["city_level"].county == "130100"  # kept: in no county's jurisdiction
    assert e["changan"].region == "130100"


def test_a_county_regulator_reaches_only_its_own_countys_enterprises(county):
    assert visible(county["changan"]) == uscc_of(county, "changan")
    assert visible(county["qiaoxi"]) == uscc_of(county, "qiaoxi")
    assert visible(county["gaocheng"]) == uscc_of(county, "gaocheng")
    city = visible(county["city"])
    assert city == uscc_of(county, "changan", "qiaoxi", "gaocheng", "city_level")
    assert visible(county["province"]) == city | uscc_of(county, "tangshan")


def test_can_see_enterprise_agrees_with_the_scope_for_every_role(county):
    for name in ("enterprise", "changan", "qiaoxi", "gaocheng", "city", "province"):
        principal = county[name]
        seen = {
            e.uscc
            for e in county["enterprises"].values()
            if policy.can_see_enterprise(e, principal)
        }
        assert seen == visible(principal), name
    assert visible(county["association"]) == visible(county["admin"]) == set()


def test_a_county_regulator_gets_404_for_the_neighbouring_county_and_another_city(county):
    e = county["enterprises"]
    assert policy.enterprise_for_read(county["changan"], e["changan"].id) is e["changan"]
    for enterprise in (e["qiaoxi"], e["tangshan"], e["city_level"], e["gaocheng"]):
        with pytest.raises(ApiError) as refused:
            policy.enterprise_for_read(county["changan"], enterprise.id)
        assert refused.value.code == 404
    for name in ("association", "admin"):
        with pytest.raises(ApiError) as refused:
            policy.enterprise_for_read(county[name], e["changan"].id)
        assert refused.value.code == 403


def test_regulator_can_see_holds_a_countys_own_codes_only(county):
    assert policy.regulator_can_see("130102", county["changan"])
    assert not policy.regulator_can_see("130104", county["changan"])
    assert not policy.regulator_can_see("130100", county["changan"])  # the unit is wider
    assert policy.regulator_can_see("130182", county["gaocheng"])  # its old code
    assert not policy.regulator_can_see("130102", county["admin"])


def test_a_county_reads_its_citys_published_aggregates_never_live_ones(county):
    scope = policy.aggregate_scope(county["changan"])
    assert (scope.jurisdiction, scope.industries, scope.live) == ("130100", None, False)
    city = policy.aggregate_scope(county["city"])
    assert (city.jurisdiction, city.live) == ("130100", True)


def test_submissions_are_listed_only_to_the_regulators_whose_jurisdiction_holds_them(
    client, county, auth_headers, make_enterprise, definition
):
    from tests.fixtures.answering import complete_answers

    firm = make_enterprise(division="130102")
    submitted = firm.submit(
        firm.fill("quality", complete_answers(definition("quality"), firm.facts))
    )
    for name, expected in [
        ("changan", [submitted["id"]]),
        ("qiaoxi", []),
        ("city", [submitted["id"]]),
        ("province", [submitted["id"]]),
    ]:
        response = client.get("/api/v1/assessments", headers=auth_headers(county[name]))
        assert [item["id"] for item in response.get_json()["items"]] == expected, name
    read = f"/api/v1/assessments/{submitted['id']}"
    assert client.get(read, headers=auth_headers(county["changan"])).status_code == 200
    assert client.get(read, headers=auth_headers(county["qiaoxi"])).status_code == 404
    assert client.get(read, headers=auth_headers(county["admin"])).status_code == 403


def test_the_queue_filter_reads_the_stored_county_and_follows_an_old_code(
    client, county, auth_headers, make_enterprise, definition
):
    from tests.fixtures.answering import complete_answers

    firm = make_enterprise(division="130182")  # 藁城市, now 藁城区
    firm.submit(firm.fill("quality", complete_answers(definition("quality"), firm.facts)))
    headers = auth_headers(county["city"])
    for code in ("130109", "130182"):
        items = client.get(
            "/api/v1/assessments", query_string={"county": code}, headers=headers
        ).get_json()["items"]
        assert [item["enterprise"]["uscc"] for item in items] == [firm.username], code
    other = client.get("/api/v1/assessments", query_string={"county": "130102"}, headers=headers)
    assert other.get_json()["items"] == []


def test_notifications_reach_the_countys_regulator_too(county):
    e = county["enterprises"]
    told = {user.id for user in regulators_of(e["changan"])}
    assert told == {county["changan"].id, county["city"].id, county["province"].id}
    neighbour = {user.id for user in regulators_of(e["qiaoxi"])}
    assert county["changan"].id not in neighbour and county["qiaoxi"].id in neighbour


def test_a_county_regulator_issues_reset_codes_for_its_own_county_only(
    client, county, auth_headers
):
    asked = {}
    for name in ("changan", "qiaoxi"):
        uscc = county["enterprises"][name].uscc
        assert client.post("/api/v1/password-resets", json={"uscc": uscc}).status_code == 202
        asked[name] = uscc
    province = auth_headers(county["province"])
    requests = client.get("/api/v1/password-resets", headers=province).get_json()["items"]
    ids = {item["enterprise"]["uscc"]: item["id"] for item in requests}
    changan = auth_headers(county["changan"])
    mine = client.get("/api/v1/password-resets", headers=changan).get_json()["items"]
    assert [item["enterprise"]["uscc"] for item in mine] == [asked["changan"]]
    other = client.post(f"/api/v1/password-resets/{ids[asked['qiaoxi']]}/code", headers=changan)
    assert other.status_code == 404
    own = client.post(f"/api/v1/password-resets/{ids[asked['changan']]}/code", headers=changan)
    assert own.status_code == 201


def test_a_service_token_of_a_county_reads_as_its_regulator(
    client, county, auth_headers, make_enterprise, definition
):
    from tests.fixtures.answering import complete_answers

    inside = make_enterprise(division="130102")
    outside = make_enterprise(division="130104")
    for firm in (inside, outside):
        firm.submit(firm.fill("quality", complete_answers(definition("quality"), firm.facts)))
    issued = client.post(
        "/api/v1/service-tokens",
        json={"name": "长安区数据平台", "scopes": ["assessments:read"], "jurisdiction": "130102"},
        headers=auth_headers(county["admin"]),
    )
    assert issued.status_code == 201, issued.get_json()
    token = {"Authorization": f"Bearer {issued.get_json()['token']}"}
    items = client.get("/api/v1/assessments", headers=token).get_json()["items"]
    assert [item["enterprise"]["uscc"] for item in items] == [inside.username]


def test_a_service_token_refuses_a_code_that_is_no_jurisdiction(client, county, auth_headers):
    for code in ("130101", "110105", "130181x"):  # 市辖区 (historical), Beijing, malformed
        response = client.post(
            "/api/v1/service-tokens",
            json={"name": f"平台{code}", "scopes": ["assessments:read"], "jurisdiction": code},
            headers=auth_headers(county["admin"]),
        )
        assert response.status_code == 422, code
        assert "jurisdiction" in response.get_json()["errors"]


def test_the_roll_of_a_county_campaign_refuses_rows_outside_the_county(
    client, county, auth_headers
):
    from tests.campaigns.conftest import days, roll_csv, roll_row

    headers = auth_headers(county["changan"])
    body = {
        "name": "长安区2027年度企业质量自评",
        "year": 2027,
        "questionnaires": ["brand"],
        "opens_on": days(-5),
        "closes_on": days(20),
        "late_policy": "accept",
    }
    created = client.post("/api/v1/campaigns", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    campaign = created.get_json()
    assert campaign["jurisdiction"] == "130102"
    rows = [roll_row(division="130102"), roll_row(division="130104"), roll_row(division="130203")]
    response = client.post(
        f"/api/v1/campaigns/{campaign['id']}/roll",
        data=roll_csv(rows),
        headers={**headers, "Content-Type": "text/csv"},
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert set(problem["errors"]) == {"rows.3.uscc", "rows.4.uscc"}
    assert "130104" in problem["errors"]["rows.3.uscc"][0]
    assert "长安区" in problem["errors"]["rows.3.uscc"][0]
    # Who reaches the county's campaign: it, its city and the province; not the neighbour.
    url = f"/api/v1/campaigns/{campaign['id']}"
    for name, status in [("changan", 200), ("city", 200), ("province", 200), ("qiaoxi", 404)]:
        assert client.get(url, headers=auth_headers(county[name])).status_code == status, name
    listed = client.get("/api/v1/campaigns", headers=auth_headers(county["city"])).get_json()
    assert campaign["id"] in [item["id"] for item in listed["items"]]
    # A city's campaign is not the county's.
    city_campaign = client.post(
        "/api/v1/campaigns", json={**body, "name": "石家庄"}, headers=auth_headers(county["city"])
    ).get_json()
    refused = client.get(f"/api/v1/campaigns/{city_campaign['id']}", headers=headers)
    assert refused.status_code == 404


def test_a_countys_dashboard_has_no_units_below_it(client, county, auth_headers):
    response = client.get(
        "/api/v1/dashboard",
        query_string={"year": 2026, "questionnaire": "quality"},
        headers=auth_headers(county["changan"]),
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["jurisdiction"]["code"] == "130102"
    assert body["unit_kind"] == "none"
    assert [unit["code"] for unit in body["units"]] == ["130102"]
    city = client.get(
        "/api/v1/dashboard",
        query_string={"year": 2026, "questionnaire": "quality"},
        headers=auth_headers(county["city"]),
    ).get_json()
    assert city["unit_kind"] == "county"
    assert {"130102", "130104", "130109"} <= {unit["code"] for unit in city["units"]}
    assert "130182" not in {unit["code"] for unit in city["units"]}  # followed to 藁城区


def test_a_county_enterprise_made_with_a_new_uscc_gets_its_county(app):
    enterprise = Enterprise(uscc=new_uscc("130104"), name="x", region="130100")
    assert enterprise.county == "130104"
    enterprise.uscc = None  # released: the county stays
    assert enterprise.county == "130104"
    assert Enterprise(uscc=new_uscc("110105"), name="y", region="130100").county is None
