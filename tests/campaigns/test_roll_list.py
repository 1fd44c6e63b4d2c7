"""The roll as a list of firms (GET …/roll): each firm's filings, filters, pages, and reminders."""

import pytest

from tests.campaigns.conftest import roll_csv, roll_row
from tests.fixtures.actors import new_uscc
from tests.notifications.conftest import filed  # noqa: F401  (a fixture)


@pytest.fixture
def desk(client, regulators, make_campaign, make_enterprise, upload, filed):  # noqa: F811
    """A 石家庄 campaign: one firm submitted, one with a draft, two not registered."""
    regulator = regulators["shijiazhuang"]
    done, drafting = make_enterprise("130102"), make_enterprise("130102")
    campaign = make_campaign(regulator)
    rows = [
        roll_row(done.uscc, name="甲织造有限公司"),
        roll_row(drafting.uscc, name="乙纺织有限公司"),
        roll_row(new_uscc("130104"), name="丙毛巾厂"),
        roll_row(new_uscc("130105"), name="丁纸业有限公司", industry="2221"),
    ]
    assert upload(regulator, campaign["id"], roll_csv(rows)).status_code == 200
    submitted = filed(done)
    drafting.create("brand")

    def listing(lang="zh", **query):
        return client.get(
            f"/api/v1/campaigns/{campaign['id']}/roll",
            query_string=query,
            headers={**regulator.headers, "Accept-Language": lang},
        )

    return {
        "regulator": regulator,
        "campaign": campaign,
        "done": done,
        "drafting": drafting,
        "submitted": submitted,
        "rows": rows,
        "list": listing,
    }


def names(response) -> list[str]:
    assert response.status_code == 200, response.get_json()
    return [firm["name"] for firm in response.get_json()["items"]]


def test_each_firm_comes_once_with_the_state_of_its_filings(desk):
    body = desk["list"]().get_json()
    assert body["total"] == 4
    assert [firm["name"] for firm in body["items"]] == [row[1] for row in desk["rows"]]
    done, drafting, new, _ = body["items"]
    assert done["filings"] == [
        {
            "questionnaire": "brand",
            "state": "submitted",
            "late": False,
            "assessment_id": desk["submitted"]["id"],
        }
    ]
    # A draft is the firm's own business: no assessment to open.
    assert drafting["filings"][0]["state"] == "draft"
    assert drafting["filings"][0]["assessment_id"] is None
    assert (new["registered"], new["verified"], new["filings"][0]["state"]) == (
        False,
        False,
        "not_started",
    )
    assert (done["registered"], done["verified"], done["county"]) == (True, True, "130102")


def test_the_filters_narrow_the_list_and_its_count(desk):
    assert names(desk["list"](state="submitted")) == ["甲织造有限公司"]
    not_responded = desk["list"](state=["not_started", "draft"])
    assert names(not_responded) == ["乙纺织有限公司", "丙毛巾厂", "丁纸业有限公司"]
    assert not_responded.get_json()["total"] == 3
    assert names(desk["list"](county="130104")) == ["丙毛巾厂"]
    assert names(desk["list"](industry="C22")) == ["丁纸业有限公司"]
    assert names(desk["list"](q="毛巾")) == ["丙毛巾厂"]
    assert names(desk["list"](q=desk["done"].uscc[:12].lower())) == ["甲织造有限公司"]
    assert names(desk["list"](late="true")) == []


def test_pages_follow_the_cursor_and_keep_the_filter(client, desk):
    page = desk["list"](limit=2)
    body = page.get_json()
    assert [f["name"] for f in body["items"]] == ["甲织造有限公司", "乙纺织有限公司"]
    assert body["total"] == 4
    assert page.headers["Link"] == f'<{body["next"]}>; rel="next"'
    following = client.get(body["next"], headers=desk["regulator"].headers).get_json()
    assert [f["name"] for f in following["items"]] == ["丙毛巾厂", "丁纸业有限公司"]
    assert following["next_cursor"] is None


@pytest.mark.parametrize(("lang", "words"), [("zh", "游标无效"), ("en", "cursor is not valid")])
def test_a_bad_cursor_or_filter_is_a_422_naming_it(desk, lang, words):
    response = desk["list"](lang=lang, cursor="abc")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert words in response.get_json()["errors"]["cursor"][0]
    wrong = desk["list"](lang=lang, state="lost", county="990101")
    assert wrong.status_code == 422
    assert set(wrong.get_json()["errors"]) == {"state.0", "county"}


def test_the_reminder_history_names_the_firm_the_sender_and_pages(client, desk):
    campaign, regulator = desk["campaign"], desk["regulator"]
    path = f"/api/v1/campaigns/{campaign['id']}/reminders"
    sent = client.post(path, json={}, headers=regulator.headers).get_json()
    assert sent["sent"] == 1  # the drafting firm; the others are done or not registered
    [record] = client.get(path, headers=regulator.headers).get_json()["items"]
    assert record["uscc"] == desk["drafting"].uscc
    assert record["name"] == "乙纺织有限公司"
    assert record["sent_by_name"]
    assert (record["trigger"], record["channels"]) == ("manual", ["in_app"])
    one = client.get(path, query_string={"uscc": desk["done"].uscc}, headers=regulator.headers)
    assert one.get_json()["items"] == []
    bad = client.get(path, query_string={"cursor": "x"}, headers=regulator.headers)
    assert bad.status_code == 422
