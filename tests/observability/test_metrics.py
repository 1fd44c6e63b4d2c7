"""GET /metrics: what it counts, and who may read it."""

import re
import uuid

import pytest

from app.observability import metrics

REDIS_URL = "redis://127.0.0.1:6379/0"


def scrape(client, **kwargs) -> str:
    response = client.get("/metrics", **kwargs)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    return response.get_data(as_text=True)


def sample(text: str, name: str, **labels) -> float:
    """The value of one sample of the exposition, 0 when absent."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        match = re.fullmatch(rf"{name}(?:\{{(.*)\}})? (\S+)", line)
        if match and ",".join(sorted((match.group(1) or "").split(","))) == wanted:
            return float(match.group(2))
    return 0.0


REQUESTS = "quality_http_request_duration_seconds_count"


def test_requests_are_counted_by_method_route_and_status(client, enterprise):
    route = {"method": "GET", "route": "/api/v1/assessments/<int:assessment_id>"}
    before = scrape(client)
    draft = enterprise.create("quality")
    client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers)
    client.get(f"/api/v1/assessments/{draft['id'] + 1000}", headers=enterprise.headers)
    after = scrape(client)
    for status in ("200", "404"):
        assert sample(after, REQUESTS, **route, status=status) == (
            sample(before, REQUESTS, **route, status=status) + 1
        )
    # ids stay out of the labels: one series per rule, whatever the path
    assert f"/api/v1/assessments/{draft['id']}" not in after


def test_metrics_are_not_part_of_the_api_document(client):
    assert "/metrics" not in client.get("/api/openapi.json").get_json()["paths"]


def test_metrics_are_refused_to_other_networks_with_a_problem(client):
    response = client.get(
        "/metrics",
        environ_base={"REMOTE_ADDR": "203.0.113.7"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 404


def test_a_request_through_the_proxy_is_refused_though_the_proxy_is_on_loopback(client):
    response = client.get("/metrics", headers={"X-Forwarded-For": "198.51.100.1"})
    assert response.status_code == 404


def test_the_token_opens_metrics_from_anywhere_and_a_wrong_one_does_not(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_TOKEN", "scrape-token-1")
    outside = {"REMOTE_ADDR": "203.0.113.7"}
    scrape(client, environ_base=outside, headers={"Authorization": "Bearer scrape-token-1"})
    wrong = client.get(
        "/metrics", environ_base=outside, headers={"Authorization": "Bearer scrape-token-2"}
    )
    assert wrong.status_code == 404
    # a configured network still works without the token
    monkeypatch.setitem(app.config, "METRICS_ALLOWED_NETWORKS", [])
    assert client.get("/metrics").status_code == 404
    scrape(client, headers={"Authorization": "Bearer scrape-token-1"})


@pytest.fixture
def report_queue(app, monkeypatch):
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue

    connection = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    name = f"metrics-test-{uuid.uuid4().hex[:12]}"
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "REPORT_QUEUE", name)
    queue = Queue(name, connection=connection)
    yield queue
    queue.empty()
    for key in connection.scan_iter(f"*{name}*"):
        connection.delete(key)


def test_the_queue_depth_is_read_from_redis_at_each_scrape(client, report_queue):
    assert sample(scrape(client), "quality_report_queue_jobs", state="queued") == 0
    report_queue.enqueue("app.reports.worker.render_job", 1)
    report_queue.enqueue("app.reports.worker.render_job", 2)
    text = scrape(client)
    assert sample(text, "quality_report_queue_up") == 1
    assert sample(text, "quality_report_queue_jobs", state="queued") == 2
    assert sample(text, "quality_report_queue_jobs", state="failed") == 0


def test_an_unreachable_redis_is_a_zero_not_a_failed_scrape(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    text = scrape(client)
    assert sample(text, "quality_report_queue_up") == 0
    assert "quality_report_queue_jobs{" not in text


def test_without_redis_there_is_no_queue_to_report(client):
    assert "quality_report_queue" not in scrape(client)


def test_the_render_start_notes_whether_the_report_was_stored_before():
    class Row:
        rendered_at = None

    assert metrics.render_started(Row()).first is True
    Row.rendered_at = object()
    assert metrics.render_started(Row()).first is False
