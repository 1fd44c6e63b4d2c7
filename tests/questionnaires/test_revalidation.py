"""Revalidating a questionnaire with the compressed ETag it was served costs no compression."""

import pytest
from flask_compress import flask_compress

PATH = "/api/v1/questionnaires/quality"


@pytest.fixture
def compressions(monkeypatch):
    """Count Flask-Compress's compressions (the library's function, wrapped, not replaced)."""
    calls = []
    real = flask_compress._compress_data

    def counting(app, data, algorithm):
        calls.append(algorithm)
        return real(app, data, algorithm)

    monkeypatch.setattr(flask_compress, "_compress_data", counting)
    return calls


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_a_304_for_the_compressed_etag_compresses_nothing(client, compressions, coding):
    first = client.get(PATH, headers={"Accept-Encoding": coding})
    assert first.status_code == 200 and first.headers["Content-Encoding"] == coding
    etag = first.headers["ETag"]
    assert etag.endswith(f':{coding}"')
    assert compressions == [coding]
    again = client.get(PATH, headers={"Accept-Encoding": coding, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.headers["ETag"] == etag  # the tag the client holds
    assert again.data == b""
    assert compressions == [coding]  # the 304 compressed nothing


def test_the_plain_etag_still_revalidates_and_a_stale_one_gets_the_body(client, compressions):
    plain = client.get(PATH, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    etag = plain.headers["ETag"]
    assert client.get(PATH, headers={"If-None-Match": etag}).status_code == 304
    stale = client.get(PATH, headers={"If-None-Match": '"0000:br"', "Accept-Encoding": "br"})
    assert stale.status_code == 200 and stale.headers["Content-Encoding"] == "br"
    assert compressions == ["br"]
