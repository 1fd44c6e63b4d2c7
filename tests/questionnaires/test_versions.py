"""The administrator's questionnaire versions: check, draft, changes, publish, retire."""

import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.db import db
from app.questionnaires.loader import QuestionnaireError, load_file
from app.questionnaires.problem_texts import problem_text
from tests.questionnaires.test_publishing import example_yaml

VERSIONS = "/api/v1/questionnaire-versions"
CONDITION = "condition: {answer: sales_channels, contains_any: [online]}"


@pytest.fixture
def admin(make_staff):
    return make_staff("admin").headers


@pytest.fixture
def key():
    return f"qv_{uuid.uuid4().hex[:8]}"


def upload(client, headers, text, status=201, path=VERSIONS):
    response = client.post(path, json={"text": text, "filename": "x.yaml"}, headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def line_of(text: str, fragment: str, nth: int = 1) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), 1) if fragment in line]
    return lines[nth - 1]


def test_a_broken_condition_and_a_duplicate_id_are_refused_by_line_and_nothing_is_stored(
    client, admin, key
):
    text = (
        example_yaml(key)
        .replace(CONDITION, "condition: {answer: sales_channel, contains_any: [online]}")
        .replace("id: online_id", "id: cqo")
    )
    for path in (f"{VERSIONS}/check", VERSIONS):
        response = client.post(
            path, json={"text": text}, headers={**admin, "Accept-Language": "en"}
        )
        assert response.status_code == 422
        assert response.mimetype == "application/problem+json"
        body = response.get_json()
        assert body["type"].endswith(":questionnaire-invalid")
        assert "2 problem(s)" in body["detail"]
        found = {(p["question"], p["field"]): p for p in body["problems"]}
        duplicate = found[("cqo", "id")]
        assert duplicate["line"] == line_of(text, "- id: cqo", nth=2)
        assert "duplicate question id" in duplicate["message"]
        condition = found[("cqo", "condition.answer")]
        assert condition["line"] == line_of(text, "answer: sales_channel,")
        assert "sales_channel" in condition["message"]
        assert body["errors"]["cqo.condition.answer"] == [condition["message"]]
    zh = client.post(VERSIONS, json={"text": text}, headers={**admin, "Accept-Language": "zh"})
    assert "问卷文件有 2 处问题" in zh.get_json()["detail"]
    assert sorted(p["message"] for p in zh.get_json()["problems"]) == [
        "引用了不存在的题目 'sales_channel'",
        "题目编号 cqo 重复",
    ]
    listed = client.get(VERSIONS, headers=admin).get_json()["items"]
    assert key not in {item["key"] for item in listed}


def test_a_yaml_syntax_error_names_its_line(client, admin, key):
    text = example_yaml(key).replace("estimated_minutes: 2", "estimated_minutes: [2")
    body = upload(client, admin, text, status=422, path=f"{VERSIONS}/check")
    (problem,) = body["problems"]
    assert problem["field"] == "yaml"
    assert problem["line"] >= line_of(text, "estimated_minutes")


def test_a_check_stores_nothing_and_an_upload_stores_a_draft_only_the_admin_sees(
    client, admin, key, enterprise
):
    checked = upload(client, admin, example_yaml(key), status=200, path=f"{VERSIONS}/check")
    assert checked == {"key": key, "title": "示例问卷", "question_count": 3, "problems": []}
    assert key not in {i["key"] for i in client.get(VERSIONS, headers=admin).get_json()["items"]}

    draft = upload(client, admin, example_yaml(key))
    assert (draft["version"], draft["state"], draft["current"]) == (1, "draft", False)
    assert draft["created"] is True
    again = upload(client, admin, example_yaml(key), status=200)
    assert (again["version"], again["created"]) == (1, False)
    assert client.get(f"/api/v1/questionnaires/{key}").status_code == 404
    assert client.get(f"/api/v1/questionnaires/{key}/versions/1").status_code == 404
    response = client.post(
        "/api/v1/assessments", json={"questionnaire": key}, **enterprise_h(enterprise)
    )
    assert response.status_code == 422
    preview = client.get(f"{VERSIONS}/{key}/1", headers=admin)
    assert preview.status_code == 200
    assert "no-store" in preview.headers["Cache-Control"]
    assert [q["id"] for q in preview.get_json()["sections"][0]["questions"]][-1] == "online_id"
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.action.like("qn_%"))
    ).all()
    assert actions == ["qn_draft"]


