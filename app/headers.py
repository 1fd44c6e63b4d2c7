"""Security headers on every response: no sniffing, no referrer, no caching of personal data.

- every response: `X-Content-Type-Options: nosniff` and `Referrer-Policy: no-referrer`;
- served over TLS (after ProxyFix, X-Forwarded-Proto from a trusted proxy): HSTS for
  HSTS_SECONDS, unless 0;
- JSON answering a signed-in caller, or carrying tokens (/auth/*): `Cache-Control: no-store`,
  unless the view made it public (published questionnaires are the same for everyone);
- HTML: a Content-Security-Policy with `frame-ancestors 'none'` unless the view set its own
  (the web client does). Pages with inline script or style (the API docs, the verification page)
  get the hashes of exactly those blocks: see page_policy.
"""

import base64
import hashlib
import re

from flask import Flask, Response, current_app, request

_JSON = ("application/json", "application/problem+json")
_TOKEN_PATHS = ("/api/v1/auth/", "/api/v1/me")
_INLINE = re.compile(r"<(script|style)(?:\s[^>]*)?>(.*?)</\1>", re.S | re.I)


def page_policy(html: str) -> str:
    """A strict CSP for a page of ours, allowing its own inline <script> and <style> by hash.

    Hashing the rendered blocks is safe only for pages from our autoescaped templates, whose
    inline blocks are ours: text a user typed is escaped and cannot open a <script> element.
    """
    hashes = {"script": [], "style": []}
    for tag, body in _INLINE.findall(html):
        if body.strip():
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            hashes[tag.lower()].append(f"'sha256-{digest}'")
    return (
        "default-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
        f"script-src 'self' {' '.join(hashes['script'])}".rstrip()
        + f"; style-src 'self' {' '.join(hashes['style'])}".rstrip()
        + "; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    )


def _is_personal_json(response: Response) -> bool:
    if response.mimetype not in _JSON or "public" in response.headers.get("Cache-Control", ""):
        return False
    return "Authorization" in request.headers or request.path.startswith(_TOKEN_PATHS)


def secure_headers(response: Response) -> Response:
    """after_request: the headers above, leaving those a view set itself."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    seconds = current_app.config["HSTS_SECONDS"]
    if seconds and request.is_secure:
        headers.setdefault("Strict-Transport-Security", f"max-age={seconds}")
    if _is_personal_json(response):
        headers["Cache-Control"] = "private, no-store"
    if response.mimetype == "text/html" and "Content-Security-Policy" not in headers:
        # The API docs page is built by flask-smorest; its inline script is fixed per app.
        html = "" if response.is_streamed else response.get_data(as_text=True)
        headers["Content-Security-Policy"] = page_policy(html)
        headers.setdefault("X-Frame-Options", "DENY")  # browsers that predate frame-ancestors
    return response


def init_app(app: Flask) -> None:
    app.after_request(secure_headers)
