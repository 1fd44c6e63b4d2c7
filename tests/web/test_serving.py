"""How the web client and the API are served: caching, versioned URLs, gzip and brotli."""

import gzip
import json
import re

import brotli
import pytest
from flask import Flask, Response

from app import compression

ACCEPT_ALL = "gzip, deflate, br, zstd"


def asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/app/[^"]+)"', html)


def test_page_is_revalidated_every_time_and_answers_304(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-cache"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    again = client.get("/", headers={"If-None-Match": page.headers["ETag"]})
    assert again.status_code == 304


def test_assets_live_under_one_version_and_are_cached_for_a_year(client):
    urls = asset_urls(client.get("/").get_data(as_text=True))
    assert any(u.endswith("/js/main.js") for u in urls) and any(u.endswith(".css") for u in urls)
    assert len({u.split("/")[3] for u in urls}) == 1
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers.get("Content-Encoding") is None
    script = client.get(next(u for u in urls if u.endswith("main.js")))
    assert script.headers["Content-Type"].startswith("text/javascript")


@pytest.mark.parametrize(("accept", "coding"), [("gzip", "gzip"), (ACCEPT_ALL, "br")])
def test_assets_come_precompressed_and_answer_304(client, accept, coding):
    url = next(u for u in asset_urls(client.get("/").get_data(as_text=True)) if "i18n" in u)
    plain = client.get(url).get_data()
    response = client.get(url, headers={"Accept-Encoding": accept})
    assert response.headers["Content-Encoding"] == coding
    assert "Accept-Encoding" in response.headers["Vary"]
    decode = gzip.decompress if coding == "gzip" else brotli.decompress
    assert decode(response.get_data()) == plain
    assert len(response.get_data()) < len(plain) / 2
    again = client.get(
        url, headers={"Accept-Encoding": accept, "If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304


def test_an_old_version_gets_todays_file_but_no_long_cache(client):
    url = next(u for u in asset_urls(client.get("/").get_data(as_text=True)) if "main.js" in u)
    old = re.sub(r"/static/app/[^/]+/", "/static/app/0000000000/", url)
    response = client.get(old)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
    assert client.get(url.replace("main.js", "nothing.js")).status_code == 404


def test_the_client_is_not_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert "/" not in paths
    assert not any(p.startswith("/static") for p in paths)


def test_api_json_is_compressed_and_its_etag_still_gives_304(client):
    first = client.get("/api/v1/questionnaires/quality", headers={"Accept-Encoding": "gzip"})
    assert first.status_code == 200
    assert first.headers["Content-Encoding"] == "gzip"
    assert first.headers["ETag"].endswith(':gzip"')
    revalidated = client.get(
        "/api/v1/questionnaires/quality",
        headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]},
    )
    assert revalidated.status_code == 304
    # A client that never compresses still gets the plain strong ETag and its 304.
    plain = client.get("/api/v1/questionnaires/quality")
    assert "Content-Encoding" not in plain.headers
    assert (
        client.get(
            "/api/v1/questionnaires/quality", headers={"If-None-Match": plain.headers["ETag"]}
        ).status_code
        == 304
    )


def test_the_etag_of_a_compressed_draft_works_as_if_match(client, enterprise, definition):
    from tests.fixtures.answering import complete_answers

    created = client.post(
        "/api/v1/assessments",
        json={"questionnaire": "quality"},
        headers={**enterprise.headers, "Accept-Encoding": "gzip"},
    )
    assert created.headers["Content-Encoding"] == "gzip"
    etag = created.headers["ETag"]  # "<version>:gzip"
    draft = json.loads(gzip.decompress(created.get_data()))
    first = draft["missing"][0]
    value = complete_answers(definition("quality"), enterprise.facts)[first]
    saved = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": {first: value}},
        headers={**enterprise.headers, "If-Match": etag, "Accept-Encoding": "gzip"},
    )
    assert saved.status_code == 200, saved.get_json()
    assert saved.headers["ETag"].startswith(f'"{draft["version"] + 1}')


def test_pdf_and_xlsx_are_never_compressed_text_is():
    app = Flask(__name__)
    compression.init_app(app)
    body = b"x" * 5000
    kinds = {
        "pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv",
        "problem": "application/problem+json",
    }
    for name, mimetype in kinds.items():
        app.add_url_rule(f"/{name}", name, lambda m=mimetype: Response(body, mimetype=m))
    client = app.test_client()
    coding = {
        name: client.get(f"/{name}", headers={"Accept-Encoding": ACCEPT_ALL}).headers.get(
            "Content-Encoding"
        )
        for name in kinds
    }
    assert coding == {"pdf": None, "xlsx": None, "csv": "br", "problem": "br"}
    assert (
        client.get("/csv", headers={"Accept-Encoding": "gzip"}).headers["Content-Encoding"]
        == "gzip"
    )
