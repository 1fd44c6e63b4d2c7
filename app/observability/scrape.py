"""GET /metrics: the Prometheus exposition, for the configured networks or token only.

Kept out of the API and its OpenAPI document: it is for the operator's Prometheus, not clients.
"""

import hmac
from ipaddress import ip_address

from flask import Blueprint, Response, current_app, request
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from redis import Redis
from redis.exceptions import RedisError

from app.errors import ApiError

blp = Blueprint("metrics", __name__)

_redis_clients: dict[str, Redis] = {}


def _allowed() -> bool:
    """A bearer METRICS_TOKEN from anywhere; else a direct request from an allowed network.

    A request with forwarding headers came through the reverse proxy, whose own address (often
    loopback) says nothing about the client, so only the token lets it in.
    """
    config = current_app.config
    token = config["METRICS_TOKEN"]
    supplied = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(supplied.encode(), f"Bearer {token}".encode()):
        return True
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    try:
        address = ip_address(request.remote_addr or "")
    except ValueError:
        return False
    return any(address in network for network in config["METRICS_ALLOWED_NETWORKS"])


class QueueDepth:
    """The report queue's jobs by state, read from Redis at each scrape."""

    def __init__(self, redis_url: str, queue_name: str):
        self.redis_url, self.queue_name = redis_url, queue_name

    def collect(self):
        from rq import Queue

        up = GaugeMetricFamily("quality_report_queue_up", "1 when Redis answered this scrape")
        jobs = GaugeMetricFamily(
            "quality_report_queue_jobs", "Jobs of the report queue by state", labels=["state"]
        )
        if self.redis_url not in _redis_clients:
            _redis_clients[self.redis_url] = Redis.from_url(
                self.redis_url, socket_connect_timeout=1, socket_timeout=2
            )
        queue = Queue(self.queue_name, connection=_redis_clients[self.redis_url])
        try:
            counts = {
                "queued": queue.count,
                "started": queue.started_job_registry.count,
                "scheduled": queue.scheduled_job_registry.count,
                "deferred": queue.deferred_job_registry.count,
                "failed": queue.failed_job_registry.count,
            }
        except RedisError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        for state, count in counts.items():
            jobs.add_metric([state], count)
        yield up
        yield jobs


@blp.get("/metrics")
def metrics():
    """Every process's metrics (multiprocess mode under gunicorn) and the queue depth."""
    if not _allowed():
        raise ApiError(404)
    config = current_app.config
    if config["PROMETHEUS_MULTIPROC_DIR"]:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry, path=config["PROMETHEUS_MULTIPROC_DIR"])
        body = generate_latest(registry)
    else:
        body = generate_latest(REGISTRY)
    if config["REDIS_URL"]:
        queue = CollectorRegistry()
        queue.register(QueueDepth(config["REDIS_URL"], config["REPORT_QUEUE"]))
        body += generate_latest(queue)
    return Response(body, content_type=CONTENT_TYPE_LATEST)
