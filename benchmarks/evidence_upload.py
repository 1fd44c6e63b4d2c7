"""Time checking and re-encoding an uploaded phone photo, against hashing its bytes.

    .venv/bin/python benchmarks/evidence_upload.py [--runs 7] [--side 4032]

Makes a photo-like JPEG of side × 3/4 side pixels (noise over gradients, so it compresses like
a photo: a few MB), with EXIF, then times in the same run:

  hash      SHA-256 over the uploaded bytes (what any upload costs: the floor);
  photo     app.evidence.files.check_file on it: sniff, header check, decode (at a reduced
            scale when larger than EVIDENCE_IMAGE_MAX_SIDE), orientation, scale to 4096 px,
            re-encode without metadata;
  pdf       check_file on a PDF of the same size (passed through: sniffing only);

and prints the median of each, the photo's ratio to the floor, and the sizes in and out.
Asserts nothing.
"""

import argparse
import hashlib
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from app.evidence.files import check_file


def photo(side: int) -> bytes:
    width, height = side, side * 3 // 4
    noise = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    image = Image.blend(gradient, noise, 0.35)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 1  # orientation
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--side", type=int, default=4032)
    args = parser.parse_args()
    data = photo(args.side)
    pdf = b"%PDF-1.4\n" + b"%" * (len(data) - 9)
    out = check_file(io.BytesIO(data), max_pixels=50_000_000, max_side=4096)
    stored = out.stream.read()
    floor = timed(lambda: hashlib.sha256(data).hexdigest(), args.runs)
    check = lambda body: check_file(io.BytesIO(body), max_pixels=50_000_000, max_side=4096)  # noqa: E731
    photo_time = timed(lambda: check(data), args.runs)
    pdf_time = timed(lambda: check(pdf), args.runs)
    print(
        f"photo {args.side}×{args.side * 3 // 4}, {len(data) / 1e6:.1f} MB in → "
        f"{out.width}×{out.height}, {len(stored) / 1e6:.1f} MB stored, EXIF kept: "
        f"{b'PhoneMaker' in stored}"
    )
    print(f"hash   {floor * 1000:8.1f} ms  (floor)")
    print(f"photo  {photo_time * 1000:8.1f} ms  ({photo_time / floor:.0f}× the floor)")
    print(f"pdf    {pdf_time * 1000:8.1f} ms  ({pdf_time / floor:.2f}× the floor)")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
