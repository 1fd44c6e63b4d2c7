"""A regulator creates, lists, reads and changes campaigns inside its own jurisdiction."""

from tests.campaigns.conftest import days


def test_a_city_regulator_creates_a_campaign_in_its_own_jurisdiction(
    client, regulators, make_campaign
):
    campaign = make_campaign(regulators["shijiazhuang"], late_policy="refuse")
    assert campaign["jurisdiction"] == "130100"
    assert campaign["questionnaires"] == ["brand"]
    assert campaign["phase"] == "open"
    assert campaign["late_policy"] == "refuse"
    assert campaign["roll_size"] == 0


def test_closing_before_opening_is_422_naming_the_date(client, regulators):
    body = {
        "name": "倒置",
        "year": 2027,
        "questionnaires": ["brand"],
        "opens_on": "2027-03-01",
        "closes_on": "2027-02-01",
    }
    response = client.post(
        "/api/v1/campaigns", json=body, headers=regulators["shijiazhuang"].headers
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert response.content_type == "application/problem+json"
    assert list(problem["errors"]) == ["closes_on"]
    assert "2027-02-01" in problem["detail"] and "2027-03-01" in problem["detail"]


def test_an_unpublished_questionnaire_is_422_naming_it(client, regulators):
    body = {
        "name": "x",
        "year": 2027,
        "questionnaires": ["brand", "nonesuch"],
        "opens_on": days(0),
        "closes_on": days(1),
    }
    response = client.post("/api/v1/campaigns", json=body, headers=regulators["province"].headers)
    assert response.status_code == 422
    assert "nonesuch" in response.get_json()["errors"]["questionnaires"][0]


def test_a_city_lists_only_its_own_campaigns_and_the_province_lists_all(
    client, regulators, make_campaign
):
    own = make_campaign(regulators["shijiazhuang"], name="石家庄")
    other = make_campaign(regulators["tangshan"], name="唐山")
    province = make_campaign(regulators["province"], name="全省")

    def ids(actor):
        response = client.get("/api/v1/campaigns", headers=actor.headers)
        assert response.status_code == 200
        return {item["id"] for item in response.get_json()["items"]}

    assert ids(regulators["shijiazhuang"]) == {own["id"]}
    assert ids(regulators["tangshan"]) == {other["id"]}
    assert ids(regulators["province"]) == {own["id"], other["id"], province["id"]}


def test_another_citys_campaign_is_404_to_read_and_to_change(client, regulators, make_campaign):
    campaign = make_campaign(regulators["tangshan"])
    url = f"/api/v1/campaigns/{campaign['id']}"
    headers = regulators["shijiazhuang"].headers
    assert client.get(url, headers=headers).status_code == 404
    assert client.patch(url, json={"name": "偷改"}, headers=headers).status_code == 404
    assert client.get(url, headers=regulators["tangshan"].headers).get_json()["name"] != "偷改"


def test_update_checks_the_dates_as_they_will_stand_together(client, regulators, make_campaign):
    campaign = make_campaign(
        regulators["shijiazhuang"], opens_on="2027-03-01", closes_on="2027-04-30"
    )
    url = f"/api/v1/campaigns/{campaign['id']}"
    headers = regulators["shijiazhuang"].headers
    refused = client.patch(url, json={"closes_on": "2027-02-28"}, headers=headers)
    assert refused.status_code == 422
    assert "closes_on" in refused.get_json()["errors"]
    changed = client.patch(
        url,
        json={
            "closes_on": "2027-05-31",
            "late_policy": "refuse",
            "questionnaires": ["brand", "quality"],
        },
        headers=headers,
    )
    assert changed.status_code == 200, changed.get_json()
    body = changed.get_json()
    assert body["closes_on"] == "2027-05-31"
    assert body["late_policy"] == "refuse"
    assert body["questionnaires"] == ["brand", "quality"]


def test_creating_and_changing_a_campaign_are_audited(
    client, regulators, make_campaign, make_staff
):
    regulator = regulators["shijiazhuang"]
    campaign = make_campaign(regulator)
    client.patch(
        f"/api/v1/campaigns/{campaign['id']}", json={"name": "改名"}, headers=regulator.headers
    )
    admin = make_staff("admin")
    entries = client.get("/api/v1/audit?action=campaign", headers=admin.headers).get_json()["items"]
    changes = sorted(entry["details"]["change"] for entry in entries)
    assert changes == ["create", "update"]
    assert {entry["details"]["campaign_id"] for entry in entries} == {campaign["id"]}
