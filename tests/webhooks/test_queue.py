"""With REDIS_URL: deliveries are RQ jobs, and a retry waits in RQ's scheduled registry.

The worker runs here (rq's SimpleWorker, burst mode, with its scheduler), on a queue of this
test session's own, against the local Redis server.
"""

import time
import uuid

import pytest
from rq import Queue, SimpleWorker

from app.jobs.background import redis_connection
from tests.webhooks.conftest import wait_for_state

REDIS_URL = "redis://127.0.0.1:6379/0"
QUEUE = f"webhooks-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def queued(app, monkeypatch, loopback_allowed):
    """Queue mode on this session's own queue; returns (queue, work) to run a burst worker."""
    from redis.exceptions import RedisError

    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "WEBHOOK_QUEUE", QUEUE)
    try:
        redis_connection().ping()
    except RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    queue = Queue(QUEUE, connection=redis_connection())
    queue.empty()

    def work() -> None:
        SimpleWorker([queue], connection=redis_connection()).work(burst=True, with_scheduler=True)

    yield queue, work
    queue.empty()
    for job_id in queue.scheduled_job_registry.get_job_ids():
        queue.scheduled_job_registry.remove(job_id, delete_job=True)


def test_a_delivery_is_a_job_and_its_retry_a_scheduled_one(
    client, admin, receiver, register, company, filled, queued
):
    queue, work = queued
    receiver.statuses = [500]
    hook = register(receiver.url)
    company.submit(filled)
    assert queue.count == 1 and receiver.requests == []  # queued, not sent by the web process

    work()
    assert [r["body"] for r in receiver.wait_for(1)]
    [delivery] = wait_for_state(client, admin, hook["id"], "pending")
    assert [a["status"] for a in delivery["attempts"]] == [500]
    assert queue.count == 0 and queue.scheduled_job_registry.count == 1

    time.sleep(0.5)  # past the first retry's wait (0.3 s + jitter)
    work()  # its scheduler moves the due retry onto the queue, and the worker runs it
    [delivery] = wait_for_state(client, admin, hook["id"], "delivered")
    assert [a["status"] for a in delivery["attempts"]] == [500, 200]
    assert len(receiver.requests) == 2
