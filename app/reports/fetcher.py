"""A WeasyPrint URL fetcher that serves the report's own files and refuses everything else."""

import logging
import mimetypes
from collections.abc import Mapping
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse

LOGGER = logging.getLogger(__name__)

SCHEME = "asset"


class RefusedURL(PermissionError):
    """The report asked for a URL that is not one of its own assets."""


def asset_url(name: str) -> str:
    """The URL under which the fetcher serves an asset registered as `name`."""
    return f"{SCHEME}:{name}"


class AssetFetcher(URLFetcher):
    """Serves only the files registered with it, by `asset:` URL; refuses file:, http(s):, data:."""

    def __init__(self, assets: Mapping[str, Path]):
        # fail_on_errors: a refused URL aborts the render instead of leaving a silent gap;
        # allowed_protocols is a second lock should the base class ever be reached.
        super().__init__(fail_on_errors=True, allowed_protocols=(SCHEME,))
        self._assets = {asset_url(name): Path(path) for name, path in assets.items()}

    def fetch(self, url, headers=None):
        path = self._assets.get(url)
        if path is None:
            # Templates escape all data and the charts are inline SVG, so a request for any
            # other URL means markup got through that should not have: stop and say so.
            LOGGER.error("report renderer refused to fetch %.200r", url)
            raise RefusedURL(f"refused to fetch {url[:200]!r}: not a report asset")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if path.suffix == ".ttf":
            content_type = "font/ttf"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
