"""The mobile web client: the page at / and its static files under versioned URLs.

Every file's URL carries a hash of all the client's files (`/static/app/<hash>/js/main.js`), so
the files are cached for a year and a release changes every URL at once; ES module imports are
relative, so they inherit the version. The page itself is revalidated on every visit (ETag).
Files are kept in memory with their gzip and brotli forms made once at the highest levels.
"""

import gzip
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import brotli
from flask import Blueprint, Response, abort, render_template, request, url_for

STATIC = Path(__file__).resolve().parent / "static"
TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
}
# What the first screen needs besides main.js, fetched in parallel instead of one after another.
PRELOAD = ("api.js", "i18n.js", "dom.js", "views/login.js", "views/form.js")
IMMUTABLE = "public, max-age=31536000, immutable"

blp = Blueprint("web", __name__, template_folder="templates")


@dataclass
class Asset:
    body: bytes
    content_type: str
    etag: str
    encoded: dict = field(default_factory=dict)

    def encoding(self, coding: str) -> bytes:
        if coding not in self.encoded:
            if coding == "br":
                self.encoded[coding] = brotli.compress(self.body, quality=11)
            else:
                self.encoded[coding] = gzip.compress(self.body, compresslevel=9, mtime=0)
        return self.encoded[coding]


@dataclass
class Bundle:
    version: str
    stamp: tuple
    assets: dict


_bundle: Bundle | None = None


def _stamp() -> tuple:
    return tuple(
        (str(p.relative_to(STATIC)), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(STATIC.rglob("*"))
        if p.is_file()
    )


def bundle() -> Bundle:
    """The client's files and their version; re-read when a file changes (development)."""
    global _bundle
    stamp = _stamp()
    if _bundle is None or _bundle.stamp != stamp:
        assets, digest = {}, hashlib.sha256()
        for name, _, _ in stamp:
            body = (STATIC / name).read_bytes()
            digest.update(name.encode() + b"\0" + body + b"\0")
            content_type = TYPES.get(Path(name).suffix, "application/octet-stream")
            etag = hashlib.sha256(body).hexdigest()[:20]
            assets[name] = Asset(body, content_type, etag)
        _bundle = Bundle(digest.hexdigest()[:12], stamp, assets)
    return _bundle


def _coding() -> str | None:
    accepted = request.accept_encodings
    for coding in ("br", "gzip"):
        if accepted[coding] > 0:  # werkzeug gives the q value, 0 when not accepted
            return coding
    return None


@blp.get("/")
def index():
    """The single page; every screen is drawn by the scripts."""
    version = bundle().version
    asset = url_for("web.asset", version=version, filename="").rstrip("/")
    html = render_template("web/index.html", asset=asset, preload=PRELOAD)
    response = Response(html, mimetype="text/html")
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(hashlib.sha256(html.encode()).hexdigest()[:20])
    # Nothing here may be framed or sniffed; scripts and styles come from this origin only.
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response.make_conditional(request)


@blp.get("/sw.js")
def service_worker():
    """The service worker that keeps the app shell for starting without a network."""
    current = bundle()
    base = url_for("web.asset", version=current.version, filename="").rstrip("/")
    shell = [url_for("web.index")] + [f"{base}/{name}" for name in current.assets]
    script = render_template("web/sw.js", version=current.version, shell=shell)
    response = Response(script, content_type=TYPES[".js"])
    # Browsers check for a new worker on every visit; it must never come from a cache.
    response.headers["Cache-Control"] = "no-cache"
    response.set_etag(hashlib.sha256(script.encode()).hexdigest()[:20])
    return response.make_conditional(request)


@blp.get("/static/app/<version>/<path:filename>")
def asset(version, filename):
    """One client file: brotli or gzip when accepted, cached for a year under its version."""
    current = bundle()
    item = current.assets.get(filename)
    if item is None:
        abort(404)
    coding = _coding()
    body = item.encoding(coding) if coding else item.body
    response = Response(body, content_type=item.content_type)
    if coding:
        response.headers["Content-Encoding"] = coding  # Flask-Compress leaves it alone then
    response.vary.add("Accept-Encoding")
    response.set_etag(f"{item.etag}-{coding or 'identity'}")
    # An old page asking for an old version gets today's file, but must not keep it for a year.
    response.headers["Cache-Control"] = IMMUTABLE if version == current.version else "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response.make_conditional(request)
