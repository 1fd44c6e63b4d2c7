"""A real HTTP receiver on localhost, an admin, and a submitted assessment to deliver about."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_network

import pytest

from tests.fixtures.answering import complete_answers

# The ports this branch's helpers may use (one receiver per test, freed after it).
RECEIVER_PORTS = range(5181, 5190)
HOOKS = "/api/v1/webhooks"


class Receiver:
    """Records every POST it gets; answers with the statuses queued, then 200."""

    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    receiver.requests.append(
                        {"headers": dict(self.headers), "body": body, "at": time.monotonic()}
                    )
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        for port in RECEIVER_PORTS:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        else:
            raise RuntimeError("no free port in 5181–5189")
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hooks/quality?source=test"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, timeout: float = 15) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.requests) >= count:
                return self.requests
            time.sleep(0.05)
        raise AssertionError(f"expected {count} requests, got {len(self.requests)}")

    def json(self, index: int) -> dict:
        return json.loads(self.requests[index]["body"])

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def loopback_allowed(app, monkeypatch):
    """What tests need and production refuses: deliveries to 127.0.0.1, retried quickly."""
    monkeypatch.setitem(app.config, "WEBHOOK_ALLOWED_NETWORKS", [ip_network("127.0.0.0/8")])
    monkeypatch.setitem(app.config, "WEBHOOK_RETRY_BASE_SECONDS", 0.3)
    monkeypatch.setitem(app.config, "WEBHOOK_MAX_ATTEMPTS", 3)
    monkeypatch.setitem(app.config, "WEBHOOK_TIMEOUT_SECONDS", 5)


@pytest.fixture
def admin(make_staff):
    return make_staff("admin")


@pytest.fixture
def company(make_enterprise):
    return make_enterprise("130100", "C1772", "small")


@pytest.fixture
def filled(company, definition):
    """A complete draft of the quality questionnaire, not yet submitted."""
    answers = complete_answers(definition("quality"), company.facts, "best")
    return company.fill("quality", answers)


@pytest.fixture
def register(client, admin):
    def make(url, events=("submission.submitted",), expected=201, name="省平台", **headers):
        response = client.post(
            HOOKS,
            json={"name": name, "url": url, "events": list(events)},
            headers={**admin.headers, **headers},
        )
        assert response.status_code == expected, response.get_json()
        return response.get_json()

    return make


def wait_for_state(client, admin, webhook_id, state, timeout=15) -> list[dict]:
    """The webhook's deliveries once the newest is in state (polling the admin's API)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        items = client.get(f"{HOOKS}/{webhook_id}/deliveries", headers=admin.headers).get_json()
        if items["items"] and items["items"][0]["state"] == state:
            return items["items"]
        time.sleep(0.05)
    raise AssertionError(f"delivery never reached {state}: {items}")
