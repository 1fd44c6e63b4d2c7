"""The OpenAPI document: valid OpenAPI 3, and it lists every endpoint the app serves."""

import re

from openapi_spec_validator import validate

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
