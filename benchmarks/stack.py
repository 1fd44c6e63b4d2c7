"""The production shape on this machine, each piece of its own: a throwaway PostgreSQL cluster,
a Redis server, an S3-protocol object store, gunicorn and RQ workers; all removed afterwards.

Nothing here touches the machine's shared PostgreSQL or Redis: each server runs from a temporary
directory on a free loopback port, so a fault test may crash it without harm to anyone else.
"""

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.servers import GUNICORN_CONF, ROOT, free_port

BIN = Path(sys.executable).parent


def _postgres_bin() -> Path:
    """The directory of the newest installed PostgreSQL server's programs (initdb, pg_ctl)."""
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: p.parts)
    if not versions:
        raise RuntimeError("no PostgreSQL server programs (initdb, pg_ctl) on this machine")
    return versions[-1].parent


def _as_postgres_user() -> list[str]:
    """PostgreSQL refuses to run as root: run its programs as the postgres user when root."""
    if os.geteuid() != 0:
        return []
    pwd.getpwnam("postgres")  # KeyError: no postgres user to run the server as
    return ["runuser", "-u", "postgres", "--"]


@dataclass
class PostgresCluster:
    """A PostgreSQL cluster of our own, in a temporary directory, on its own port."""

    directory: Path
    port: int
    log: Path
    prefix: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/quality"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.prefix, str(_postgres_bin() / "pg_ctl"), "-D", str(self.directory), *args],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        self._pg_ctl("-l", str(self.log), "-o", options, "-w", "start")

    def crash(self) -> None:
        """Stop without a checkpoint, as a power cut would leave it: recovery replays the WAL."""
        self._pg_ctl("-m", "immediate", "stop")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._pg_ctl("-m", "fast", "stop")


@contextlib.contextmanager
def postgres_cluster():
    """initdb in a temporary directory, start it on a free port, create database `quality`."""
    prefix = _as_postgres_user()
    tmp = Path(tempfile.mkdtemp(prefix="qa-pg-"))
    if prefix:
        shutil.chown(tmp, "postgres", "postgres")
    cluster = PostgresCluster(tmp / "data", free_port(), tmp / "server.log", prefix)
    subprocess.run(
        [
            *prefix,
            str(_postgres_bin() / "initdb"),
            "-D",
            str(cluster.directory),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-locale",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=120,
    )
    cluster.start()
    try:
        import psycopg

        admin = f"postgresql://postgres@127.0.0.1:{cluster.port}/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute("CREATE DATABASE quality")
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def redis_server():
    """A Redis server on a free port, keeping nothing on disk; yields its URL."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="qa-redis-") as tmp:
        process = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", tmp],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            _wait_for_port(port, process)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextlib.contextmanager
def object_store():
    """moto's S3 server on a free port (a real S3 protocol endpoint); yields its URL.

    None when moto is not installed: the stack then keeps reports in a local directory.
    """
    try:
        import moto.server  # noqa: F401
    except ImportError:
        yield None
        return
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "python"), "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 30) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {seconds} s")


def wait_ready(base: str, seconds: float = 60) -> float:
    """Poll /readyz until it answers 200; the time it took."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - start
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{base}/readyz not ready after {seconds} s")


@dataclass
class Gunicorn:
    process: subprocess.Popen
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def workers(self) -> list[int]:
        return children(self.process.pid)


def children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


@contextlib.contextmanager
def gunicorn(env: dict, workers: int = 2, threads: int | None = None):
    """The app under gunicorn with the project's settings on a free loopback port.

    threads: instead of gunicorn.conf.py's, to measure another setting.
    """
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", str(GUNICORN_CONF), "--workers", str(workers),
         *(["--threads", str(threads)] if threads else []),
         "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT,
        env=env,
    )  # fmt: skip
    server = Gunicorn(process, port)
    try:
        wait_ready(server.base)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=20)


@contextlib.contextmanager
def rq_workers(env: dict, count: int = 2):
    """count report workers (`flask reports worker`); yields their processes."""
    processes = [
        subprocess.Popen([str(BIN / "flask"), "--app", "wsgi", "reports", "worker"], cwd=ROOT,
                         env=env)
        for _ in range(count)
    ]  # fmt: skip
    try:
        yield processes
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
