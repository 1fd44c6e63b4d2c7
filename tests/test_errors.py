"""Failures of the request itself are problem+json: Chinese by default, English when asked."""

import pytest

from app.problems import PREFIX

LOGIN = "/api/v1/auth/login"
EN = {"Accept-Language": "en"}


def assert_problem(
    response, status: int, detail_zh: str, detail_en_start: str, english, problem: str
):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["type"] == PREFIX + problem
    assert body["detail"] == detail_zh
    assert response.headers["Content-Language"] == "zh"
    assert english.status_code == status
    assert english.mimetype == "application/problem+json"
    assert english.get_json()["detail"].startswith(detail_en_start)
    assert english.headers["Content-Language"] == "en"


@pytest.mark.parametrize("raw", [b'{"username": "x", ', b"not json", b"\xff\xfe{}", b"[1, 2"])
def test_malformed_json_is_a_400(client, raw):
    send = dict(data=raw, content_type="application/json")
    assert_problem(
        client.post(LOGIN, **send),
        400,
        "请求体不是合法的 JSON。",
        "The request body is not valid JSON.",
        client.post(LOGIN, headers=EN, **send),
        "malformed-json",
    )


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_body_that_is_not_json_is_a_415(client, content_type):
    send = dict(data=b"username=x&password=y", content_type=content_type)
    assert_problem(
        client.post(LOGIN, **send),
        415,
        "请求体须为 JSON（Content-Type: application/json）。",
        "The request body must be JSON",
        client.post(LOGIN, headers=EN, **send),
        "unsupported-media-type",
    )


def test_a_body_over_the_limit_is_a_413(app, client):
    limit = app.config["MAX_CONTENT_LENGTH"]
    big = b'{"username": "' + b"x" * limit + b'", "password": "y"}'
    send = dict(data=big, content_type="application/json")
    assert_problem(
        client.post(LOGIN, **send),
        413,
        f"请求体过大（上限 {limit} 字节）。",
        "The request body is too large",
        client.post(LOGIN, headers=EN, **send),
        "payload-too-large",
    )


@pytest.mark.parametrize("path", ["/api/v1/nowhere", "/api/v1/auth/login/extra", "/nothing-here"])
def test_an_unknown_path_is_a_404(client, path):
    assert_problem(
        client.get(path),
        404,
        "未找到请求的资源。",
        "The requested resource was not found.",
        client.get(path, headers=EN),
        "not-found",
    )


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_a_wrong_method_is_a_405_with_allow(client, method):
    response = client.open(LOGIN, method=method)
    assert_problem(
        response,
        405,
        "该地址不支持此请求方法。",
        "This method is not allowed on this resource.",
        client.open(LOGIN, method=method, headers=EN),
        "method-not-allowed",
    )
    assert "POST" in response.headers["Allow"]


def test_english_also_by_query_parameter(client):
    response = client.get("/api/v1/nowhere?lang=en")
    assert response.get_json()["title"] == "Not Found"
