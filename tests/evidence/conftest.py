"""Fixtures of the evidence tests: a questionnaire that takes evidence, files, uploads."""

import copy
import hashlib
import io
import json
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from PIL import Image

from app.questionnaires import routes
from app.questionnaires import service as questionnaires
from app.questionnaires.conditions import visible_questions
from app.questionnaires.representation import localise_tree
from tests.fixtures.actors import facts
from tests.fixtures.answering import complete_answers
from tests.storage.servers import storage_settings  # noqa: F401  (a fixture)

# A minimal well-formed PDF (one empty page).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
FACTS = facts("C1772", "small")  # the test enterprise: a small towel maker, COMPLETE_PROFILE


def jpeg(size=(40, 30), *, gps: bool = False, color=(200, 30, 30)) -> bytes:
    """A JPEG photo; gps=True gives it EXIF with a camera, a time and a GPS position."""
    image = Image.new("RGB", size, color)
    buffer = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "PhoneMaker"  # Make
        exif[0x0132] = "2026:12:06 10:00:00"  # DateTime
        exif[0x8825] = {1: "N", 2: (38.0, 2.0, 0.0), 3: "E", 4: (114.0, 30.0, 0.0)}  # GPSInfo
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def png(size=(40, 30), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class Questions:
    """Question ids of the fixture questionnaire: two always shown, one shown only once the
    earlier answers call for it, and one that takes no evidence."""

    shown: str
    other: str
    hidden: str
    plain: str
    answers: dict  # complete answers that show `hidden`


@pytest.fixture
def evidence_questions(app, monkeypatch) -> Questions:
    """The published quality questionnaire with evidence declared on three of its questions.

    The tests choose their own three (one shown only after an answer), whatever the project's files
    declare: the definition the service reads (the per-process cache of published versions) is
    replaced for the test by a copy with them.
    """
    version = questionnaires.latest_version(key="quality")
    key, number, definition = questionnaires.published(version.id)
    changed = copy.deepcopy(definition)
    questions = [q for s in changed["sections"] for q in s["questions"]]
    always = [q for q in questions if q["condition"] is None and q["weight"]]
    # The questionnaire's conditions read the profile and the industry only now: one question
    # is made to depend on an earlier answer (its best), so that an answer can show it.
    gate = next(q for q in always if q["type"] == "single")
    best = max(gate["options"], key=lambda o: o["points"])["id"]
    always[-1]["condition"] = {"answer": gate["id"], "in": [best]}
    answers = complete_answers(changed, FACTS)
    initially = set(visible_questions(changed, {}, FACTS))
    later = set(visible_questions(changed, answers, FACTS))
    hidden = next(q for q in questions if q["id"] in later - initially)
    for question in (always[0], always[1], hidden):
        question["evidence"] = {
            "expected": True,
            "hint": {"zh": "证书扫描件", "en": "The certificate"},
        }
    monkeypatch.setitem(questionnaires._PUBLISHED, version.id, (key, number, changed))
    # And as the API serves it to the client (built from the row, cached as bytes).
    original_body = routes.definition_body

    def body(row, lang):
        if row.id != version.id:
            return original_body(row, lang)
        data = dict(changed, key=key, version=number, content_hash=row.content_hash)
        text = json.dumps(localise_tree(data, lang), ensure_ascii=False).encode()
        return text, hashlib.sha256(text).hexdigest()[:32]

    monkeypatch.setattr(routes, "definition_body", body)
    return Questions(always[0]["id"], always[1]["id"], hidden["id"], always[2]["id"], answers)


@pytest.fixture
def evidence_storage(app, monkeypatch, storage_settings):  # noqa: F811
    """Evidence stored in each backend in turn: a local directory, then the S3 test server."""
    from app.storage import current_store

    for name, value in storage_settings.items():
        monkeypatch.setitem(app.config, name, value)
    return current_store()


def upload(client, actor, assessment_id, data: bytes, question: str, *, key=None, **params):
    """POST a file as the body; params: filename, lang (Accept-Language), content_type."""
    query = {"question": question, "filename": params.pop("filename", "photo.jpg")}
    headers = {
        **(actor.headers if actor else {}),
        "Content-Type": params.pop("content_type", "application/octet-stream"),
        "Accept-Language": params.pop("lang", "zh"),
    }
    if key:
        headers["Idempotency-Key"] = key
    return client.post(
        f"/api/v1/assessments/{assessment_id}/evidence?{urlencode(query)}",
        data=data,
        headers=headers,
    )


def listing(client, actor, assessment_id, **query):
    return client.get(
        f"/api/v1/assessments/{assessment_id}/evidence?{urlencode(query)}",
        headers=actor.headers if actor else {},
    )
