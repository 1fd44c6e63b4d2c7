"""JSON bodies past the depth or number bounds: 400 malformed-json, never a 500 or a traceback."""

import logging

import pytest

from app.jsonbody import MAX_DEPTH

REGISTER = "/api/v1/auth/register"


def post(client, raw: str, **headers):
    return client.post(REGISTER, data=raw, content_type="application/json", headers=headers)


@pytest.mark.parametrize(
    "raw",
    [
        "[" * 200_000 + "]" * 200_000,  # the parser would recurse past Python's limit
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),  # parses, but deeper than allowed
        '{"a":' * 40 + "1" + "}" * 40,
    ],
    ids=["recursion", "depth", "objects"],
)
def test_deeply_nested_json_is_400_malformed_json(client, raw, caplog):
    with caplog.at_level(logging.ERROR):
        response = post(client, raw, **{"Accept-Language": "en"})
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"].endswith(":malformed-json")
    assert f"more than {MAX_DEPTH} levels" in problem["detail"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "number",
    ["9" * 900_000, "-" + "1" * 5000, "1." + "0" * 100, "1e" + "9" * 80],
    ids=["900k-digits", "5k-negative", "long-float", "long-exponent"],
)
def test_a_huge_number_is_400_malformed_json_in_chinese(client, number, caplog):
    with caplog.at_level(logging.ERROR):
        response = post(client, '{"a": ' + number + "}")
    assert response.status_code == 400
    assert response.get_json()["type"].endswith(":malformed-json")
    assert "数字" in response.get_json()["detail"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_body_at_the_bounds_reaches_the_view(client):
    nested = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)  # inside the outer object
    response = post(client, '{"name": ' + nested + ', "size": ' + "9" * 60 + "}")
    assert response.status_code == 422  # the schema's answer: the body itself was fine
    assert "name" in response.get_json()["errors"]


def test_a_body_over_the_size_limit_is_413(client, app):
    raw = '{"a": "' + "x" * (app.config["MAX_CONTENT_LENGTH"] + 10) + '"}'
    response = post(client, raw)
    assert response.status_code == 413
    assert response.mimetype == "application/problem+json"
