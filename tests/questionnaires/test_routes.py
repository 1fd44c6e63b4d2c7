"""GET /questionnaires: list, latest, versions; localisation; ETag and 304."""

import pytest

KEYS = ("brand", "standards", "quality")


def test_list_names_the_three_questionnaires_with_counts(client):
    response = client.get("/api/v1/questionnaires")
    assert response.status_code == 200
    items = {item["key"]: item for item in response.get_json()["items"]}
    assert set(KEYS) <= set(items)
    for key in KEYS:
        # The whole file; one firm is shown at most 30 (tests/questionnaires/test_coverage.py).
        assert 15 <= items[key]["question_count"] <= 40
        assert items[key]["estimated_minutes"] > 0
        assert items[key]["version"] >= 1
    assert items["brand"]["title"] == "品牌建设"


def test_list_is_english_when_asked(client):
    response = client.get("/api/v1/questionnaires", headers={"Accept-Language": "en-US,en;q=0.9"})
    items = {item["key"]: item for item in response.get_json()["items"]}
    assert items["quality"]["title"].isascii()
    assert response.headers["Content-Language"] == "en"


@pytest.mark.parametrize("key", KEYS)
def test_definition_has_every_question_field_in_chinese_by_default(client, key):
    body = client.get(f"/api/v1/questionnaires/{key}").get_json()
    assert body["key"] == key
    questions = [q for s in body["sections"] for q in s["questions"]]
    assert all(isinstance(q["text"], str) and q["text"] for q in questions)
    assert all(q["clause"] for q in questions)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in questions[0]["text"])
    assert sum(d["weight"] for d in body["dimensions"]) == pytest.approx(100)


def test_english_falls_back_to_chinese_field_by_field(client):
    zh = client.get("/api/v1/questionnaires/quality").get_json()
    en = client.get("/api/v1/questionnaires/quality?lang=en").get_json()
    assert en["title"] != zh["title"]
    pairs = [
        (qz.get("help"), qe.get("help"))
        for sz, se in zip(zh["sections"], en["sections"], strict=True)
        for qz, qe in zip(sz["questions"], se["questions"], strict=True)
    ]
    # A field without English keeps its Chinese text rather than disappearing.
    assert all((a is None) == (b is None) for a, b in pairs)


def test_etag_answers_304_and_differs_by_language(client):
    first = client.get("/api/v1/questionnaires/brand")
    etag = first.headers["ETag"]
    assert not etag.startswith("W/")
    again = client.get("/api/v1/questionnaires/brand", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    english = client.get(
        "/api/v1/questionnaires/brand", headers={"If-None-Match": etag, "Accept-Language": "en"}
    )
    assert english.status_code == 200
    assert english.headers["ETag"] != etag


def test_versions_are_cacheable_for_ever_and_latest_revalidates(client):
    latest = client.get("/api/v1/questionnaires/standards")
    version = latest.get_json()["version"]
    pinned = client.get(f"/api/v1/questionnaires/standards/versions/{version}")
    assert "immutable" in pinned.headers["Cache-Control"]
    assert "no-cache" in latest.headers["Cache-Control"]
    assert pinned.get_json() == latest.get_json()


@pytest.mark.parametrize(
    "path",
    ["/api/v1/questionnaires/nope", "/api/v1/questionnaires/brand/versions/999"],
)
def test_unknown_key_or_version_is_404_problem(client, path):
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    assert response.get_json()["status"] == 404
