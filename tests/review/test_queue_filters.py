"""The queue finds things: county, USCC start, campaign, lateness, totals, scope, bad values."""

import pytest

from tests.campaigns.conftest import days, roll_csv, roll_row
from tests.fixtures.answering import complete_answers

LIST = "/api/v1/assessments"


def listing(client, actor, **params):
    response = client.get(LIST, query_string=params, headers=actor.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def ids(page) -> set[int]:
    return {item["id"] for item in page["items"]}


@pytest.fixture
def spread(submitted, make_enterprise, definition):
    """Submissions in two 石家庄 districts (长安 130102, 桥西 130104) and in 唐山 路南 130202."""
    made = {}
    for key, division, kwargs in [
        ("changan", "130102", {"name": "长安区宏达毛巾有限公司", "choice": "best"}),
        ("qiaoxi", "130104", {"industry": "C3311", "size": "large", "choice": "worst"}),
        ("tangshan", "130202", {"name": "唐山宏达毛巾有限公司", "size": "micro"}),
    ]:
        company, assessment = submitted(division, **kwargs)
        made[key] = {"id": assessment["id"], "uscc": company.uscc}
    unverified = make_enterprise("130102", verified=False, name="未核验毛巾厂")
    answers = complete_answers(definition("quality"), unverified.facts, "best")
    made["unverified"] = {
        "id": unverified.submit(unverified.fill("quality", answers))["id"],
        "uscc": unverified.uscc,
    }
    return made


def named(spread, *keys) -> set[int]:
    return {spread[k]["id"] for k in keys}


def test_the_county_filter_is_the_division_in_the_uscc(client, spread, regulators):
    province, sjz = regulators["province"], regulators["shijiazhuang"]
    assert ids(listing(client, province, county="130102")) == named(spread, "changan", "unverified")
    assert ids(listing(client, sjz, county="130104")) == named(spread, "qiaoxi")
    assert ids(listing(client, province, county="130202")) == named(spread, "tangshan")
    # Another city's county through a city regulator: nothing, and nothing counted.
    page = listing(client, sjz, county="130202")
    assert page["items"] == [] and page["total"] == 0 and sum(page["counts"].values()) == 0


def test_search_finds_a_name_part_in_chinese(client, spread, regulators):
    province = regulators["province"]
    assert ids(listing(client, province, q="宏达毛巾")) == named(spread, "changan", "tangshan")
    assert ids(listing(client, province, q="毛巾")) == named(
        spread, "changan", "tangshan", "unverified"
    )
    assert ids(listing(client, regulators["shijiazhuang"], q="宏达")) == named(spread, "changan")


def test_search_by_uscc_is_by_its_start_or_the_whole_code(client, spread, regulators):
    province = regulators["province"]
    changan = spread["changan"]["uscc"]
    assert ids(listing(client, province, q=changan)) == named(spread, "changan")
    assert ids(listing(client, province, q=changan.lower())) == named(spread, "changan")
    # 91 + the county: every company registered in 长安区.
    assert ids(listing(client, province, q=changan[:8])) == named(spread, "changan", "unverified")
    assert ids(listing(client, province, q="91130")) == named(
        spread, "changan", "qiaoxi", "tangshan", "unverified"
    )
    # The end of a code is no start of one.
    assert ids(listing(client, province, q=changan[-8:])) == set()
    # A city regulator finds no other city's firm by its exact code.
    tangshan = spread["tangshan"]["uscc"]
    assert ids(listing(client, regulators["shijiazhuang"], q=tangshan)) == set()


def test_verified_and_unverified_filters(client, spread, regulators):
    province = regulators["province"]
    assert ids(listing(client, province, verified="false")) == named(spread, "unverified")
    assert named(spread, "changan", "qiaoxi", "tangshan") == ids(
        listing(client, province, verified="true")
    )


def test_the_total_counts_the_current_filter_status_included(client, spread, regulators):
    from tests.review.conftest import review

    province = regulators["province"]
    assert review(client, province, spread["changan"]["id"], decision="approve").status_code == 200
    page = listing(client, province, q="毛巾")
    assert page["total"] == 3
    assert (page["counts"]["submitted"], page["counts"]["approved"]) == (2, 1)
    page = listing(client, province, q="毛巾", status="approved")
    assert page["total"] == 1 and ids(page) == named(spread, "changan")
    assert page["counts"]["submitted"] == 2  # the other states of the same filter, for the tabs


def campaign_with(client, regulator, company, **fields) -> dict:
    """A brand campaign of the regulator's with the company alone on its roll."""
    body = {
        "name": "2027年度企业质量自评",
        "year": 2027,
        "questionnaires": ["brand"],
        "opens_on": days(-5),
        "closes_on": days(20),
        "late_policy": "accept",
        **fields,
    }
    response = client.post("/api/v1/campaigns", json=body, headers=regulator.headers)
    assert response.status_code == 201, response.get_json()
    campaign = response.get_json()
    row = roll_row(company.uscc, industry=company.facts["industry"][1:])
    response = client.post(
        f"/api/v1/campaigns/{campaign['id']}/roll",
        data=roll_csv([row]),
        headers={**regulator.headers, "Content-Type": "text/csv"},
    )
    assert response.status_code == 200, response.get_json()
    return campaign


def test_campaign_and_lateness_filters(client, regulators, make_enterprise, definition, submitted):
    sjz = regulators["shijiazhuang"]
    on_time, late = make_enterprise("130102"), make_enterprise("130104")
    open_campaign = campaign_with(client, sjz, on_time)
    closed_campaign = campaign_with(
        client, sjz, late, name="已截止的活动", opens_on=days(-30), closes_on=days(-1)
    )
    filed = {
        name: company.submit(
            company.fill("brand", complete_answers(definition("brand"), company.facts))
        )["id"]
        for name, company in (("on_time", on_time), ("late", late))
    }
    outside = submitted("130102")[1]["id"]
    assert ids(listing(client, sjz, campaign=open_campaign["id"])) == {filed["on_time"]}
    assert ids(listing(client, sjz, campaign=closed_campaign["id"])) == {filed["late"]}
    assert ids(listing(client, sjz, late="true")) == {filed["late"]}
    assert ids(listing(client, sjz, late="false")) == {filed["on_time"], outside}
    # 唐山 filters by 石家庄's campaign: nothing, and nothing counted.
    page = listing(client, regulators["tangshan"], campaign=open_campaign["id"])
    assert page["items"] == [] and page["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "毛巾"},
        {"q": "91130"},
        {"county": "130202"},
        {"industry": "C17"},
        {"size": "micro"},
        {"status": "submitted"},
        {"maturity": 5},
        {"red_flags": "false"},
        {"late": "false"},
        {"verified": "true"},
        {"region": "130200"},
        {"min_score": 0},
        {"sort": "-score"},
        {"sort": "score", "q": "宏达"},
    ],
)
def test_a_city_never_sees_another_citys_rows_through_any_filter(
    client, spread, regulators, params
):
    """石家庄 sees only its own rows and counts, whatever it asks; 唐山 likewise."""
    own = {
        "shijiazhuang": named(spread, "changan", "qiaoxi", "unverified"),
        "tangshan": named(spread, "tangshan"),
    }
    for city, mine in own.items():
        page = listing(client, regulators[city], **params)
        assert ids(page) <= mine, (city, params)
        assert page["total"] == len(page["items"]) <= len(mine), (city, params)
        assert sum(page["counts"].values()) <= len(mine), (city, params)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("county", "130100"),  # a city, not a county
        ("county", "110101"),  # Beijing
        ("county", "13010"),
        ("county", "长安区"),
        ("campaign", "0"),
        ("campaign", "first"),
        ("late", "maybe"),
        ("verified", "perhaps"),
        ("red_flags", "some"),
        ("size", "huge"),
        ("status", "lost"),
        ("maturity", "0"),
        ("min_score", "101"),
        ("max_score", "-1"),
        ("year", "1999"),
        ("industry", "Z99"),
        ("region", "110000"),
        ("sort", "name"),
        ("q", ""),
        ("q", "x" * 101),
        ("limit", "0"),
    ],
)
def test_each_bad_filter_value_is_a_422_naming_the_parameter(client, regulators, field, value):
    response = client.get(
        LIST,
        query_string={field: value},
        headers={**regulators["shijiazhuang"].headers, "Accept-Language": "en"},
    )
    assert response.status_code == 422, (field, value)
    assert response.mimetype == "application/problem+json"
    assert list(response.get_json()["errors"]) == [field]


def test_a_bad_county_is_explained_in_chinese(client, regulators):
    response = client.get(
        LIST,
        query_string={"county": "130100"},
        headers={**regulators["province"].headers, "Accept-Language": "zh"},
    )
    assert response.status_code == 422
    assert "区县代码" in response.get_json()["errors"]["county"][0]


def test_xinji_is_a_county_and_a_unit_at_once(client, submitted, regulators):
    xinji = submitted("130181")[1]["id"]
    assert ids(listing(client, regulators["province"], county="130181")) == {xinji}


def test_search_finds_the_name_the_regulator_checked(
    client, submitted, make_enterprise, regulators
):
    sjz = regulators["shijiazhuang"]
    company, filed = submitted("130102", name="小王毛巾店")
    decided = client.post(
        f"/api/v1/enterprises/{company.enterprise_id}/verification",
        json={
            "decision": "verify",
            "name": "石家庄市长安区王氏毛巾织造有限公司",
            "note": "电话核实",
        },
        headers=sjz.headers,
    )
    assert decided.status_code == 200, decided.get_json()
    assert ids(listing(client, sjz, q="王氏毛巾织造")) == {filed["id"]}
    assert ids(listing(client, sjz, q="小王毛巾店")) == {filed["id"]}
