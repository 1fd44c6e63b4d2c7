"""Cursor pages: the next page's URL, in the body (`next`) and as an RFC 8288 Link header."""

from urllib.parse import urlencode

from flask import request

NEXT_DOC = "the next page's URL (root-relative; also the Link header), null on the last page"


def next_link(cursor: str | None) -> str | None:
    """The root-relative URL of the next page: this request's query with the cursor replaced.

    Root-relative, not absolute: behind a proxy the host the client used is not ours to guess.
    """
    if not cursor:
        return None
    query = [(name, value) for name, value in request.args.items(multi=True) if name != "cursor"]
    query.append(("cursor", cursor))
    return f"{request.script_root}{request.path}?{urlencode(query)}"


def link_headers(url: str | None) -> dict[str, str]:
    """The Link header announcing the next page, or none on the last page."""
    return {"Link": f'<{url}>; rel="next"'} if url else {}
