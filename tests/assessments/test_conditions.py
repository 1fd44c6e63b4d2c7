"""Conditions on the server: hidden questions refuse answers, and a change that hides drops them."""

from tests.fixtures.answering import value_for


def question(definition, question_id):
    return next(q for s in definition["sections"] for q in s["questions"] if q["id"] == question_id)


def test_answering_a_hidden_question_is_422_and_saves_nothing(enterprise, definition, client):
    draft = enterprise.create("quality")
    shop = question(definition("quality"), "online_shop")
    response = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": {"business": ["licensed"], "online_shop": value_for(shop, "best")}},
        headers={
            **enterprise.headers,
            "If-Match": f'"{draft["version"]}"',
            "Accept-Language": "en",
        },
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["online_shop"]
    assert "not shown" in response.get_json()["errors"]["online_shop"][0]
    after = client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers).get_json()
    assert after["answers"] == {}


def test_an_answer_shown_by_the_same_batch_is_accepted(enterprise, definition):
    shop = question(definition("quality"), "online_shop")
    draft = enterprise.create("quality")
    saved = enterprise.save(draft, {"business": ["online"], "online_shop": value_for(shop, "best")})
    assert saved["answers"]["online_shop"] == value_for(shop, "best")
    assert saved["dropped"] == []


def test_a_change_that_hides_an_answered_question_drops_it_and_says_so(enterprise, definition):
    shop = question(definition("quality"), "online_shop")
    draft = enterprise.save(
        enterprise.create("quality"),
        {"business": ["online"], "online_shop": value_for(shop, "best")},
    )
    changed = enterprise.save(draft, {"business": ["licensed"]})
    assert changed["dropped"] == ["online_shop"]
    assert "online_shop" not in changed["answers"]
    assert "online_shop" not in changed["missing"]


def test_industry_conditions_follow_the_enterprise(make_enterprise, definition):
    maker = make_enterprise(industry="C3670")  # car parts: a manufacturer in C36
    shop = make_enterprise(industry="F5261")  # a car dealer: not manufacturing
    maker_ids = set(maker.create("quality")["missing"])
    shop_ids = set(shop.create("quality")["missing"])
    assert "reliability" in maker_ids
    assert "reliability" not in shop_ids
