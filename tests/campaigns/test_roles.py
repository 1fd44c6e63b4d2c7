"""Every campaign endpoint with every kind of caller: 401, 403 by role, 404 out of reach, else OK.

A city regulator never reaches another city's campaign, roll, progress or enterprises (404, as
if it did not exist); an association and an admin never reach a roll or a non-responder (403);
an enterprise sees only its own campaigns (GET /mine), never a roll.
"""

import pytest

from tests.campaigns.conftest import roll_csv, roll_row

CALLERS = (
    "anonymous",
    "owner",
    "other_enterprise",
    "province",
    "city_in",
    "city_out",
    "association",
    "admin",
)


def expect(default, **overrides):
    return {caller: overrides.get(caller, default) for caller in CALLERS} | {
        "anonymous": overrides.get("anonymous", 401)
    }


IN_REACH = {"province": 200, "city_in": 200, "city_out": 404}
ENDPOINTS = [
    ("GET", "", expect(403, province=200, city_in=200, city_out=200)),
    ("POST", "", expect(403, province=201, city_in=201, city_out=201)),
    ("GET", "/mine", expect(403, owner=200, other_enterprise=200)),
    ("GET", "/{id}", expect(403, **IN_REACH)),
    ("PATCH", "/{id}", expect(403, **IN_REACH)),
    ("POST", "/{id}/roll?dry_run=true", expect(403, **IN_REACH)),
    ("GET", "/{id}/progress", expect(403, **IN_REACH)),
    ("GET", "/{id}/filings", expect(403, **IN_REACH)),
    ("GET", "/{id}/non-responders.csv", expect(403, **IN_REACH)),
]
BODIES = {
    ("POST", ""): {
        "name": "活动",
        "year": 2027,
        "questionnaires": ["brand"],
        "opens_on": "2027-01-01",
        "closes_on": "2027-03-31",
    },
    ("PATCH", "/{id}"): {"name": "改名"},
}


@pytest.fixture
def callers(make_enterprise, make_staff, make_campaign, upload):
    owner = make_enterprise("130102")
    regulator = make_staff("regulator", jurisdiction="130100")
    campaign = make_campaign(regulator)
    row = roll_row(owner.uscc)
    assert upload(regulator, campaign["id"], roll_csv([row])).status_code == 200
    headers = {
        "anonymous": {},
        "owner": owner.headers,
        "other_enterprise": make_enterprise("130102").headers,
        "province": make_staff("regulator", jurisdiction="130000").headers,
        "city_in": regulator.headers,
        "city_out": make_staff("regulator", jurisdiction="130200").headers,
        "association": make_staff("association", industries=["C17"]).headers,
        "admin": make_staff("admin").headers,
    }
    return campaign, headers


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path", "statuses"), ENDPOINTS, ids=lambda v: str(v)[:30])
def test_each_caller_gets_its_status(client, callers, caller, method, path, statuses):
    campaign, headers = callers
    url = "/api/v1/campaigns" + path.replace("{id}", str(campaign["id"]))
    kwargs = {"json": BODIES.get((method, path))}
    if path.startswith("/{id}/roll"):
        kwargs = {"data": roll_csv([roll_row()]), "content_type": "text/csv"}
    response = client.open(url, method=method, headers=headers[caller], **kwargs)
    assert response.status_code == statuses[caller], response.get_data(as_text=True)[:300]
    if response.status_code >= 400:
        assert response.content_type == "application/problem+json"


def test_a_city_regulator_never_sees_another_citys_enterprises_in_any_answer(client, callers):
    campaign, headers = callers
    answers = [
        client.get("/api/v1/campaigns", headers=headers["city_out"]),
        client.get(f"/api/v1/campaigns/{campaign['id']}/filings", headers=headers["city_out"]),
        client.get(
            f"/api/v1/campaigns/{campaign['id']}/non-responders.csv", headers=headers["city_out"]
        ),
    ]
    assert answers[0].get_json()["items"] == []
    assert [answer.status_code for answer in answers[1:]] == [404, 404]


def test_an_enterprise_sees_only_its_own_campaigns(client, callers):
    campaign, headers = callers
    own = client.get("/api/v1/campaigns/mine", headers=headers["owner"]).get_json()["items"]
    other = client.get("/api/v1/campaigns/mine", headers=headers["other_enterprise"]).get_json()
    assert [card["id"] for card in own] == [campaign["id"]]
    assert other["items"] == []
    # The card says what the enterprise must file, never who else is on the roll.
    assert set(own[0]) == {
        "id",
        "name",
        "year",
        "opens_on",
        "closes_on",
        "phase",
        "days_left",
        "accepts_late",
        "questionnaires",
    }
