"""Report files under REPORT_DIR, one per stored report, named by its verification code.

Layout: REPORT_DIR/<first two characters of the code>/<code>.pdf, e.g. reports/7K/7K3F-9XQ2-
M4TB-H8RW.pdf, so no directory grows past a few thousand entries. Files are written to a
temporary name and renamed, so a reader sees a whole file or none; a file whose bytes no longer
hash to the stored SHA-256 is treated as missing (and rendered again by the caller).

The web processes and the worker must see the same REPORT_DIR (one machine, or a shared volume).
"""

import hashlib
import os
import tempfile
from pathlib import Path


def path_for(report_dir: str | Path, code: str) -> Path:
    """Where the report with this verification code is stored."""
    return Path(report_dir) / code[:2] / f"{code}.pdf"


def write_report(report_dir: str | Path, code: str, data: bytes) -> Path:
    """Store the bytes atomically (temporary file, fsync, rename); returns the path."""
    path = path_for(report_dir, code)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".writing-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o640)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_report(report_dir: str | Path, code: str, sha256: str | None) -> bytes | None:
    """The stored bytes when they are there and intact, else None."""
    try:
        data = path_for(report_dir, code).read_bytes()
    except FileNotFoundError:
        return None
    if sha256 is None or hashlib.sha256(data).hexdigest() != sha256:
        return None
    return data
