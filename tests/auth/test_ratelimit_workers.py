"""Brute force against a real gunicorn with two workers: the limit holds across both."""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from app.db import db
from tests.fixtures.data import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
ATTEMPTS = 16


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port: int, method: str, path: str, body: dict | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json", "Connection": "close"}
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def login(port: int, username: str, password: str):
    return request(port, "POST", "/api/v1/auth/login", {"username": username, "password": password})


@pytest.fixture
def gunicorn(app, database_url, tmp_path):
    """gunicorn --workers 2 on the test database; stops itself after 120 s whatever happens."""
    port = free_port()
    access_log = tmp_path / "access.log"
    env = {
        **os.environ,
        "APP_ENV": "testing",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "gunicorn-test-secret",
        "JWT_SECRET_KEY": "gunicorn-test-jwt-secret",
        "LOG_LEVEL": "WARNING",
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_KIB": "1024",
        "ARGON2_PARALLELISM": "1",
        # Long enough that "still waiting" does not depend on how fast this machine is today.
        "LOGIN_FIRST_DELAY_SECONDS": "120",
    }
    command = [
        *("timeout", "120", sys.executable, "-m", "gunicorn"),
        *("--workers", "2", "--bind", f"127.0.0.1:{port}", "--timeout", "30"),
        *("--access-logfile", str(access_log), "--access-logformat", "%(p)s %(s)s %(U)s"),
        "wsgi:app",
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_for_both_workers(process, port, access_log)
        yield port, access_log
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_both_workers(process, port: int, access_log: Path) -> None:
    """Until a worker of each pid has answered /healthz (workers boot one after the other)."""
    deadline = time.monotonic() + 60
    with ThreadPoolExecutor(max_workers=4) as pool:
        while True:
            try:
                list(pool.map(lambda _: request(port, "GET", "/healthz"), range(8)))
                if access_log.exists() and len(served_by(access_log, "/healthz")) == 2:
                    return
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn workers did not start: {process.stderr.read()!r}")
            time.sleep(0.2)


def served_by(access_log: Path, path: str) -> dict[str, list[str]]:
    """Statuses of the requests to path, by the pid of the worker that answered."""
    by_pid: dict[str, list[str]] = {}
    for line in access_log.read_text().splitlines():
        pid, status, url = line.split()
        if url == path:
            by_pid.setdefault(pid, []).append(status)
    return by_pid


@pytest.mark.slow
def test_brute_force_is_cut_off_across_two_gunicorn_workers(
    app, gunicorn, make_staff_account, make_enterprise_account
):
    port, access_log = gunicorn
    target = make_staff_account("admin")
    # A realistically costly hash keeps each worker busy, so concurrent guesses go to both.
    target.password_hash = PasswordHasher(time_cost=2, memory_cost=16384, parallelism=1).hash(
        PASSWORD
    )
    db.session.commit()
    bystander, _ = make_enterprise_account()
    username, bystander_uscc = target.username, bystander.uscc  # threads have no app context
    limit = app.config["LOGIN_MAX_FAILURES"]

    with ThreadPoolExecutor(max_workers=4) as pool:
        guesses = list(
            pool.map(lambda i: login(port, username, f"guess-{i:04d}-x"), range(ATTEMPTS))
        )
    statuses = [status for status, _, _ in guesses]
    assert set(statuses) <= {401, 429}
    # Per-process counters would let each worker allow `limit`; the shared count allows `limit`.
    assert 1 <= statuses.count(401) <= limit
    assert statuses.count(429) >= ATTEMPTS - limit
    for status, headers, body in guesses:
        if status == 429:
            assert int(headers["Retry-After"]) > 0
            assert headers["Content-Type"].startswith("application/problem+json")
            assert json.loads(body)["status"] == 429

    # Guesses refused while others were still being checked were not checked themselves, so
    # the burst may have used fewer than `limit` failures: spend the rest, one at a time.
    spent = statuses.count(401)
    while spent < limit:
        assert login(port, username, f"top-up-{spent}-x")[0] == 401
        spent += 1
    # Made to wait now, even with the right password, whichever worker answers.
    for _ in range(4):
        assert login(port, username, PASSWORD)[0] == 429
    # The same address is not slowed for someone who knows their password.
    assert login(port, bystander_uscc, PASSWORD)[0] == 200

    by_pid = served_by(access_log, "/api/v1/auth/login")
    assert len(by_pid) == 2, f"both workers should have answered sign-ins: {by_pid}"
    assert all("429" in statuses for statuses in by_pid.values()), by_pid
