"""Who may ask what: associations within their industries, regulators their jurisdiction."""

import pytest


@pytest.fixture
def six_towel_makers(population, snapshot):
    for _ in range(6):
        population(industry="C1772")
    snapshot()


def test_an_association_reads_its_industry_from_the_snapshot(
    six_towel_makers, make_staff, aggregates
):
    association = make_staff("association", industries=["C17"])
    response = aggregates(association, group_by="size")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["filters"]["industry"] == "C17"
    assert body["snapshot"]["live"] is False and body["snapshot"]["id"] >= 1
    assert body["min_cell"] == 5
    assert body["total"]["n"] == 6 and body["total"]["suppressed"] is False
    assert [g["key"]["size"] for g in body["groups"]] == ["small"]


def test_an_association_may_not_ask_outside_its_industries(
    six_towel_makers, make_staff, aggregates
):
    association = make_staff("association", industries=["C17"])
    assert aggregates(association, industry="C18").status_code == 403
    assert aggregates(association, industry="C").status_code == 403


def test_an_association_never_reads_live_figures(six_towel_makers, make_staff, aggregates):
    association = make_staff("association", industries=["C17"])
    response = aggregates(association, live=True)
    assert response.status_code == 403
    assert response.headers["Content-Type"].startswith("application/problem+json")


def test_an_association_with_several_industries_chooses_one(make_staff, aggregates):
    association = make_staff("association", industries=["C17", "C18"])
    response = aggregates(association)
    assert response.status_code == 422
    assert "C17, C18" in response.get_json()["errors"]["industry"][0]
    assert aggregates(association, industry="C18").status_code == 200


def test_an_association_registered_below_division_level_gets_nothing(make_staff, aggregates):
    association = make_staff("association", industries=["C1772"])
    assert aggregates(association).status_code == 403
    assert aggregates(association, industry="C17").status_code == 403


def test_an_enterprise_is_refused(enterprise, aggregates):
    assert aggregates(enterprise).status_code == 403


def test_no_token_is_401(client):
    assert client.get("/api/v1/aggregates?questionnaire=quality").status_code == 401


def test_a_city_regulator_sees_its_city_only(six_towel_makers, make_staff, aggregates):
    regulator = make_staff("regulator", jurisdiction="130100")
    body = aggregates(regulator).get_json()
    assert body["filters"]["region"] == "130100"
    assert body["total"]["n"] == 6
    assert aggregates(regulator, region="130200").status_code == 403
    assert aggregates(regulator, region="130100", live=True).status_code == 200


def test_regulators_and_admins_may_ask_for_live_figures(
    six_towel_makers, population, make_staff, aggregates
):
    population(industry="C1772")
    for actor in (make_staff("regulator", jurisdiction="130000"), make_staff("admin")):
        published = aggregates(actor).get_json()
        live = aggregates(actor, live=True).get_json()
        assert published["total"]["n"] == 6
        assert live["total"]["n"] == 7
        assert live["snapshot"]["live"] is True and live["snapshot"]["id"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"questionnaire": "nope"}, "questionnaire"),
        ({"industry": "C1772"}, "industry"),
        ({"industry": "Z99"}, "industry"),
        ({"region": "110000"}, "region"),
        ({"group_by": "enterprise"}, "group_by"),
        ({"size": "huge"}, "size"),
    ],
)
def test_what_is_not_published_is_422(make_staff, aggregates, params, field):
    response = aggregates(make_staff("admin"), **params)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]


def test_groups_list_the_cells_under_the_total_with_labels(
    population, snapshot, make_staff, aggregates
):
    for region in ("130100", "130200"):
        for _ in range(5):
            population(region=region, industry="C1772")
    snapshot()
    body = aggregates(make_staff("admin"), group_by="region", lang="zh").get_json()
    assert [g["key"]["region"] for g in body["groups"]] == ["130100", "130200"]
    assert [g["label"] for g in body["groups"]] == ["石家庄市", "唐山市"]
    assert body["total"]["label"] == "全省全部行业"
    english = aggregates(make_staff("admin"), group_by="industry", lang="en").get_json()
    assert english["groups"][0]["key"] == {"region": None, "industry": "C17", "size": None}
