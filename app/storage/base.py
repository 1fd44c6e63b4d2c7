"""The blob store's contract: what a backend does, what it returns, how it fails."""

import hashlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from app.errors import ApiError
from app.messages.storage import STORAGE_UNAVAILABLE

CHUNK = 64 * 1024
# An object read for a hash check is kept in memory up to this size, then in a temporary file,
# so a large export never sits whole in a web process's memory.
SPOOL_IN_MEMORY = 1024 * 1024


class StorageUnavailable(ApiError):
    """The store cannot be reached or refuses us: 503 with Retry-After; the reason is logged."""

    def __init__(self, reason: str, *, retry_after: int = 30):
        super().__init__(503, STORAGE_UNAVAILABLE, headers={"Retry-After": str(retry_after)})
        self.reason = reason
        self.description = reason

    def __str__(self) -> str:
        return f"storage unavailable: {self.reason}"


@dataclass(frozen=True)
class Stored:
    """What a put wrote: the key, the SHA-256 of the bytes (hex) and their length."""

    key: str
    sha256: str
    size: int


class Blob:
    """A stored object whose bytes matched the expected SHA-256: a readable file, read once."""

    def __init__(self, handle: BinaryIO, *, key: str, sha256: str, size: int, content_type: str):
        self._handle = handle
        self.key, self.sha256, self.size, self.content_type = key, sha256, size, content_type

    def read(self, size: int = -1) -> bytes:
        return self._handle.read(size)

    def chunks(self, size: int = CHUNK) -> Iterator[bytes]:
        """The bytes in pieces, then the blob is closed."""
        try:
            while piece := self._handle.read(size):
                yield piece
        finally:
            self.close()

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> "Blob":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class BlobStore(Protocol):
    """One place for files: reports now, export files and evidence later."""

    def put(self, key: str, data: bytes | BinaryIO, *, content_type: str) -> Stored:
        """Store bytes or a readable stream whole (a reader sees all of it or nothing)."""

    def open(self, key: str, *, sha256: str) -> Blob | None:
        """The object when it is there and its bytes hash to sha256; None when missing or not."""

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None:
        """Remove the object; removing a missing one is not an error."""

    def ping(self) -> None:
        """Raise StorageUnavailable, saying why, when the store cannot be used."""

    def describe(self) -> str:
        """Where the store is, for logs (no credentials)."""


def check_key(key: str) -> str:
    """Keys are relative, slash-separated names without '.' or '..' parts."""
    parts = key.split("/")
    if not key or key.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"not a storage key: {key!r}")
    return key


def spool(chunks, *, expected_sha256: str | None = None):
    """Copy chunks into a temporary spool while hashing them: (spool at 0, sha256, size).

    With expected_sha256, a mismatch closes the spool and returns None instead.
    """
    digest, size = hashlib.sha256(), 0
    # Handed to the caller open (it is the Blob's file), so no `with` here.
    handle = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    try:
        for piece in chunks:
            digest.update(piece)
            size += len(piece)
            handle.write(piece)
    except BaseException:
        handle.close()
        raise
    if expected_sha256 is not None and digest.hexdigest() != expected_sha256:
        handle.close()
        return None
    handle.seek(0)
    return handle, digest.hexdigest(), size


def read_chunks(stream: BinaryIO, size: int = CHUNK) -> Iterator[bytes]:
    while piece := stream.read(size):
        yield piece


def as_chunks(data: bytes | BinaryIO) -> Iterator[bytes]:
    if isinstance(data, bytes | bytearray | memoryview):
        return iter([bytes(data)])
    return read_chunks(data)
