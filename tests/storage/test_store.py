"""The blob store's contract, on a local directory and on a real S3-protocol server."""

import hashlib
import io
import os
from pathlib import Path

import pytest

from app.storage import LocalStore, StorageUnavailable, store_from_config
from app.storage.s3 import S3Store
from tests.storage.servers import BUCKET, closed_port_url, raw_client, s3_settings, tamper

PDF = "application/pdf"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_put_then_open_gives_back_the_bytes_and_their_hash(store):
    data = b"%PDF-1.7 report bytes"
    stored = store.put("reports/7K/7K3F.pdf", data, content_type=PDF)
    assert (stored.key, stored.sha256, stored.size) == ("reports/7K/7K3F.pdf", sha(data), len(data))
    assert store.exists("reports/7K/7K3F.pdf")
    with store.open("reports/7K/7K3F.pdf", sha256=stored.sha256) as blob:
        assert (blob.size, blob.sha256) == (len(data), sha(data))
        assert blob.read() == data


def test_a_large_stream_goes_in_and_out_in_chunks(store):
    # Past the in-memory spool (1 MiB) and S3's multipart threshold (8 MiB).
    data = os.urandom(9 * 1024 * 1024 + 17)
    stored = store.put("exports/big.bin", io.BytesIO(data), content_type="text/csv")
    assert stored.sha256 == sha(data)
    blob = store.open("exports/big.bin", sha256=stored.sha256)
    pieces = list(blob.chunks())
    assert len(pieces) > 1
    assert b"".join(pieces) == data


def test_an_object_whose_bytes_do_not_match_the_hash_is_missing(store):
    data = b"%PDF-original"
    stored = store.put("reports/AB/AB.pdf", data, content_type=PDF)
    assert store.open("reports/AB/AB.pdf", sha256=sha(b"something else")) is None
    tamper(store, "reports/AB/AB.pdf", b"%PDF-altered!")  # same length, other bytes
    assert store.open("reports/AB/AB.pdf", sha256=stored.sha256) is None
    assert store.exists("reports/AB/AB.pdf")  # there, but not what was stored


def test_a_missing_object_is_none_and_deleting_it_twice_is_fine(store):
    assert store.open("reports/ZZ/none.pdf", sha256=sha(b"")) is None
    assert not store.exists("reports/ZZ/none.pdf")
    store.put("reports/ZZ/none.pdf", b"x", content_type=PDF)
    store.delete("reports/ZZ/none.pdf")
    store.delete("reports/ZZ/none.pdf")
    assert not store.exists("reports/ZZ/none.pdf")


def test_a_rewrite_replaces_the_object_whole(store):
    store.put("reports/RW/rw.pdf", b"first version", content_type=PDF)
    second = store.put("reports/RW/rw.pdf", b"second", content_type=PDF)
    assert store.open("reports/RW/rw.pdf", sha256=second.sha256).read() == b"second"


@pytest.mark.parametrize("key", ["", "/etc/passwd", "../outside", "reports/../../x", "a//b"])
def test_keys_cannot_leave_the_store(store, key):
    with pytest.raises(ValueError):
        store.put(key, b"x", content_type=PDF)


def test_ping_passes_on_a_reachable_store(store):
    store.ping()


def test_local_files_are_not_left_half_written(tmp_path):
    store = LocalStore(tmp_path)
    store.put("reports/7K/a.pdf", b"data", content_type=PDF)
    assert [p.name for p in (tmp_path / "reports" / "7K").iterdir()] == ["a.pdf"]
    assert oct((tmp_path / "reports" / "7K" / "a.pdf").stat().st_mode & 0o777) == "0o640"


def test_s3_objects_carry_their_type_and_hash_under_the_prefix():
    store = store_from_config({"REPORT_DIR": None, **s3_settings("deploy-a")})
    stored = store.put("reports/7K/a.pdf", b"%PDF-x", content_type=PDF)
    head = raw_client().head_object(Bucket=BUCKET, Key="deploy-a/reports/7K/a.pdf")
    assert head["ContentType"] == PDF
    assert head["Metadata"] == {"sha256": stored.sha256}
    assert store.open("reports/7K/a.pdf", sha256=stored.sha256).content_type == PDF


