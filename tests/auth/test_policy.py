"""The policy's scope functions, called directly, and list scoping through the API."""

import pytest
from sqlalchemy import select

from app.auth import policy
from app.auth.models import Enterprise
from app.db import db
from app.errors import ApiError


@pytest.fixture
def people(make_enterprise_account, make_staff_account):
    shijiazhuang, sjz_user = make_enterprise_account(region="130102")  # a district of 石家庄
    xinji, _ = make_enterprise_account(region="130181")  # 辛集: its own unit
    tangshan, _ = make_enterprise_account(region="130200", industry="C3120")
    return {
        "enterprises": {"sjz": shijiazhuang, "xinji": xinji, "tangshan": tangshan},
        "sjz": sjz_user,
        "province": make_staff_account("regulator", jurisdiction="130000"),
        "city": make_staff_account("regulator", jurisdiction="130100"),
        "xinji_regulator": make_staff_account("regulator", jurisdiction="130181"),
        "association": make_staff_account("association", industries=["C17"]),
        "admin": make_staff_account("admin"),
    }


def visible(principal) -> set[str]:
    rows = db.session.scalars(select(Enterprise.uscc).where(policy.enterprise_scope(principal)))
    return set(rows)


def test_enterprise_scope_follows_role_and_jurisdiction(people):
    e = people["enterprises"]
    assert visible(people["sjz"]) == {e["sjz"].uscc}
    assert visible(people["province"]) == {x.uscc for x in e.values()}
    # 辛集 lies under 石家庄 by code but is its own unit: the city regulator does not see it.
    assert visible(people["city"]) == {e["sjz"].uscc}
    assert visible(people["xinji_regulator"]) == {e["xinji"].uscc}
    assert visible(people["association"]) == set()
    assert visible(people["admin"]) == set()


def test_can_see_enterprise_agrees_with_the_scope(people):
    for name in ("sjz", "province", "city", "xinji_regulator", "association", "admin"):
        principal = people[name]
        seen = {
            e.uscc
            for e in people["enterprises"].values()
            if policy.can_see_enterprise(e, principal)
        }
        assert seen == visible(principal), name


def test_regulator_can_see_counts_only_regulators(people):
    assert policy.regulator_can_see("130100", people["city"])
    assert policy.regulator_can_see("130102", people["city"])  # a county of the city
    assert not policy.regulator_can_see("130181", people["city"])
    assert policy.regulator_can_see("133100", people["province"])
    assert not policy.regulator_can_see("130100", people["sjz"])
    assert not policy.regulator_can_see("130100", people["admin"])


def test_enterprise_for_read_answers_403_for_roles_that_never_may_and_404_out_of_reach(people):
    e = people["enterprises"]
    assert policy.enterprise_for_read(people["city"], e["sjz"].id) is e["sjz"]
    for principal, enterprise_id, status in [
        (people["city"], e["tangshan"].id, 404),
        (people["city"], 999_999, 404),
        (people["sjz"], e["xinji"].id, 404),
        (people["association"], e["sjz"].id, 403),
        (people["association"], 999_999, 403),  # the same answer whether it exists or not
        (people["admin"], e["sjz"].id, 403),
    ]:
        with pytest.raises(ApiError) as refused:
            policy.enterprise_for_read(principal, enterprise_id)
        assert refused.value.code == status


def test_aggregate_scope_per_role(people):
    association = policy.aggregate_scope(people["association"])
    assert (association.jurisdiction, association.industries, association.live) == (
        None,
        ("C17",),
        False,
    )
    city = policy.aggregate_scope(people["city"])
    assert (city.jurisdiction, city.industries, city.live) == ("130100", None, True)
    assert policy.aggregate_scope(people["admin"]).live is True
    with pytest.raises(ApiError) as refused:
        policy.aggregate_scope(people["sjz"])
    assert refused.value.code == 403


def test_association_covers_its_industries_at_any_level(people):
    association = people["association"]
    assert policy.association_covers("C1772", association)
    assert policy.association_covers("1772", association)
    assert not policy.association_covers("C3120", association)
    assert not policy.association_covers("C1772", people["province"])


def test_allow_refuses_unknown_roles_when_a_route_is_declared():
    with pytest.raises(ValueError, match="unknown roles"):
        policy.allow("regulators")
    with pytest.raises(ValueError, match="token kind"):
        policy.allow("admin", token="id")


def test_assessment_lists_hold_only_what_the_caller_may_reach(
    client, people, auth_headers, make_enterprise, definition
):
    from tests.fixtures.answering import complete_answers

    towel_maker = make_enterprise(division="130104")  # 石家庄, signed in (tests/fixtures/actors)
    draft = towel_maker.fill("quality", complete_answers(definition("quality"), towel_maker.facts))
    submitted = towel_maker.submit(draft)["id"]
    for name, expected in [
        ("sjz", []),  # another enterprise of the same city
        ("province", [submitted]),
        ("city", [submitted]),
        ("xinji_regulator", []),
    ]:
        response = client.get("/api/v1/assessments", headers=auth_headers(people[name]))
        assert response.status_code == 200
        assert [item["id"] for item in response.get_json()["items"]] == expected, name
    own = client.get("/api/v1/assessments", headers=towel_maker.headers).get_json()["items"]
    assert [item["id"] for item in own] == [submitted]


def test_the_openapi_document_declares_who_may_call_what(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert paths["/api/v1/me"]["get"]["security"] == [{"bearerAuth": []}]
    assert paths["/api/v1/auth/refresh"]["post"]["security"] == [{"bearerAuth": []}]
    assert paths["/api/v1/auth/login"]["post"]["security"] == []
    assert paths["/api/v1/auth/register"]["post"]["security"] == []
    assert "401" in paths["/api/v1/me"]["get"]["responses"]
    register = paths["/api/v1/auth/register"]["post"]
    assert "RegisterSchema" in str(register["requestBody"]) or "Register" in str(register)
