"""What webhooks cost and how soon they arrive: emit() on a submit's path, and the delivery.

    BENCH_DB_PREFIX=qa_hooks_ .venv/bin/python benchmarks/webhooks.py [--events 200] [--sqlite-only]

Builds a throwaway database with `events` submitted assessments (benchmarks/export.py), starts
a receiver on 127.0.0.1:5182 that checks each signature, and times, in thread mode (no Redis):
emit() with no webhook subscribed (what every submit, return and approval now pays), emit()
with one webhook (the delivery row, its commit and the job's start), and the time from emit()
to the receiver having the request. Prints medians and p95s; asserts nothing.
"""

import argparse
import hashlib
import hmac
import statistics
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_network
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from export import populate
from servers import postgres_server, throwaway_database
from sqlalchemy import select

from app import create_app, webhooks
from app.assessments.models import Assessment
from app.db import db, upgrade_database
from app.webhooks.models import Webhook
from app.webhooks.signing import new_secret

PORT = 5182


def receiver(secret: str, arrivals: dict, bad: list):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            stamp = self.headers["X-Webhook-Timestamp"]
            mac = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256)
            if not hmac.compare_digest(
                "sha256=" + mac.hexdigest(), self.headers["X-Webhook-Signature"]
            ):
                bad.append(body)
            arrivals[self.headers["X-Webhook-Id"]] = time.perf_counter()
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def p95(values):
    return statistics.quantiles(values, n=20)[-1]


def line(name: str, seconds: list[float]) -> str:
    median, tail = statistics.median(seconds) * 1000, p95(seconds) * 1000
    return f"{name:30} median {median:7.2f} ms   p95 {tail:7.2f} ms   (n={len(seconds)})"


def run(url: str, label: str, events: int) -> None:
    upgrade_database(url)
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "LOG_LEVEL": "WARNING",
            "WEBHOOK_ALLOWED_NETWORKS": [ip_network("127.0.0.0/8")],
        }
    )
    with app.app_context():
        populate(events, events // 10)
        ids = list(db.session.scalars(select(Assessment.id).order_by(Assessment.id).limit(events)))
        db.session.commit()
        bare = []
        for assessment_id in ids:
            started = time.perf_counter()
            webhooks.emit("submission.approved", assessment_id)  # nobody subscribes to it
            bare.append(time.perf_counter() - started)

        secret = new_secret()
        webhook = Webhook(
            name="bench",
            url=f"http://127.0.0.1:{PORT}/hook",
            events=["submission.submitted"],
            secret=secret,
        )
        webhook.active = True
        db.session.add(webhook)
        db.session.commit()
        arrivals, bad = {}, []
        server = receiver(secret, arrivals, bad)
        emitted, sent = [], {}
        for assessment_id in ids:
            started = time.perf_counter()
            webhooks.emit("submission.submitted", assessment_id)
            emitted.append(time.perf_counter() - started)
            sent[assessment_id] = started
            time.sleep(0.01)  # submits arrive spread out, not all at once
        deadline = time.perf_counter() + 60
        while len(arrivals) < len(ids) and time.perf_counter() < deadline:
            time.sleep(0.05)
        server.shutdown()
        from app.webhooks.models import WebhookDelivery

        rows = db.session.execute(select(WebhookDelivery.id, WebhookDelivery.payload)).all()
        latency = [
            arrivals[str(row.id)] - sent[row.payload["assessment_id"]]
            for row in rows
            if str(row.id) in arrivals
        ]
        db.session.remove()
        db.engine.dispose()
    print(f"\n{label}: {len(ids)} events, {len(arrivals)} delivered, {len(bad)} bad signatures")
    print(line("emit, no webhook subscribed", bare))
    print(line("emit, one webhook", emitted))
    print(line("emit → receiver has it", latency))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    kinds = ["sqlite"] + ([] if args.sqlite_only or not postgres_server() else ["postgresql"])
    for kind in kinds:
        with throwaway_database(kind, "webhooks") as url:
            run(url, kind, args.events)


if __name__ == "__main__":
    main()
