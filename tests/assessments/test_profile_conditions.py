"""End to end: drafts read the profile; a submission freezes it and is capped by it."""

from tests.fixtures.actors import COMPLETE_PROFILE
from tests.fixtures.actors import facts as profile_facts
from tests.fixtures.answering import complete_answers

ONLINE_TOWELS = {**COMPLETE_PROFILE, "sales_channels": ["online"]}


def put_profile(client, actor, answers):
    response = client.put("/api/v1/profile", json={"answers": answers}, headers=actor.headers)
    assert response.status_code == 200, response.get_json()


def read(client, actor, assessment_id):
    response = client.get(f"/api/v1/assessments/{assessment_id}", headers=actor.headers)
    assert response.status_code == 200
    return response.get_json()


def keys(body) -> list[str]:
    return [s["key"] for s in body["sections"]]


def test_a_manufacturers_draft_lists_no_service_section_and_a_shops_does(make_enterprise):
    maker = make_enterprise(industry="C1772")
    shop = make_enterprise(industry="F5211")
    made = maker.create("quality")
    sold = shop.create("quality")
    assert "service" not in keys(made) and "cluster" in keys(made)
    assert "service" in keys(sold) and "cluster" not in keys(sold)
    # The section count and the progress count only what is shown to this firm.
    for body in (made, sold):
        assert sum(s["total"] for s in body["sections"]) == body["progress"]["total"]
        assert all(s["total"] > 0 for s in body["sections"])
    assert {"service_standards", "service_quality_trend"} <= set(sold["missing"])
    assert not {"service_standards", "service_quality_trend"} & set(made["missing"])


def test_the_draft_follows_the_profile_as_it_changes(client, enterprise, definition):
    draft = enterprise.create("quality")
    assert "online_shop" not in draft["missing"]
    assert draft["facts"]["profile"]["sales_channels"] == ["none"]
    put_profile(client, enterprise, ONLINE_TOWELS)
    now = read(client, enterprise, draft["id"])
    assert "online_shop" in now["missing"]
    assert now["facts"] == {"industry": "C1772", "size": "small", "profile": ONLINE_TOWELS}
    # The answer is accepted now that the profile shows the question.
    answers = complete_answers(definition("quality"), profile_facts(profile=ONLINE_TOWELS))
    saved = enterprise.save(now, {"online_shop": answers["online_shop"]})
    assert saved["answers"]["online_shop"] == answers["online_shop"]
    # Taken back in the profile: hidden again, and the next save drops the answer.
    put_profile(client, enterprise, COMPLETE_PROFILE)
    again = read(client, enterprise, draft["id"])
    assert "online_shop" not in again["missing"]
    first = next(iter(answers))
    after = enterprise.save(again, {first: answers[first]})
    assert after["dropped"] == ["online_shop"] and "online_shop" not in after["answers"]


def test_a_red_line_in_the_profile_hides_its_question_caps_the_submission_and_stays_frozen(
    client, enterprise, definition, make_staff
):
    unrectified = {**COMPLETE_PROFILE, "spot_check_failure": "unrectified"}
    put_profile(client, enterprise, unrectified)
    draft = enterprise.create("quality")
    assert "spot_check" not in draft["missing"]
    facts = profile_facts(profile=unrectified)
    answers = complete_answers(definition("quality"), facts, "best")
    assert "spot_check" not in answers
    submitted = enterprise.submit(enterprise.fill("quality", answers))
    result = submitted["result"]
    assert result["capped"] is True
    assert result["overall"] == definition("quality")["red_flag_cap"]
    assert result["maturity"]["level"] == 2
    assert [(f["source"], f["question"]) for f in result["red_flags"]] == [
        ("profile", "spot_check_failure")
    ]
    assert submitted["facts"]["profile"]["spot_check_failure"] == "unrectified"
    # Rectified later: the profile changes, the submission keeps what it froze.
    put_profile(client, enterprise, COMPLETE_PROFILE)
    kept = read(client, enterprise, draft["id"])
    assert kept["facts"]["profile"]["spot_check_failure"] == "unrectified"
    assert kept["missing"] == [] and kept["red_flag_count"] == 1
    regulator = make_staff("regulator", jurisdiction="130100")
    seen = read(client, regulator, draft["id"])
    assert seen["facts"]["profile"]["spot_check_failure"] == "unrectified"
    listed = client.get("/api/v1/assessments", headers=enterprise.headers).get_json()["items"]
    assert listed[0]["facts"]["profile"]["spot_check_failure"] == "unrectified"
    # The next questionnaire, submitted now, is not capped and asks the spot-check question.
    clean = complete_answers(definition("standards"), profile_facts(), "best")
    assert enterprise.submit(enterprise.fill("standards", clean))["result"]["capped"] is False
    # Returned by the regulator: the decision shows what was submitted (the frozen facts); the
    # reopened draft reads today's profile, so the spot-check question is asked again.
    returned = client.post(
        f"/api/v1/assessments/{draft['id']}/review",
        json={"decision": "return", "comment": "请补充整改后的复查结果"},
        headers=regulator.headers,
    )
    assert returned.status_code == 200, returned.get_json()
    assert returned.get_json()["facts"]["profile"]["spot_check_failure"] == "unrectified"
    reopened = read(client, enterprise, draft["id"])
    assert reopened["status"] == "returned" and "spot_check" in reopened["missing"]
    assert read(client, regulator, draft["id"])["facts"]["profile"]["spot_check_failure"] == (
        "unrectified"
    )


def test_a_draft_before_the_profile_shows_the_questions_a_red_line_would_hide(make_enterprise):
    firm = make_enterprise(profile={})
    draft = firm.create("quality")
    assert draft["facts"]["profile"] == {}
    # Unknown is not a red line: the questions stay, and submitting asks for the profile first.
    assert {"spot_check", "accidents", "credit_record"} <= set(draft["missing"])
    assert "online_shop" not in draft["missing"]
