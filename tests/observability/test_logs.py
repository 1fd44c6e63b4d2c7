"""One line per request (JSON or text): id, route, status, duration and role, never secrets."""

import io
import json
import logging

import pytest

from app.observability.logs import configure_logging

Q = "quality"


@pytest.fixture
def log_lines(app, monkeypatch):
    """log_lines(fmt) -> a function returning the lines our handler wrote since the call."""
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "quality_handler", 0))
    stream = io.StringIO()
    previous = handler.setStream(stream)
    level = app.config["LOG_LEVEL"]

    def start(log_format: str):
        monkeypatch.setitem(app.config, "LOG_FORMAT", log_format)
        monkeypatch.setitem(app.config, "LOG_LEVEL", "INFO")
        configure_logging(app)
        stream.seek(0)
        stream.truncate()
        return lambda: [line for line in stream.getvalue().splitlines() if line]

    yield start
    handler.setStream(previous)
    monkeypatch.setitem(app.config, "LOG_LEVEL", level)
    monkeypatch.undo()
    configure_logging(app)


def request_lines(lines):
    return [json.loads(line) for line in lines if '"logger": "app.requests"' in line]


def test_a_request_is_one_json_line_with_its_id_route_status_duration_and_role(
    client, enterprise, log_lines
):
    lines = log_lines("json")
    draft = enterprise.create(Q)
    response = client.get(
        f"/api/v1/assessments/{draft['id']}?access_token=s3cret-in-query",
        headers={**enterprise.headers, "X-Request-ID": "phone-42"},
    )
    assert response.status_code == 200
    assert response.headers["X-Request-ID"] == "phone-42"
    [line] = [r for r in request_lines(lines()) if r["request_id"] == "phone-42"]
    assert line["method"] == "GET"
    assert line["route"] == "/api/v1/assessments/<int:assessment_id>"
    assert line["status"] == 200
    assert line["role"] == "enterprise"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert {"time", "level", "logger", "message"} <= set(line)
    assert "s3cret" not in json.dumps(line)


def test_request_lines_never_carry_passwords_tokens_or_answers(client, enterprise, log_lines):
    lines = log_lines("json")
    client.post(
        "/api/v1/auth/login",
        json={"username": enterprise.username, "password": "wrong-Secret-pw-1"},
    )
    signed_in = client.post(
        "/api/v1/auth/login",
        json={"username": enterprise.username, "password": "correct-horse-battery"},
    ).get_json()
    draft = enterprise.create(Q)
    client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": {"q-unknown": "a-distinctive-answer-text"}},
        headers={**enterprise.headers, "If-Match": f'"{draft["version"]}"'},
    )
    written = "\n".join(lines())
    assert request_lines(written.splitlines())  # the requests were logged...
    for secret in (
        "wrong-Secret-pw-1",
        "correct-horse-battery",
        signed_in["access_token"],
        signed_in["refresh_token"],
        enterprise.headers["Authorization"].split()[1],
        "a-distinctive-answer-text",
    ):
        assert secret not in written  # ...and nothing a caller must keep to themselves


def test_an_unmatched_path_is_logged_as_unmatched_and_an_anonymous_caller_as_such(
    client, log_lines
):
    lines = log_lines("json")
    client.get("/api/v1/no-such-thing/12345", headers={"X-Request-ID": "probe-1"})
    [line] = [r for r in request_lines(lines()) if r["request_id"] == "probe-1"]
    assert (line["route"], line["status"], line["role"]) == ("unmatched", 404, "anonymous")


def test_an_unusable_request_id_is_replaced_by_one_of_ours_which_the_line_carries(
    app, client, log_lines
):
    lines = log_lines("json")
    response = client.get("/healthz", headers={"X-Request-ID": "x" * 65})
    generated = response.headers["X-Request-ID"]
    assert len(generated) == 32 and generated != "x" * 65
    assert [r for r in request_lines(lines()) if r["request_id"] == generated]


def test_text_format_writes_one_readable_line_per_request(client, log_lines):
    lines = log_lines("text")
    client.get("/healthz", headers={"X-Request-ID": "text-1"})
    [line] = [line for line in lines() if "[text-1]" in line]
    assert "app.requests" in line and "GET /healthz 200" in line and " ms anonymous" in line
