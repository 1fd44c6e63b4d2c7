"""S3-compatible object storage as the blob store, through boto3: AWS, MinIO, Ceph, Aliyun OSS.

Layout: s3://<bucket>/<prefix>/<key>. A PUT is atomic in S3 (a reader sees the old object,
the new one or none), so no temporary names are needed. Each object carries its SHA-256 as
user metadata (x-amz-meta-sha256) for operators; reads never trust it, they hash the bytes.
Credentials come from boto3's usual chain: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
(/ AWS_SESSION_TOKEN), a profile, or an instance role.
"""

import os
import threading
from typing import BinaryIO

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from .base import CHUNK, Blob, StorageUnavailable, Stored, as_chunks, check_key, spool

MISSING = {"NoSuchKey", "404", "NotFound"}
ADDRESSING = ("auto", "path", "virtual")
# Uploads above this are sent in parts (S3's multipart upload), 8 MiB each.
TRANSFER = TransferConfig(multipart_threshold=8 * 1024 * 1024, use_threads=False)


class S3Store:
    """Objects under s3://bucket/prefix, shared by every web process and worker."""

    def __init__(
        self,
        bucket: str,
        prefix: str = "",
        *,
        endpoint_url: str | None = None,
        region: str | None = None,
        addressing: str = "auto",
        timeout: float = 5,
        retry_after: int = 30,
    ):
        if addressing not in ADDRESSING:
            raise ValueError(f"addressing must be one of {', '.join(ADDRESSING)}")
        self.bucket, self.prefix = bucket, prefix.strip("/")
        self.endpoint_url, self.region, self.addressing = endpoint_url, region, addressing
        self.timeout, self.retry_after = timeout, retry_after
        self._clients: dict[int, object] = {}
        self._lock = threading.Lock()

    @property
    def client(self):
        """One boto3 client per process: a forked worker must not reuse its parent's sockets."""
        pid = os.getpid()
        if pid not in self._clients:
            with self._lock:
                if pid not in self._clients:
                    self._clients = {pid: self._new_client()}
        return self._clients[pid]

    def _new_client(self):
        config = Config(
            connect_timeout=self.timeout,
            read_timeout=self.timeout,
            retries={"max_attempts": 3, "mode": "standard"},
            s3={"addressing_style": self.addressing},
            # Only the checksums a request needs: Ceph, OSS and older MinIO refuse the
            # CRC32 headers newer botocore adds by default. We hash the bytes ourselves.
            request_checksum_calculation="when_required",
            response_checksum_validation="when_required",
        )
        session = boto3.session.Session()  # sessions are not thread-safe; clients are
        return session.client(
            "s3", endpoint_url=self.endpoint_url, region_name=self.region, config=config
        )

    def object_key(self, key: str) -> str:
        check_key(key)
        return f"{self.prefix}/{key}" if self.prefix else key

    def put(self, key: str, data: bytes | BinaryIO, *, content_type: str) -> Stored:
        name = self.object_key(key)
        # Hash first (spooled, not held whole), so the digest is known before the upload.
        handle, sha256, size = spool(as_chunks(data))
        extra = {"ContentType": content_type, "Metadata": {"sha256": sha256}}
        try:
            with handle:
                self.client.upload_fileobj(handle, self.bucket, name, extra, Config=TRANSFER)
        except (BotoCoreError, ClientError) as error:
            raise self._unavailable(error) from error
        return Stored(key, sha256, size)

    def open(self, key: str, *, sha256: str) -> Blob | None:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self.object_key(key))
        except ClientError as error:
            if _code(error) in MISSING:
                return None
            raise self._unavailable(error) from error
        except BotoCoreError as error:
            raise self._unavailable(error) from error
        body = response["Body"]
        try:
            checked = spool(body.iter_chunks(CHUNK), expected_sha256=sha256)
        except (BotoCoreError, OSError) as error:  # the connection broke mid-body
            raise self._unavailable(error) from error
        finally:
            body.close()
        if checked is None:
            return None
        handle, _, size = checked
        content_type = response.get("ContentType", "")
        return Blob(handle, key=key, sha256=sha256, size=size, content_type=content_type)

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self.object_key(key))
        except ClientError as error:
            if _code(error) in MISSING:
                return False
            raise self._unavailable(error) from error
        except BotoCoreError as error:
            raise self._unavailable(error) from error
        return True

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self.object_key(key))
        except (BotoCoreError, ClientError) as error:
            raise self._unavailable(error) from error

    def ping(self) -> None:
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except (BotoCoreError, ClientError) as error:
            raise self._unavailable(error) from error

    def describe(self) -> str:
        where = f" at {self.endpoint_url}" if self.endpoint_url else ""
        return f"s3://{self.bucket}/{self.prefix}{where}"

    def _unavailable(self, error: Exception) -> StorageUnavailable:
        reason = f"{self.describe()}: {type(error).__name__}: {error}"
        return StorageUnavailable(reason, retry_after=self.retry_after)


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))
