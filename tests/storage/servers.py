"""A real S3-protocol server for the tests (moto's server mode on a free localhost port).

Imported by tests/storage/conftest.py and tests/reports/conftest.py; the server is started once
per test process, whichever asks first, and stops with the process (a daemon thread).
"""

import os
import socket
import threading
import uuid
from pathlib import Path

import pytest

REGION = "us-east-1"
BUCKET = f"quality-test-{uuid.uuid4().hex[:8]}"
_started: dict[str, str] = {}
_lock = threading.Lock()


def moto_endpoint() -> str:
    """The endpoint URL of this process's S3 server, with the test bucket created."""
    with _lock:
        if "url" not in _started:
            from moto.server import ThreadedMotoServer

            # Fake credentials for boto3's usual chain, also seen by worker subprocesses.
            os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
            os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
            server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
            server.start()
            host, port = server.get_host_and_port()
            url = f"http://{host}:{port}"
            raw_client(url).create_bucket(Bucket=BUCKET)
            _started["url"] = url
    return _started["url"]


def raw_client(url: str | None = None):
    """A plain boto3 client on the test server: to look at or tamper with objects directly."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=url or moto_endpoint(),
        region_name=REGION,
        aws_access_key_id=os.environ.get("AWS_ACCESS_KEY_ID", "testing"),
        aws_secret_access_key=os.environ.get("AWS_SECRET_ACCESS_KEY", "testing"),
    )


def closed_port_url() -> str:
    """An http URL on which nothing listens (a port just released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def s3_settings(prefix: str | None = None) -> dict:
    """App settings for the test server, under a prefix of their own."""
    prefix = prefix or f"t-{uuid.uuid4().hex[:10]}"
    return {
        "STORAGE_URL": f"s3://{BUCKET}/{prefix}",
        "STORAGE_S3_ENDPOINT_URL": moto_endpoint(),
        "STORAGE_S3_REGION": REGION,
        "STORAGE_S3_ADDRESSING": "path",
        "STORAGE_TIMEOUT": 2,
    }


def local_settings(root: Path) -> dict:
    return {"STORAGE_URL": str(root)}


def tamper(store, key: str, data: bytes | None) -> None:
    """Overwrite (or with None, remove) a stored object behind the application's back."""
    from app.storage import LocalStore

    if isinstance(store, LocalStore):
        path = store.path_for(key)
        path.unlink() if data is None else path.write_bytes(data)
        return
    name = store.object_key(key)
    if data is None:
        raw_client().delete_object(Bucket=store.bucket, Key=name)
    else:
        raw_client().put_object(Bucket=store.bucket, Key=name, Body=data)


@pytest.fixture(params=["local", "s3"])
def storage_settings(request, tmp_path) -> dict:
    """The settings of a fresh store of each backend: a directory, or a prefix on the S3 server."""
    if request.param == "local":
        return local_settings(tmp_path / "store")
    return s3_settings()