def enterprise_h(actor) -> dict:
    return {"headers": actor.headers}


def publish(client, admin, key, version, status=200):
    response = client.post(f"{VERSIONS}/{key}/{version}/publish", headers=admin)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def test_changes_name_questions_added_removed_reworded_and_options_weights_conditions(
    client, admin, key
):
    upload(client, admin, example_yaml(key))
    publish(client, admin, key, 1)
    changed = (
        example_yaml(key)
        .replace("是否设立首席质量官或质量安全总监？", "是否设立首席质量官？")
        .replace(
            "{id: appointed, text: {zh: 已设立并经培训}, points: 4}",
            "{id: appointed, text: {zh: 已设立并经培训}, points: 3}",
        )
        .replace(CONDITION, "condition: {answer: sales_channels, contains_any: [offline]}")
        .replace(
            "        weight: 1\n        dimension: methods",
            "        weight: 2\n        dimension: methods",
        )
        .replace(
            "          - {id: online, text: {zh: 电子商务平台}, points: 0}",
            "          - {id: online, text: {zh: 电子商务平台}, points: 0}\n"
            "          - {id: phone, text: {zh: 电话订购}, points: 0}",
        )
    )
    draft = upload(client, admin, changed)
    assert draft["version"] == 2
    response = client.get(f"{VERSIONS}/{key}/2/changes", headers={**admin, "Accept-Language": "zh"})
    assert response.status_code == 200
    changes = response.get_json()
    assert (changes["since"], changes["version"]) == (1, 2)
    assert changes["added"] == [] and changes["removed"] == []
    assert changes["reworded"] == [
        {
            "id": "cqo",
            "before": "是否设立首席质量官或质量安全总监？",
            "after": "是否设立首席质量官？",
        }
    ]
    assert [(w["id"], w["before"], w["after"]) for w in changes["weights"]] == [("online_id", 1, 2)]
    assert [(c["id"], c["after"]) for c in changes["conditions"]] == [
        ("online_id", {"answer": "sales_channels", "contains_any": ["offline"]})
    ]
    options = {o["id"]: o for o in changes["options"]}
    assert options["cqo"]["changed"] == [
        {"id": "appointed", "label": "已设立并经培训", "field": "points", "before": 4, "after": 3}
    ]
    assert [o["id"] for o in options["sales_channels"]["added"]] == ["phone"]

    renamed = upload(client, admin, example_yaml(key).replace("id: online_id", "id: shop_id"))
    changes = client.get(f"{VERSIONS}/{key}/{renamed['version']}/changes", headers=admin)
    changes = changes.get_json()
    assert changes["since"] == 1  # the current version, not the draft before
    assert [(q["id"], q["section"]) for q in changes["added"]] == [("shop_id", "main")]
    assert [q["id"] for q in changes["removed"]] == ["online_id"]


