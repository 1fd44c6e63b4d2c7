"""A city's view of the province's campaign: its own part of the roll, read-only, with reminders.

The province runs one campaign over every city's firms. A city's regulator sees that campaign
when its roll names firms of the city, and then only those firms: in the campaign, its roll,
progress, filings, non-responders and reminders. It may remind them; it may not change the
campaign, its roll or its letters (403, read-only). A city none of whose firms is on the roll
gets 404, as for a campaign that does not exist; other roles 403 (docs/campaigns.md).
"""

from types import SimpleNamespace

import pytest

from tests.campaigns.conftest import roll_csv, roll_row
from tests.fixtures.actors import new_uscc
from tests.notifications.conftest import inbox  # noqa: F401  (a fixture)

CALLERS = (
    "anonymous",
    "enterprise",
    "province",
    "shijiazhuang",
    "tangshan",
    "baoding",
    "association",
    "admin",
)


def expect(regulator_status: int, cities: int | None = None) -> dict[str, int]:
    """The province gets regulator_status, the two cities on the roll cities, 保定 404."""
    cities = regulator_status if cities is None else cities
    return {
        "anonymous": 401,
        "enterprise": 403,
        "province": regulator_status,
        "shijiazhuang": cities,
        "tangshan": cities,
        "baoding": 404,
        "association": 403,
        "admin": 403,
    }


READ = ("", "/roll", "/progress", "/filings", "/non-responders.csv", "/reminders")
ENDPOINTS = [
    *(("GET", path, None, expect(200)) for path in READ),
    ("POST", "/reminders", {}, expect(200)),
    ("PATCH", "", {"name": "改名"}, expect(200, cities=403)),
    ("POST", "/roll?dry_run=true", "roll", expect(200, cities=403)),
    ("DELETE", "/roll/{uscc}", None, expect(204, cities=403)),
    ("POST", "/invitations", {}, expect(201, cities=403)),
]


@pytest.fixture
def world(client, make_staff, make_enterprise, make_campaign, upload):
    """A province's campaign naming two firms of 石家庄 and two of 唐山 (one of each registered)."""
    province = make_staff("regulator", jurisdiction="130000")
    sjz, ts = make_enterprise("130102"), make_enterprise("130203")
    sjz_new, ts_new = new_uscc("130104"), new_uscc("130204")
    campaign = make_campaign(province, name="2027年度全省企业质量自评")
    rows = [roll_row(sjz.uscc), roll_row(ts.uscc), roll_row(sjz_new), roll_row(ts_new)]
    assert upload(province, campaign["id"], roll_csv(rows)).status_code == 200
    actors = {
        "enterprise": sjz,
        "province": province,
        "shijiazhuang": make_staff("regulator", jurisdiction="130100"),
        "tangshan": make_staff("regulator", jurisdiction="130200"),
        "baoding": make_staff("regulator", jurisdiction="130600"),
        "association": make_staff("association", industries=["C17"]),
        "admin": make_staff("admin"),
    }
    return SimpleNamespace(
        campaign=campaign,
        actors=actors,
        headers={"anonymous": {}, **{name: a.headers for name, a in actors.items()}},
        firms={"shijiazhuang": (sjz, sjz_new), "tangshan": (ts, ts_new)},
        usccs={"shijiazhuang": {sjz.uscc, sjz_new}, "tangshan": {ts.uscc, ts_new}},
    )


def url(world, path: str = "") -> str:
    sjz = world.firms["shijiazhuang"][0]
    return f"/api/v1/campaigns/{world.campaign['id']}{path.replace('{uscc}', sjz.uscc)}"


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path", "body", "statuses"), ENDPOINTS, ids=str)
def test_each_caller_gets_its_status_on_the_provinces_campaign(
    client, world, caller, method, path, body, statuses
):
    kwargs = {"json": body}
    if body == "roll":
        kwargs = {"data": roll_csv([roll_row(new_uscc("130102"))]), "content_type": "text/csv"}
    response = client.open(url(world, path), method=method, headers=world.headers[caller], **kwargs)
    assert response.status_code == statuses[caller], response.get_data(as_text=True)[:300]
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"


