"""The enterprise profile through the API: saving, reading by role, and submitting without one."""

from tests.fixtures.actors import COMPLETE_PROFILE
from tests.fixtures.actors import facts as profile_facts
from tests.fixtures.answering import complete_answers

PROBLEM = "urn:quality-self-assessment:problem:"


def put_profile(client, actor, answers, lang="zh"):
    return client.put(
        "/api/v1/profile",
        json={"answers": answers},
        headers={**actor.headers, "Accept-Language": lang},
    )


def test_an_enterprise_saves_its_profile_and_reads_it_back(client, make_enterprise):
    firm = make_enterprise(profile={})
    empty = client.get("/api/v1/profile", headers=firm.headers).get_json()
    assert empty["answers"] == {} and empty["complete"] is False
    assert "dishonesty_list" in empty["missing"]
    saved = put_profile(client, firm, {**COMPLETE_PROFILE, "business": ["licensed"]})
    assert saved.status_code == 200
    body = saved.get_json()
    assert body["complete"] is False and body["missing"] == ["licence_status"]
    done = put_profile(
        client, firm, {**COMPLETE_PROFILE, "business": ["licensed"], "licence_status": "valid"}
    ).get_json()
    assert done["complete"] is True and done["red_lines"] == []
    again = client.get("/api/v1/profile", headers=firm.headers).get_json()
    assert again["answers"]["licence_status"] == "valid"


def test_bad_profile_answers_are_422_naming_each_field_and_nothing_is_saved(
    client, make_enterprise
):
    firm = make_enterprise()
    bad = {
        **COMPLETE_PROFILE,
        "staff_count": -3,
        "business": ["none", "food"],
        "licence_status": "valid",  # hidden: business does not say licensed
        "colour": "blue",
    }
    response = put_profile(client, firm, bad, lang="en")
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"] == PROBLEM + "validation-failed"
    assert set(problem["errors"]) == {"staff_count", "business", "licence_status", "colour"}
    assert "1 to 1000000" in problem["errors"]["staff_count"][0]
    zh = put_profile(client, firm, bad).get_json()
    assert "之间的整数" in zh["errors"]["staff_count"][0]
    kept = client.get("/api/v1/profile", headers=firm.headers).get_json()
    assert kept["answers"] == COMPLETE_PROFILE


def test_red_lines_the_profile_states_are_shown_with_it(client, enterprise):
    body = put_profile(
        client, enterprise, {**COMPLETE_PROFILE, "dishonesty_list": "listed"}, lang="en"
    ).get_json()
    assert [(r["field"], r["option"]) for r in body["red_lines"]] == [("dishonesty_list", "listed")]
    assert "dishonesty" in body["red_lines"][0]["text"]


def test_submitting_without_a_complete_profile_is_422_profile_incomplete(
    client, make_enterprise, definition
):
    firm = make_enterprise(profile={"ownership": "private"})
    draft = firm.fill("quality", complete_answers(definition("quality"), firm.facts))
    response = client.post(
        f"/api/v1/assessments/{draft['id']}/submit",
        headers={**firm.headers, "Accept-Language": "en"},
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert problem["type"] == PROBLEM + "profile-incomplete"
    assert "staff_count" in problem["missing_profile_fields"]
    assert "profile.dishonesty_list" in problem["errors"]
    assert "profile" in problem["detail"]
    # Nothing was lost: the draft is still open with every answer.
    kept = client.get(f"/api/v1/assessments/{draft['id']}", headers=firm.headers).get_json()
    assert kept["status"] == "draft" and kept["answers"] == draft["answers"]


def test_regulators_of_its_region_read_the_profile_others_do_not(
    client, enterprise, make_enterprise, make_staff
):
    url = f"/api/v1/enterprises/{enterprise.enterprise_id}/profile"
    city = make_staff("regulator", jurisdiction="130100")
    body = client.get(url, headers=city.headers).get_json()
    assert body["answers"] == COMPLETE_PROFILE and body["complete"] is True
    assert (
        client.get(url, headers=make_staff("regulator", jurisdiction="130600").headers).status_code
        == 404
    )
    assert client.get(url, headers=make_enterprise(division="130200").headers).status_code == 404
    assert (
        client.get(url, headers=make_staff("association", industries=["C17"]).headers).status_code
        == 403
    )


def test_the_definition_is_public_and_localised(client):
    zh = client.get("/api/v1/profile/definition").get_json()
    en = client.get("/api/v1/profile/definition", headers={"Accept-Language": "en"}).get_json()
    ids = [f["id"] for f in zh["fields"]]
    assert {"ownership", "staff_count", "business", "dishonesty_list"} <= set(ids)
    assert zh["title"] == "企业基本情况" and en["title"] == "Enterprise profile"


def test_a_dishonesty_listing_caps_all_three_questionnaires_and_is_frozen(
    client, enterprise, definition
):
    """End to end: the profile says 严重违法失信名单; every submission is capped at its cap."""
    listed = {**COMPLETE_PROFILE, "dishonesty_list": "listed"}
    put_profile(client, enterprise, listed)
    # The draft reads the profile: the credit question, whose worst answer was the listing, is
    # not shown to a listed firm (the profile states it once, for all three).
    facts = profile_facts(profile=listed)
    for key in ("quality", "brand", "standards"):
        cap = definition(key)["red_flag_cap"]
        draft = enterprise.fill(key, complete_answers(definition(key), facts))
        submitted = enterprise.submit(draft)
        assert submitted["status"] == "submitted"
        result = client.get(
            f"/api/v1/assessments/{draft['id']}/result", headers=enterprise.headers
        ).get_json()
        assert result["capped"] is True, key
        assert result["overall"] <= cap and result["overall_uncapped"] > cap
        assert result["maturity"]["level"] <= 2
        assert {"question": "dishonesty_list", "source": "profile"}.items() <= result["red_flags"][
            0
        ].items()
    # Removed from the list later: earlier results keep their cap (frozen), a new one does not.
    put_profile(client, enterprise, COMPLETE_PROFILE)
    first = client.get("/api/v1/assessments", headers=enterprise.headers).get_json()
    assert all(row["red_flag_count"] == 1 for row in first["items"])
