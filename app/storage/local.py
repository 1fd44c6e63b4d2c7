"""A local directory (or a shared volume) as the blob store: the embedded default.

Layout: <root>/<key>, e.g. instance/reports/reports/7K/7K3F-9XQ2-M4TB-H8RW.pdf. A put writes a
temporary file in the target directory, fsyncs it and renames it over the key, so a reader sees
a whole file or none. The content type is not kept: callers know what they stored.
"""

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from .base import CHUNK, Blob, StorageUnavailable, Stored, as_chunks, check_key, read_chunks


class LocalStore:
    """Files under one directory, which every web process and worker must see.

    Like a bucket, the directory itself must be there: ping() and put() create it, while an
    open or exists() under a root that is gone (a volume not mounted) is StorageUnavailable,
    not "missing", so that a lost volume does not look like thousands of lost files.
    """

    def __init__(self, root: str | Path, *, retry_after: int = 30):
        self.root = Path(root)
        self.retry_after = retry_after

    def path_for(self, key: str) -> Path:
        return self.root / check_key(key)

    def put(self, key: str, data: bytes | BinaryIO, *, content_type: str) -> Stored:
        path = self.path_for(key)
        digest, size = hashlib.sha256(), 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
        except OSError as error:
            raise self._unavailable(error) from error
        try:
            with os.fdopen(fd, "wb") as handle:
                for piece in as_chunks(data):
                    digest.update(piece)
                    size += len(piece)
                    handle.write(piece)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o640)
            os.replace(tmp, path)
        except BaseException as error:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise self._unavailable(error) from error
            raise
        return Stored(key, digest.hexdigest(), size)

    def open(self, key: str, *, sha256: str) -> Blob | None:
        try:
            handle = self.path_for(key).open("rb")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            if not self.root.is_dir():  # the whole store is gone (a volume not mounted)
                raise self._gone() from None
            return None
        except OSError as error:
            raise self._unavailable(error) from error
        # Hash the open file, then serve the same file from its start: a concurrent rename
        # replaces the name, not the bytes this handle reads.
        digest, size = hashlib.sha256(), 0
        for piece in read_chunks(handle, CHUNK * 16):
            digest.update(piece)
            size += len(piece)
        if digest.hexdigest() != sha256:
            handle.close()
            return None
        handle.seek(0)
        return Blob(handle, key=key, sha256=sha256, size=size, content_type="")

    def exists(self, key: str) -> bool:
        if self.path_for(key).is_file():
            return True
        if not self.root.is_dir():
            raise self._gone()
        return False

    def delete(self, key: str) -> None:
        self.path_for(key).unlink(missing_ok=True)

    def ping(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise self._unavailable(error) from error
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise StorageUnavailable(f"{self.root} is not writable", retry_after=self.retry_after)

    def describe(self) -> str:
        return f"local directory {self.root}"

    def _gone(self) -> StorageUnavailable:
        return StorageUnavailable(f"{self.root} is not a directory", retry_after=self.retry_after)

    def _unavailable(self, error: OSError) -> StorageUnavailable:
        return StorageUnavailable(f"{self.root}: {error}", retry_after=self.retry_after)
