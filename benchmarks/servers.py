"""Throwaway databases and gunicorn servers for benchmarks; everything is removed afterwards."""

import contextlib
import os
import runpy
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The project's gunicorn settings, given to every server here: bare Flask runs as the app does.
GUNICORN_CONF = ROOT / "gunicorn.conf.py"


def gunicorn_settings() -> str:
    """The worker class, threads and keep-alive of GUNICORN_CONF, for a benchmark's heading."""
    conf = runpy.run_path(str(GUNICORN_CONF))
    kind = conf.get("worker_class", "sync")
    threads = f" × {conf['threads']} threads" if kind == "gthread" else ""
    return f"{kind}{threads}, keep-alive {conf.get('keepalive', 2)} s"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_server() -> str | None:
    """The local PostgreSQL server's admin URL, or None when none answers."""
    import psycopg

    for url in (
        "postgresql://postgres@/postgres?host=/var/run/postgresql",
        "postgresql://postgres@127.0.0.1/postgres",
    ):
        with contextlib.suppress(psycopg.Error), psycopg.connect(url, connect_timeout=3):
            return url
    return None


@contextlib.contextmanager
def throwaway_database(kind: str, name: str = "bench"):
    """A new empty SQLite file or PostgreSQL database, dropped at the end (even on Ctrl-C).

    PostgreSQL databases are named BENCH_DB_PREFIX (default qa_bench_) + name + a random tail,
    so that people sharing a server can tell theirs, and find one a killed run left behind.
    """
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/{name}.db"
        return
    import psycopg

    server = postgres_server()
    if server is None:
        raise RuntimeError("no PostgreSQL server answers on the socket or 127.0.0.1")
    prefix = os.environ.get("BENCH_DB_PREFIX", "qa_bench_")
    name = f"{prefix}{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = make_url(server).set(drivername="postgresql+psycopg", database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bench_env(database_url: str) -> dict:
    """The environment of a production-like app on the given database."""
    return {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_hex(16),
        "JWT_SECRET_KEY": secrets.token_hex(16),
        "DATABASE_URL": database_url,
        "PUBLIC_BASE_URL": "https://bench.example.invalid",  # production refuses to start without
        "LOG_LEVEL": "WARNING",
    }


class Server(NamedTuple):
    port: int
    pid: int  # the gunicorn master's


@contextlib.contextmanager
def gunicorn(app_spec: str, env: dict, ready_path: str, workers: int = 2, port: int | None = None):
    """Serve app_spec with gunicorn on a loopback port (a free one by default) until the end."""
    port = port or free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--config",
            str(GUNICORN_CONF),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            app_spec,
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=1)
                break
            time.sleep(0.2)
        yield Server(port, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a loaded machine: workers still in long requests
            process.kill()
            process.wait(timeout=10)


# --- CPU accounting: what a request costs, whatever else the machine is doing ----------------


def _cpu_of(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux /proc), 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serving_cpu(server: Server, database_url: str) -> float:
    """CPU seconds used so far by the server's workers and, on PostgreSQL, its backends."""
    workers = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True
    ).stdout.split()
    return sum(_cpu_of(int(pid)) for pid in workers) + database_cpu(database_url)


def database_cpu(database_url: str) -> float:
    """CPU seconds used so far by the PostgreSQL backends connected to the database (0 on SQLite).

    A backend that has gone since is not counted: measure with the connections pooled.
    """
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        return 0.0
    import psycopg

    with psycopg.connect(postgres_server()) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (url.database,))
        return sum(_cpu_of(row[0]) for row in rows)
