"""Drafts: creating, reading, saving answers with If-Match, and every kind of bad value."""

import pytest

from app.questionnaires.conditions import visible_questions
from tests.fixtures.answering import complete_answers

Q = "quality"


def create(client, headers, key=Q):
    return client.post("/api/v1/assessments", json={"questionnaire": key}, headers=headers)


def patch(client, headers, assessment_id, answers, version, **extra_headers):
    return client.patch(
        f"/api/v1/assessments/{assessment_id}/answers",
        json={"answers": answers},
        headers={**headers, "If-Match": f'"{version}"', **extra_headers},
    )


def test_create_returns_a_draft_bound_to_the_latest_version(client, enterprise):
    response = create(client, enterprise.headers)
    assert response.status_code == 201
    body = response.get_json()
    assert body["status"] == "draft"
    assert body["revision"] == 0
    assert body["questionnaire"]["key"] == Q
    assert body["questionnaire"]["title"] == "质量管理"
    assert body["enterprise"]["uscc"] == enterprise.uscc
    assert response.headers["ETag"] == f'"{body["version"]}"'
    assert body["progress"]["answered"] == 0
    assert body["missing"] and body["progress"]["total"] >= len(body["missing"])


def test_second_create_returns_the_open_draft_with_200(client, enterprise):
    first = create(client, enterprise.headers).get_json()
    second = create(client, enterprise.headers)
    assert second.status_code == 200
    assert second.get_json()["id"] == first["id"]


def test_create_for_an_unknown_questionnaire_is_422_naming_the_field(client, enterprise):
    response = create(client, enterprise.headers, key="nope")
    assert response.status_code == 422
    assert "questionnaire" in response.get_json()["errors"]


def test_saving_answers_moves_progress_and_version(client, enterprise, definition):
    draft = create(client, enterprise.headers).get_json()
    first_id = draft["missing"][0]
    value = complete_answers(definition(Q), enterprise.facts)[first_id]
    response = patch(client, enterprise.headers, draft["id"], {first_id: value}, draft["version"])
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["answers"][first_id] == value
    assert body["version"] == draft["version"] + 1
    assert body["progress"]["answered"] == 1
    assert first_id not in body["missing"]
    again = client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers)
    assert again.get_json()["answers"] == body["answers"]


def test_patch_without_if_match_is_428(client, enterprise):
    draft = create(client, enterprise.headers).get_json()
    response = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": {}},
        headers=enterprise.headers,
    )
    assert response.status_code in (422, 428)
    response = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": {draft["missing"][0]: None}},
        headers=enterprise.headers,
    )
    assert response.status_code == 428
    assert response.content_type == "application/problem+json"


@pytest.mark.parametrize("form", ['"{v}"', 'W/"{v}"', '"{v}-gzip"', 'W/"{v}-br"', "{v}"])
def test_if_match_is_accepted_as_any_client_may_send_it(client, enterprise, definition, form):
    draft = create(client, enterprise.headers).get_json()
    first_id = draft["missing"][0]
    value = complete_answers(definition(Q), enterprise.facts)[first_id]
    response = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": {first_id: value}},
        headers={**enterprise.headers, "If-Match": form.format(v=draft["version"])},
    )
    assert response.status_code == 200


def test_two_devices_one_gets_412_with_the_current_draft_and_loses_nothing(
    client, enterprise, definition
):
    draft = create(client, enterprise.headers).get_json()
    answers = complete_answers(definition(Q), enterprise.facts)
    a, b = draft["missing"][0], draft["missing"][1]
    phone = patch(client, enterprise.headers, draft["id"], {a: answers[a]}, draft["version"])
    assert phone.status_code == 200
    tablet = patch(client, enterprise.headers, draft["id"], {b: answers[b]}, draft["version"])
    assert tablet.status_code == 412
    problem = tablet.get_json()
    assert problem["current"]["answers"] == {a: answers[a]}
    assert problem["current"]["version"] == phone.get_json()["version"]
    # The tablet merges and retries against the version it was given: both answers survive.
    retry = patch(
        client, enterprise.headers, draft["id"], {b: answers[b]}, problem["current"]["version"]
    )
    assert retry.status_code == 200
    assert retry.get_json()["answers"] == {a: answers[a], b: answers[b]}


def first_of_type(definition, kind, facts=None):
    """The first question of a type shown with no answers given (for these facts)."""
    shown = set(visible_questions(definition, {}, facts or {}))
    for section in definition["sections"]:
        for question in section["questions"]:
            if question["type"] == kind and question["id"] in shown:
                return question
    raise AssertionError(f"no {kind} question shown")


def test_bad_values_get_422_per_question_and_nothing_is_saved(client, enterprise, definition):
    defn = definition(Q)
    draft = create(client, enterprise.headers).get_json()
    good_id = draft["missing"][0]
    good = complete_answers(defn, enterprise.facts)[good_id]
    saved = patch(
        client, enterprise.headers, draft["id"], {good_id: good}, draft["version"]
    ).get_json()
    single = first_of_type(defn, "single", enterprise.facts)
    # (The questionnaire's multiple-choice questions are all conditional on the profile now.)
    number = first_of_type(defn, "number", enterprise.facts)
    bad = {
        "no_such_question": "x",
        single["id"]: "no_such_option",
        number["id"]: "not-a-number",
    }
    response = patch(
        client, {**enterprise.headers, "Accept-Language": "en"}, draft["id"], bad, saved["version"]
    )
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert set(errors) == set(bad)
    assert "no such question" in errors["no_such_question"][0]
    after = client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers).get_json()
    assert after["answers"] == {good_id: good}
    assert after["version"] == saved["version"]


def test_a_number_out_of_range_is_422_naming_the_question_in_chinese(
    client, enterprise, definition
):
    defn = definition(Q)
    numbers = [
        q
        for s in defn["sections"]
        for q in s["questions"]
        if q["type"] == "number" and q.get("condition") is None
    ]
    if not numbers:
        pytest.skip("the quality questionnaire has no unconditional number question")
    question = numbers[0]
    draft = create(client, enterprise.headers).get_json()
    response = patch(
        client, enterprise.headers, draft["id"], {question["id"]: -1}, draft["version"]
    )
    assert response.status_code == 422
    message = response.get_json()["errors"][question["id"]][0]
    assert "不能小于" in message


def test_text_over_2000_characters_is_422_and_2000_are_kept(client, enterprise, definition):
    """End to end on the questionnaires' own optional text question (brand's story)."""
    found = [
        (key, q)
        for key in ("quality", "brand", "standards")
        for s in definition(key)["sections"]
        for q in s["questions"]
        if q["type"] == "text" and q.get("condition") is None
    ]
    assert found, "a questionnaire has an unconditional text question"
    key, question = found[0]
    assert question["weight"] == 0 and not question["required"] and question["max_length"] == 2000
    draft = create(client, enterprise.headers, key=key).get_json()
    response = patch(
        client,
        enterprise.headers,
        draft["id"],
        {question["id"]: "字" * 2001},
        draft["version"],
        **{"Accept-Language": "en"},
    )
    assert response.status_code == 422
    problem = response.get_json()
    assert list(problem["errors"]) == [question["id"]]
    assert "2000" in problem["errors"][question["id"]][0]
    kept = client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers)
    assert question["id"] not in kept.get_json()["answers"]  # nothing of the refused save

    story = "河北毛巾" + "字" * 1996
    saved = patch(
        client, enterprise.headers, draft["id"], {question["id"]: story}, draft["version"]
    )
    assert saved.status_code == 200, saved.get_json()
    again = client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers).get_json()
    assert again["answers"][question["id"]] == story and len(story) == 2000
