"""The OpenAPI document: valid OpenAPI 3, every endpoint the app serves, and the truth about
errors (problem+json), operation ids and the response headers sent."""

import re
from pathlib import Path

import jsonschema
import pytest
from openapi_spec_validator import validate

from app.problems import PREFIX, PROBLEM_TYPES, type_for_status

UNDOCUMENTED = {
    "/api/openapi.json",
    "/api/docs",
    "/api/docs/static/<path:filename>",
    "/static/<path:filename>",
}


def test_the_document_is_valid_openapi_3(client):
    document = client.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    validate(document)


def test_every_api_route_is_documented_with_its_methods(app, client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    for rule in app.url_map.iter_rules():
        if (
            not (rule.rule.startswith("/api/") or rule.rule == "/healthz")
            or rule.rule in UNDOCUMENTED
        ):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        assert path in paths, f"{rule.rule} is not in the OpenAPI document"
        methods = {m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}}
        assert methods <= set(paths[path]), (
            f"{rule.rule}: {methods - set(paths[path])} undocumented"
        )


def test_interactive_docs_are_served_without_a_cdn(client):
    page = client.get("/api/docs")
    assert page.status_code == 200
    assert b"/api/docs/static/swagger-ui-bundle.js" in page.data
    assert client.get("/api/docs/static/swagger-ui-bundle.js").status_code == 200


def _operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield path, method, operation


def _resolve(document, thing: dict) -> dict:
    while "$ref" in thing:
        kind, name = thing["$ref"].split("/")[-2:]
        thing = document["components"][kind][name]
    return thing


def test_every_operation_has_a_unique_readable_operation_id(client):
    document = client.get("/api/openapi.json").get_json()
    names = [op.get("operationId") for _, _, op in _operations(document)]
    assert all(name and re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)+", name) for name in names), names
    assert len(set(names)) == len(names)


# A health check answers 503 with its own JSON body: an answer about health, not a failed request.
NOT_PROBLEMS = {("/healthz", "get", "503")}


def test_every_error_response_is_documented_as_problem_json(client):
    document = client.get("/api/openapi.json").get_json()
    assert {"Error", "PaginationMetadata"}.isdisjoint(document["components"]["schemas"])
    for path, method, operation in _operations(document):
        assert "default" in operation["responses"], (path, method)
        for status, response in operation["responses"].items():
            success = status != "default" and int(status) < 400
            if success or (path, method, status) in NOT_PROBLEMS:
                continue
            content = _resolve(document, response)["content"]
            assert content == {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
            }, (path, method, status)


def test_the_problem_schema_describes_the_problems_the_app_sends(client, make_staff):
    problem = client.get("/api/openapi.json").get_json()["components"]["schemas"]["Problem"]
    headers = make_staff("regulator", jurisdiction="130000").headers
    sent = {
        "not-found": client.get("/api/v1/nowhere"),
        "method-not-allowed": client.delete("/api/v1/auth/login"),
        "malformed-json": client.post(
            "/api/v1/auth/login", data=b"{", content_type="application/json"
        ),
        "unauthorized": client.get("/api/v1/me"),
        "validation-failed": client.get(
            "/api/v1/assessments", query_string={"cursor": "x"}, headers=headers
        ),
        "forbidden": client.post(
            "/api/v1/assessments", json={"questionnaire": "quality"}, headers=headers
        ),
    }
    for code, response in sent.items():
        assert response.mimetype == "application/problem+json"
        jsonschema.validate(response.get_json(), problem)
        assert response.get_json()["type"] == PREFIX + code


def test_every_status_the_app_names_has_a_registered_type():
    from app.errors import _DEFAULT_MESSAGE_KEYS

    for status in _DEFAULT_MESSAGE_KEYS:
        assert type_for_status(status).startswith(PREFIX), status


def test_the_problem_types_are_listed_in_the_document_and_in_docs(client):
    description = client.get("/api/openapi.json").get_json()["info"]["description"]
    guide = (Path(__file__).parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    for code in PROBLEM_TYPES:
        assert f"`{PREFIX}{code}`" in description, code
        assert f"`{code}`" in guide, code


@pytest.mark.parametrize(
    ("operation_id", "status", "header"),
    [
        ("listAssessments", "200", "Link"),
        ("listAuditEntries", "200", "Link"),
        ("getAssessment", "200", "ETag"),
        ("getAssessment", "304", "ETag"),
        ("saveAnswers", "200", "ETag"),
        ("submitAssessment", "200", "Idempotent-Replayed"),
        ("logIn", "429", "Retry-After"),
        ("getAssessmentReport", "202", "Retry-After"),
        ("getQuestionnaire", "200", "ETag"),
        ("getAssessment", "404", "X-Request-ID"),
        ("getHealth", "200", "X-Request-ID"),
        ("listRegions", "200", "Content-Language"),
    ],
)
def test_response_headers_are_declared_where_they_are_sent(client, operation_id, status, header):
    document = client.get("/api/openapi.json").get_json()
    operation = next(op for _, _, op in _operations(document) if op["operationId"] == operation_id)
    response = _resolve(
        document, operation["responses"].get(status, operation["responses"]["default"])
    )
    assert header in response["headers"], (operation_id, status)
