"""Conditions on the server: hidden questions refuse answers, and a change that hides drops them."""

from tests.fixtures.answering import value_for


def question(definition, question_id):
    return next(q for s in definition["sections"] for q in s["questions"] if q["id"] == question_id)


def test_answering_a_hidden_question_is_422_and_saves_nothing(enterprise, definition, client):
    # The test enterprise's profile says it does not sell online: the shop question is hidden.
    draft = enterprise.create("quality")
    shop = question(definition("quality"), "online_shop")
    response = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": {"online_shop": value_for(shop, "best")}},
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
    strategy = question(definition("brand"), "brand_strategy")
    draft = enterprise.create("brand")
    saved = enterprise.save(
        draft, {"business_model": "own_brand", "brand_strategy": value_for(strategy, "best")}
    )
    assert saved["answers"]["brand_strategy"] == value_for(strategy, "best")
    assert saved["dropped"] == []


def test_a_change_that_hides_an_answered_question_drops_it_and_says_so(enterprise, definition):
    strategy = question(definition("brand"), "brand_strategy")
    draft = enterprise.save(
        enterprise.create("brand"),
        {"business_model": "own_brand", "brand_strategy": value_for(strategy, "best")},
    )
    changed = enterprise.save(draft, {"business_model": "supplier"})
    assert changed["dropped"] == ["brand_strategy"]
    assert "brand_strategy" not in changed["answers"]
    assert "brand_strategy" not in changed["missing"]


def test_industry_conditions_follow_the_enterprise(make_enterprise, definition):
    maker = make_enterprise(industry="C3670")  # car parts: a manufacturer in C36
    shop = make_enterprise(industry="F5261")  # a car dealer: not manufacturing
    maker_ids = set(maker.create("quality")["missing"])
    shop_ids = set(shop.create("quality")["missing"])
    assert "reliability" in maker_ids
    assert "reliability" not in shop_ids
