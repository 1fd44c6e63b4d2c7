"""The report font, prepared once into a cache directory, and tiny fallbacks for rare characters."""

import contextlib
import functools
import hashlib
import logging
import os
import tempfile
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

from .fontbuild import FontSource, build_subset, find_source

LOGGER = logging.getLogger(__name__)

DEFAULT_CACHE_DIR = Path(__file__).resolve().parents[2] / "instance" / "fonts"
FAMILY, EXTRA_FAMILY = "ReportSans", "ReportSansExtra"
WEIGHTS = {400: "Regular", 700: "Bold"}

# Bump when the repertoire or the way the font is built changes: the cache key carries it.
REPERTOIRE_VERSION = 1
# Typography beyond GB 2312 that the templates, the labels and typical answers use.
_EXTRA_RANGES = (
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: ©, °, ·, ×, é in English text
    (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
    (0x2030, 0x203B),  # ‰, ′, ‹ ›, ※
    (0x2190, 0x2193),  # arrows
    (0x2460, 0x2473),  # ①–⑳
    (0x25A0, 0x25CF),  # ■ □ ▲ △ ● ○
    (0x3000, 0x303F),  # CJK punctuation: 、。〈〉《》「」【】〔〕〇
    (0xFF01, 0xFF5E),  # full-width forms
)


def repertoire() -> frozenset[int]:
    """Code points the prepared font carries: GB 2312, ASCII and the typography above."""
    points = {cp for lo, hi in _EXTRA_RANGES for cp in range(lo, hi + 1)}
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                points.add(ord(bytes((row, cell)).decode("gb2312")))
    points.update(map(ord, "€™✓"))
    return frozenset(points)


@dataclass(frozen=True)
class FontFace:
    family: str
    weight: int
    path: Path


_lock = threading.Lock()
_prepared: dict[tuple[Path, int], Path] = {}
_extras: dict[tuple[Path, int, str], Path | None] = {}
_coverage: dict[Path, frozenset[int]] = {}
_hashes: dict[tuple[Path, int, int], str] = {}


def prepare_report_font(cache_dir: Path | str | None = None, *, weight: int = 400) -> Path:
    """Path of the prepared report font for a weight, building it on first use only."""
    cache_dir = Path(cache_dir or DEFAULT_CACHE_DIR).resolve()
    with _lock:
        if (known := _prepared.get((cache_dir, weight))) and known.exists():
            return known
        source = find_source(weight)
        name = f"report-sans-{weight}-{_source_hash(source)}-r{REPERTOIRE_VERSION}.ttf"
        path = _ensure(cache_dir / name, source, repertoire(), FAMILY, WEIGHTS[weight])
        _prepared[(cache_dir, weight)] = path
        return path


def prepare_extra_font(cache_dir: Path | str | None, chars: Iterable[str], *, weight: int):
    """Path of a font with just these characters from the full system font, or None."""
    cache_dir = Path(cache_dir or DEFAULT_CACHE_DIR).resolve()
    text = "".join(sorted(set(chars)))
    with _lock:
        key = (cache_dir, weight, text)
        if key not in _extras:
            source = find_source(weight)
            wanted = {ord(c) for c in text} & _cmap(source.path, source.index)
            digest = hashlib.sha256(text.encode()).hexdigest()[:16]
            name = f"report-extra-{weight}-{_source_hash(source)}-{digest}.ttf"
            path = cache_dir / "extra" / name
            _extras[key] = (
                _ensure(path, source, wanted, EXTRA_FAMILY, WEIGHTS[weight]) if wanted else None
            )
        return _extras[key]


def faces_for(text: str, cache_dir: Path | str | None = None) -> tuple[list[FontFace], str]:
    """The faces a document with this text needs, and the characters outside the report font."""
    faces = [FontFace(FAMILY, w, prepare_report_font(cache_dir, weight=w)) for w in WEIGHTS]
    covered = frozenset.intersection(*(font_coverage(face.path) for face in faces))
    missing = "".join(sorted(c for c in set(text) if ord(c) not in covered and _visible(c)))
    if missing:
        for weight in WEIGHTS:
            if path := prepare_extra_font(cache_dir, missing, weight=weight):
                faces.append(FontFace(EXTRA_FAMILY, weight, path))
        extra = frozenset().union(
            *(font_coverage(f.path) for f in faces if f.family == EXTRA_FAMILY)
        )
        if unknown := "".join(c for c in missing if ord(c) not in extra):
            # Pango still looks through the system fonts; without one, these show as boxes.
            LOGGER.warning("no report font has a glyph for %r", unknown)
    return faces, missing


def font_coverage(path: Path) -> frozenset[int]:
    """Code points a font file maps, read once per process."""
    if path not in _coverage:
        _coverage[path] = frozenset(TTFont(str(path), lazy=True).getBestCmap())
    return _coverage[path]


def _visible(char: str) -> bool:
    # Controls, separators and format characters draw nothing; they need no glyph.
    return unicodedata.category(char)[0] not in "CZ"


@functools.cache
def _cmap(path: Path, index: int) -> frozenset[int]:
    return frozenset(TTFont(str(path), fontNumber=index, lazy=True).getBestCmap())


def _source_hash(source: FontSource) -> str:
    stat = source.path.stat()
    key = (source.path, stat.st_size, stat.st_mtime_ns)
    if key not in _hashes:
        digest = hashlib.sha256(f"{source.index}:".encode())
        with source.path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        _hashes[key] = digest.hexdigest()[:12]
    return _hashes[key]


def _ensure(path: Path, source: FontSource, unicodes, family: str, style: str) -> Path:
    """Build `path` unless it exists; safe when several processes race to build it."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with _interprocess_lock(path.parent):
        if path.exists():  # another process built it while we waited for the lock
            return path
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".building-", suffix=".ttf")
        os.close(fd)
        try:
            glyphs = build_subset(source, unicodes, tmp, family=family, style=style)
            os.chmod(tmp, 0o644)  # mkstemp makes it private; other workers must read it
            # Readers only ever see a complete file: the rename is atomic on one filesystem.
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    LOGGER.info("built report font %s (%d glyphs) from %s", path.name, glyphs, source.path)
    return path


@contextlib.contextmanager
def _interprocess_lock(directory: Path):
    # A lock file stops parallel workers from spending seconds each on the same build.
    try:
        import fcntl
    except ImportError:  # not POSIX: duplicate work is possible, torn files are not
        yield
        return
    with (directory / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


if __name__ == "__main__":  # python -m app.reports.fonts [CACHE_DIR]: prepare at deploy time
    import sys

    for weight in WEIGHTS:
        print(prepare_report_font(sys.argv[1] if len(sys.argv) > 1 else None, weight=weight))
