"""With REDIS_URL: an export job runs on the RQ worker (the report worker's second queue) and its
file goes to the configured store — a local directory, then the S3 test server (moto)."""

import uuid

import pytest

from tests.exports.test_export_jobs import EXPORTS, download_csv, two_cities  # noqa: F401
from tests.reports.conftest import REDIS_URL, redis_server, report_storage  # noqa: F401
from tests.review.conftest import regulators, submitted  # noqa: F401
from tests.storage.servers import storage_settings  # noqa: F401

QUEUE = f"exports-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def export_queue(app, monkeypatch, redis_server):  # noqa: F811
    from rq import Queue

    from app.jobs.background import redis_connection

    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "EXPORT_QUEUE", QUEUE)
    queue = Queue(QUEUE, connection=redis_connection())
    queue.empty()
    yield queue
    queue.empty()


def test_the_job_waits_on_the_queue_and_the_worker_stores_the_file(
    app,
    client,
    two_cities,  # noqa: F811
    regulators,  # noqa: F811
    export_queue,
    report_storage,  # noqa: F811
):
    from rq import SimpleWorker

    city = regulators["shijiazhuang"]
    body = {"kind": "submissions", "format": "csv", "filters": {}}
    created = client.post(EXPORTS, json=body, headers=city.headers)
    assert created.status_code == 202
    job = created.get_json()
    assert job["state"] == "queued" and export_queue.count == 1
    assert client.get(created.headers["Location"], headers=city.headers).get_json()["state"] == (
        "queued"
    )  # nothing runs it but the worker
    SimpleWorker([export_queue], connection=export_queue.connection).work(burst=True)
    done = client.get(created.headers["Location"], headers=city.headers).get_json()
    assert done["state"] == "done", done["error"]
    assert report_storage.exists(f"exports/{job['id'][:2]}/{job['id']}.csv")
    names = sorted(row["企业名称"] for row in download_csv(client, city, done))
    assert names == ["石家庄毛巾织造有限公司", "长安区羊绒制品有限公司"]


def test_an_unreachable_queue_is_a_503_and_leaves_no_job(app, client, regulators, monkeypatch):  # noqa: F811
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:9/0")
    city = regulators["shijiazhuang"]
    response = client.post(
        EXPORTS, json={"kind": "submissions", "format": "csv"}, headers=city.headers
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert client.get(EXPORTS, headers=city.headers).get_json()["items"] == []