def test_a_city_sees_the_provinces_campaign_as_its_own_part_read_only(client, world):
    def listed(caller):
        response = client.get("/api/v1/campaigns", headers=world.headers[caller])
        return {c["id"]: c for c in response.get_json()["items"]}

    mine = listed("shijiazhuang")[world.campaign["id"]]
    assert (mine["read_only"], mine["part"], mine["part_name"]) == (True, "130100", "石家庄市")
    assert mine["roll_size"] == 2  # its two firms, not the roll's four
    whole = listed("province")[world.campaign["id"]]
    assert (whole["read_only"], whole["part"], whole["roll_size"]) == (False, None, 4)
    # A city none of whose firms is on the roll does not see the campaign at all.
    assert world.campaign["id"] not in listed("baoding")
    one = client.get(url(world), headers=world.headers["tangshan"]).get_json()
    assert (one["read_only"], one["part"], one["roll_size"]) == (True, "130200", 2)


def test_a_city_never_sees_another_citys_firm_in_any_answer(client, world):
    # The province reminds everyone: the history holds both cities' firms.
    sent = client.post(url(world, "/reminders"), json={}, headers=world.headers["province"])
    assert sent.get_json()["sent"] == 2, sent.get_json()
    for city, other in (("shijiazhuang", "tangshan"), ("tangshan", "shijiazhuang")):
        texts = [
            client.get(url(world, path), headers=world.headers[city]).get_data(as_text=True)
            for path in READ
        ]
        texts.append(
            client.get("/api/v1/campaigns", headers=world.headers[city]).get_data(as_text=True)
        )
        seen = "\n".join(texts)
        assert all(uscc in seen for uscc in world.usccs[city]), city
        assert not any(uscc in seen for uscc in world.usccs[other]), city

    progress = client.get(url(world, "/progress"), headers=world.headers["shijiazhuang"])
    body = progress.get_json()
    assert (body["enterprises"], body["total"]) == (2, 2)
    assert {c["code"] for c in body["by_county"]} == {"130102", "130104"}
    roll = client.get(url(world, "/roll"), headers=world.headers["shijiazhuang"]).get_json()
    assert roll["total"] == 2
    history = client.get(url(world, "/reminders"), headers=world.headers["shijiazhuang"])
    assert [r["uscc"] for r in history.get_json()["items"]] == [world.firms["shijiazhuang"][0].uscc]


def test_a_city_reminds_its_own_firms_only(client, world, inbox):  # noqa: F811
    sjz, _ = world.firms["shijiazhuang"]
    ts, _ = world.firms["tangshan"]
    sent = client.post(url(world, "/reminders"), json={}, headers=world.headers["shijiazhuang"])
    assert sent.status_code == 200, sent.get_json()
    assert sent.get_json() == {"sent": 1, "already_today": 0, "not_registered": 1, "emailed": 0}
    assert [n["kind"] for n in inbox(sjz)["items"] if n["kind"] == "reminder"] == ["reminder"]
    assert [n for n in inbox(ts)["items"] if n["kind"] == "reminder"] == []
    [record] = client.get(url(world, "/reminders"), headers=world.headers["province"]).get_json()[
        "items"
    ]
    assert (record["uscc"], record["trigger"]) == (sjz.uscc, "manual")
    assert record["sent_by"] == world.actors["shijiazhuang"].user_id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_naming_another_citys_firm_reads_as_off_the_roll(client, world, lang):
    ts, _ = world.firms["tangshan"]
    stranger = new_uscc("130102")
    headers = {**world.headers["shijiazhuang"], "Accept-Language": lang}
    answers = [
        client.post(url(world, "/reminders"), json={"usccs": [uscc]}, headers=headers)
        for uscc in (ts.uscc, stranger)
    ]
    assert [a.status_code for a in answers] == [422, 422]
    # The same words as for a USCC on no roll at all: nothing tells the firm is on it.
    first, second = (a.get_json()["errors"]["usccs.0"][0] for a in answers)
    assert first.replace(ts.uscc, "X") == second.replace(stranger, "X")
    assert ts.uscc in first


@pytest.mark.parametrize(
    ("lang", "words"), [("zh", "上级部门的填报活动"), ("en", "belongs to a wider jurisdiction")]
)
def test_changing_the_provinces_campaign_is_refused_saying_it_is_read_only(
    client, world, lang, words
):
    headers = {**world.headers["shijiazhuang"], "Accept-Language": lang}
    response = client.patch(url(world), json={"name": "改名"}, headers=headers)
    assert response.status_code == 403
    assert words in response.get_json()["detail"]
    after = client.get(url(world), headers=world.headers["province"]).get_json()
    assert after["name"] == "2027年度全省企业质量自评"
