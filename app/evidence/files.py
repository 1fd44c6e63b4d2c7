"""What an uploaded file is, judged from its bytes; images re-encoded without their metadata.

No Flask and no database here: bytes in, a checked file (or a refusal saying why) out.
"""

import tempfile
import warnings
from dataclasses import dataclass
from typing import BinaryIO

from PIL import Image, ImageOps, UnidentifiedImageError

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png"}
_MAGIC = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
_PIL_FORMATS = {"JPEG": JPEG, "PNG": PNG}
JPEG_QUALITY = 85


class Refused(Exception):
    """The file cannot be kept: reason is one of wrong_type, unreadable, too_many_pixels."""

    def __init__(self, reason: str, **params):
        super().__init__(reason)
        self.reason, self.params = reason, params


@dataclass
class Checked:
    """A file fit to store: its type, its bytes (a stream at 0), and an image's dimensions."""

    content_type: str
    stream: BinaryIO
    width: int | None = None
    height: int | None = None

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.content_type]


def sniff(head: bytes) -> str | None:
    """The content type the first bytes announce, among the three we take; None otherwise."""
    for magic, content_type in _MAGIC:
        if head.startswith(magic):
            return content_type
    return None


def check_file(stream: BinaryIO, *, max_pixels: int, max_side: int) -> Checked:
    """A PDF as it came, or an image decoded and written anew; Refused when neither."""
    content_type = sniff(stream.read(16))
    stream.seek(0)
    if content_type is None:
        raise Refused("wrong_type")
    if content_type == PDF:
        # A PDF cannot be rewritten safely here; it is served sandboxed (docs/evidence.md).
        return Checked(PDF, stream)
    return _reencode(stream, content_type, max_pixels=max_pixels, max_side=max_side)


def _reencode(stream: BinaryIO, content_type: str, *, max_pixels: int, max_side: int) -> Checked:
    try:
        # Image.open reads the header only: the dimensions are checked before any decoding,
        # so a small file announcing a huge image (a decompression bomb) costs nothing.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # we check below
            image = Image.open(stream, formats=list(_PIL_FORMATS))
        if _PIL_FORMATS.get(image.format) != content_type:
            raise Refused("wrong_type")
        width, height = image.size
        if width * height > max_pixels:
            raise _too_many_pixels(width * height, max_pixels)
        if content_type == JPEG:
            # Decode at a reduced scale straight away when the photo is larger than kept.
            image.draft("RGB", (max_side, max_side))
        image.load()
        image = ImageOps.exif_transpose(image)  # keep the orientation the EXIF gave
    except Image.DecompressionBombError:  # beyond twice Pillow's own bound, refused in open()
        raise _too_many_pixels(2 * (Image.MAX_IMAGE_PIXELS or 0) + 1, max_pixels) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise Refused("unreadable") from None
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    out = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115 (handed out)
    # Written anew with no info: EXIF (GPS, camera, time), XMP, ICC and text chunks stay behind.
    if content_type == JPEG:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY)
    else:
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(out, "PNG")
    out.seek(0)
    return Checked(content_type, out, *image.size)


def _too_many_pixels(pixels: int, limit: int) -> Refused:
    return Refused(
        "too_many_pixels", megapixels=round(pixels / 1e6, 1), limit=round(limit / 1e6, 1)
    )