def test_an_unreachable_s3_endpoint_is_storage_unavailable_naming_it():
    settings = {**s3_settings(), "STORAGE_S3_ENDPOINT_URL": closed_port_url()}
    store = store_from_config({"REPORT_DIR": None, **settings, "STORAGE_RETRY_AFTER": 7})
    for attempt in (
        store.ping,
        lambda: store.put("reports/a.pdf", b"x", content_type=PDF),
        lambda: store.open("reports/a.pdf", sha256=sha(b"x")),
        lambda: store.exists("reports/a.pdf"),
        lambda: store.delete("reports/a.pdf"),
    ):
        with pytest.raises(StorageUnavailable) as caught:
            attempt()
        assert settings["STORAGE_S3_ENDPOINT_URL"] in str(caught.value)
        assert caught.value.code == 503
        assert caught.value.extra_headers == {"Retry-After": "7"}


def test_a_missing_bucket_fails_the_ping_clearly():
    settings = {**s3_settings(), "STORAGE_URL": "s3://no-such-bucket-here/x"}
    with pytest.raises(StorageUnavailable, match="no-such-bucket-here"):
        store_from_config({"REPORT_DIR": None, **settings}).ping()


def test_a_local_store_that_cannot_be_created_is_unavailable(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    store = LocalStore(blocker / "store")
    with pytest.raises(StorageUnavailable, match="a-file"):
        store.ping()
    with pytest.raises(StorageUnavailable):
        store.put("reports/a.pdf", b"x", content_type=PDF)


def test_a_local_store_whose_directory_vanished_is_unavailable_not_empty(tmp_path):
    store = LocalStore(tmp_path / "volume")
    stored = store.put("reports/7K/a.pdf", b"x", content_type=PDF)
    (tmp_path / "volume" / "reports" / "7K" / "a.pdf").unlink()
    assert store.open("reports/7K/a.pdf", sha256=stored.sha256) is None  # one file lost
    for path in ("reports/7K", "reports", ""):
        (tmp_path / "volume" / path).rmdir()  # the whole volume gone
    with pytest.raises(StorageUnavailable, match="volume"):
        store.open("reports/7K/a.pdf", sha256=stored.sha256)
    with pytest.raises(StorageUnavailable):
        store.exists("reports/7K/a.pdf")


def test_the_settings_choose_the_backend(tmp_path):
    local = store_from_config({"STORAGE_URL": None, "REPORT_DIR": str(tmp_path)})
    assert isinstance(local, LocalStore) and local.root == tmp_path
    as_url = store_from_config({"STORAGE_URL": f"file://{tmp_path}/x", "REPORT_DIR": "unused"})
    assert isinstance(as_url, LocalStore) and as_url.root == tmp_path / "x"
    s3 = store_from_config(
        {
            "STORAGE_URL": "s3://reports-bucket/province/hebei/",
            "STORAGE_S3_ENDPOINT_URL": "http://minio.internal:9000",
            "STORAGE_S3_ADDRESSING": "path",
            "STORAGE_S3_REGION": "cn-north-1",
        }
    )
    assert isinstance(s3, S3Store)
    assert (s3.bucket, s3.prefix) == ("reports-bucket", "province/hebei")
    assert s3.object_key("reports/7K/a.pdf") == "province/hebei/reports/7K/a.pdf"
    # The addressing option reaches botocore (MinIO and Ceph want path-style by default).
    assert s3.client.meta.config.s3["addressing_style"] == "path"
    assert s3.client.meta.region_name == "cn-north-1"
    assert s3.client.meta.endpoint_url == "http://minio.internal:9000"


@pytest.mark.parametrize(
    "env, complaint",
    [
        ({"STORAGE_URL": "s3://"}, "bucket"),
        ({"STORAGE_URL": "ftp://host/dir"}, "STORAGE_URL"),
        ({"STORAGE_S3_ADDRESSING": "sideways"}, "STORAGE_S3_ADDRESSING"),
        ({"STORAGE_TIMEOUT": "soon"}, "STORAGE_TIMEOUT"),
    ],
)
def test_bad_storage_settings_stop_the_start(tmp_path, env, complaint):
    from app.config import ConfigError, load_config

    with pytest.raises(ConfigError, match=complaint):
        load_config({"APP_ENV": "testing", **env}, instance_path=tmp_path)


def test_a_local_store_does_not_load_boto3(tmp_path):
    """boto3 costs a second or more at import: web processes without S3 must not pay it."""
    import subprocess
    import sys

    code = (
        "import sys; from app.storage import store_from_config; "
        f"store_from_config({{'STORAGE_URL': {str(tmp_path)!r}}}).ping(); "
        "assert 'boto3' not in sys.modules and 'botocore' not in sys.modules"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
