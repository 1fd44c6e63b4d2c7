"""Every file the service refuses, refused with a 4xx problem naming what is wrong, in zh and en;
nothing already stored is lost."""

import io

import pytest
from PIL import Image

from app.problems import PREFIX
from tests.evidence.conftest import PDF, jpeg, listing, png, upload


@pytest.fixture
def draft(enterprise, evidence_questions):
    """A draft with one file already on the `shown` question."""
    assessment = enterprise.create("quality")
    return assessment


def _kept(client, enterprise, draft, count):
    items = listing(client, enterprise, draft["id"]).get_json()["items"]
    assert len(items) == count
    return items


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "photo.jpg"),  # a GIF named as a JPEG
        (b"<html><script>alert(1)</script></html>", "report.pdf"),
        (b"PK\x03\x04 a zip, or a docx", "scan.png"),
    ],
)
def test_a_file_of_another_type_is_refused_whatever_its_name(
    client, enterprise, draft, evidence_questions, data, name
):
    upload(client, enterprise, draft["id"], jpeg(), evidence_questions.shown)
    response = upload(
        client,
        enterprise,
        draft["id"],
        data,
        evidence_questions.shown,
        filename=name,
        content_type="image/jpeg",
        lang="en",
    )
    assert response.status_code == 415
    body = response.get_json()
    assert response.mimetype == "application/problem+json"
    assert body["type"] == PREFIX + "unsupported-file-type"
    assert "PDF, JPEG or PNG" in body["detail"] and "file" in body["errors"]
    _kept(client, enterprise, draft, 1)


def test_the_refusal_speaks_chinese_by_default(client, enterprise, draft, evidence_questions):
    response = upload(client, enterprise, draft["id"], b"hello", evidence_questions.shown)
    assert "只能上传 PDF、JPEG 或 PNG" in response.get_json()["detail"]


def test_an_oversized_file_is_refused_naming_the_limit(
    app, client, enterprise, draft, evidence_questions, monkeypatch
):
    monkeypatch.setitem(app.config, "EVIDENCE_MAX_BYTES", 2048)
    big = PDF + b"%" * 4096
    response = upload(client, enterprise, draft["id"], big, evidence_questions.shown, lang="en")
    assert response.status_code == 413
    body = response.get_json()
    assert body["type"] == PREFIX + "file-too-large" and body["limit"] == 2048
    assert body["detail"] == "The file is larger than the limit of 2 KB."
    _kept(client, enterprise, draft, 0)


def test_a_file_up_to_the_default_limit_passes_the_json_bound(
    client, enterprise, draft, evidence_questions
):
    # MAX_CONTENT_LENGTH (1 MiB) bounds JSON bodies; a file has its own bound, 10 MB.
    big = PDF + b"%" * (3 * 1024 * 1024)
    response = upload(client, enterprise, draft["id"], big, evidence_questions.shown)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["size"] == len(big)


def test_an_empty_body_is_refused(client, enterprise, draft, evidence_questions):
    response = upload(client, enterprise, draft["id"], b"", evidence_questions.shown)
    assert response.status_code == 422 and "file" in response.get_json()["errors"]


def test_a_question_holds_at_most_its_limit(
    app, client, enterprise, draft, evidence_questions, monkeypatch
):
    monkeypatch.setitem(app.config, "EVIDENCE_MAX_PER_QUESTION", 2)
    for _ in range(2):
        assert (
            upload(client, enterprise, draft["id"], png(), evidence_questions.shown).status_code
            == 201
        )
    response = upload(client, enterprise, draft["id"], png(), evidence_questions.shown, lang="en")
    assert response.status_code == 422
    body = response.get_json()
    assert body["type"] == PREFIX + "too-many-files" and body["limit"] == 2
    assert body["question"] == evidence_questions.shown
    assert evidence_questions.shown in body["errors"]
    # Another question still has room.
    assert (
        upload(client, enterprise, draft["id"], png(), evidence_questions.other).status_code == 201
    )
    _kept(client, enterprise, draft, 3)


def test_an_assessment_holds_at_most_its_limit(
    app, client, enterprise, draft, evidence_questions, monkeypatch
):
    monkeypatch.setitem(app.config, "EVIDENCE_MAX_PER_ASSESSMENT", 2)
    upload(client, enterprise, draft["id"], png(), evidence_questions.shown)
    upload(client, enterprise, draft["id"], png(), evidence_questions.other)
    response = upload(client, enterprise, draft["id"], png(), evidence_questions.shown, lang="en")
    assert response.status_code == 422
    assert "assessment already holds 2" in response.get_json()["detail"]
    _kept(client, enterprise, draft, 2)


@pytest.mark.parametrize("which", ["hidden", "plain", "unknown"])
def test_a_question_that_takes_no_file_now_is_named(
    client, enterprise, draft, evidence_questions, which
):
    question = {
        "hidden": evidence_questions.hidden,  # declared, but not shown for the answers so far
        "plain": evidence_questions.plain,  # shown, but declares no evidence
        "unknown": "no_such_question",
    }[which]
    response = upload(client, enterprise, draft["id"], jpeg(), question, lang="en")
    assert response.status_code == 422
    body = response.get_json()
    assert body["question"] == question and question in body["errors"]
    _kept(client, enterprise, draft, 0)


def test_a_hidden_question_takes_files_once_shown(client, enterprise, evidence_questions):
    draft = enterprise.fill("quality", evidence_questions.answers)
    response = upload(client, enterprise, draft["id"], jpeg(), evidence_questions.hidden)
    assert response.status_code == 201


def test_a_missing_question_is_named(client, enterprise, draft):
    response = client.post(
        f"/api/v1/assessments/{draft['id']}/evidence",
        data=jpeg(),
        headers={**enterprise.headers, "Content-Type": "image/jpeg"},
    )
    assert response.status_code == 422 and "question" in response.get_json()["errors"]


def test_a_damaged_image_is_refused(client, enterprise, draft, evidence_questions):
    broken = jpeg()[:200]
    response = upload(client, enterprise, draft["id"], broken, evidence_questions.shown, lang="en")
    assert response.status_code == 422
    assert "cannot be read" in response.get_json()["errors"]["file"][0]


def test_a_decompression_bomb_is_refused_before_it_is_decoded(
    client, enterprise, draft, evidence_questions
):
    # 12,000 × 12,000 one-bit pixels: 144 megapixels in a file of a few kilobytes.
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG", optimize=True)
    assert len(buffer.getvalue()) < 100_000
    response = upload(
        client, enterprise, draft["id"], buffer.getvalue(), evidence_questions.shown, lang="en"
    )
    assert response.status_code == 422
    assert "144.0 megapixels" in response.get_json()["errors"]["file"][0]


def test_a_large_photo_is_scaled_down_and_keeps_its_shape(
    app, client, enterprise, draft, evidence_questions, monkeypatch
):
    monkeypatch.setitem(app.config, "EVIDENCE_IMAGE_MAX_SIDE", 20)
    item = upload(client, enterprise, draft["id"], jpeg((40, 30)), evidence_questions.shown)
    assert (item.get_json()["width"], item.get_json()["height"]) == (20, 15)


def test_an_upload_with_a_malformed_key_is_refused(client, enterprise, draft, evidence_questions):
    response = upload(
        client, enterprise, draft["id"], jpeg(), evidence_questions.shown, key="x" * 129
    )
    assert response.status_code == 400
    _kept(client, enterprise, draft, 0)