def test_publishing_moves_new_assessments_and_retiring_keeps_drafts_on_their_version(
    client, admin, key, make_enterprise
):
    first, second, third = make_enterprise(), make_enterprise(), make_enterprise()
    upload(client, admin, example_yaml(key))
    publish(client, admin, key, 1)
    on_one = first.create(key)
    upload(client, admin, example_yaml(key).replace("示例问卷", "示例问卷（第二版）"))
    published = publish(client, admin, key, 2)
    assert (published["state"], published["current"]) == ("published", True)
    on_two = second.create(key)
    assert (on_one["questionnaire"]["version"], on_two["questionnaire"]["version"]) == (1, 2)

    listed = {i["key"]: i for i in client.get(VERSIONS, headers=admin).get_json()["items"]}
    counts = {
        v["version"]: (v["state"], v["drafts"], v["current"]) for v in listed[key]["versions"]
    }
    assert counts == {2: ("published", 1, True), 1: ("published", 1, False)}

    retired = client.post(f"{VERSIONS}/{key}/2/retire", headers=admin)
    assert retired.status_code == 200 and retired.get_json()["state"] == "retired"
    assert (
        second.client.get(f"/api/v1/assessments/{on_two['id']}", headers=second.headers).get_json()[
            "questionnaire"
        ]["version"]
        == 2
    )
    assert third.create(key)["questionnaire"]["version"] == 1
    client.post(f"{VERSIONS}/{key}/1/retire", headers=admin)
    late = make_enterprise()
    refused = client.post("/api/v1/assessments", json={"questionnaire": key}, headers=late.headers)
    assert refused.status_code == 422
    assert client.get(f"/api/v1/questionnaires/{key}/versions/2").status_code == 200
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.action.like("qn_%")).order_by(AuditEntry.id)
    ).all()
    assert actions == ["qn_draft", "qn_publish", "qn_draft", "qn_publish", "qn_retire", "qn_retire"]


def test_publishing_refuses_a_version_that_is_not_a_draft_or_older_than_a_published_one(
    client, admin, key
):
    upload(client, admin, example_yaml(key))
    upload(client, admin, example_yaml(key).replace("示例问卷", "示例二"))
    publish(client, admin, key, 2)
    older = publish(client, admin, key, 1, status=409)
    assert "2" in older["detail"] and "version" in older["errors"]
    again = client.post(
        f"{VERSIONS}/{key}/2/publish", headers={**admin, "Accept-Language": "zh"}
    ).get_json()
    assert again["status"] == 409 and "已发布" in again["detail"]
    assert client.post(f"{VERSIONS}/{key}/1/retire", headers=admin).status_code == 409
    assert client.post(f"{VERSIONS}/{key}/9/publish", headers=admin).status_code == 404
    assert client.get(f"{VERSIONS}/{key}/9/changes", headers=admin).status_code == 404


def test_the_cli_drafts_publishes_and_retires_through_the_same_service(app, tmp_path, key):
    path = tmp_path / f"{key}.yaml"
    path.write_text(
        example_yaml(key).replace(CONDITION, "condition: {answer: nowhere, answered: true}")
    )
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["questionnaires", "draft", str(path)])
    assert refused.exit_code == 1
    assert (
        f"line {line_of(path.read_text(), 'answer: nowhere')}: online_id: condition.answer"
        in refused.output
    )
    path.write_text(example_yaml(key))
    steps = [
        (["draft", str(path)], f"{key}: stored as draft version 1"),
        (["changes", key, "1"], '"id": "online_id"'),
        (["publish-version", key, "1"], f"{key}: version 1 published"),
        (["versions"], f"{key} 1 published drafts=0 submissions=0"),
        (["retire", key, "1"], f"{key}: version 1 retired"),
    ]
    for args, said in steps:
        result = runner.invoke(args=["questionnaires", *args])
        assert result.exit_code == 0, result.output
        assert said in result.output
    assert runner.invoke(args=["questionnaires", "retire", key, "1"]).exit_code == 1
    roles = db.session.scalars(select(AuditEntry.role).where(AuditEntry.action.like("qn_%"))).all()
    assert roles == ["cli", "cli", "cli"]


def test_every_problem_of_the_broken_fixtures_reads_in_chinese():
    broken = sorted((Path(__file__).parent / "fixtures" / "broken").glob("*.yaml"))
    messages = []
    for path in broken:
        with pytest.raises(QuestionnaireError) as caught:
            load_file(path)
        messages += [p.message for p in caught.value.problems]
    assert len(messages) > 40
    untranslated = [m for m in messages if problem_text(m, "zh") == m]
    assert not untranslated
    assert problem_text("duplicate question id cqo", "en") == "duplicate question id cqo"


def test_a_file_nested_beyond_the_parser_is_refused_not_a_server_error(client, admin):
    text = "a: " + "[" * 20000 + "]" * 20000
    body = upload(client, admin, text, status=422, path=f"{VERSIONS}/check")
    assert [(p["field"], p["message"]) for p in body["problems"]] == [("yaml", "嵌套层次过深")]
