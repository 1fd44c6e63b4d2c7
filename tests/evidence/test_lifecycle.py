"""An evidence file's life: uploaded to a draft, frozen with the submission, verified, replaced
after a return — on the local store and on S3, with every step in the audit log."""

import hashlib
import io

from PIL import Image
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.db import db
from tests.evidence.conftest import PDF, jpeg, listing, png, upload
from tests.review.conftest import review


def _file(client, actor, item, **query):
    suffix = "?disposition=inline" if query.get("inline") else ""
    return client.get(item["href"] + suffix, headers=actor.headers)


def _audit(assessment_id):
    rows = db.session.scalars(
        select(AuditEntry)
        .where(AuditEntry.assessment_id == assessment_id, AuditEntry.action.like("evidence_%"))
        .order_by(AuditEntry.id)
    )
    return [(row.action, row.role, (row.details or {}).get("evidence")) for row in rows]


def test_evidence_is_frozen_verified_and_replaced_across_revisions(
    client, make_enterprise, make_staff, evidence_questions, evidence_storage
):
    q = evidence_questions
    company = make_enterprise("130100")
    regulator = make_staff("regulator", jurisdiction="130100")
    draft = company.fill("quality", q.answers)

    photo = upload(client, company, draft["id"], jpeg(gps=True), q.shown, key="u-1")
    assert photo.status_code == 201, photo.get_json()
    photo = photo.get_json()
    certificate = upload(client, company, draft["id"], PDF, q.other, filename="证书.pdf").get_json()
    assert (
        certificate["content_type"] == "application/pdf" and certificate["filename"] == "证书.pdf"
    )
    assert photo["content_type"] == "image/jpeg" and photo["first_revision"] is None
    assert photo["verification"] == {"status": "pending", "reason": None, "decided_at": None}

    # The stored photo is a new JPEG without EXIF, and its recorded hash is of those bytes.
    stored = _file(client, company, photo)
    assert stored.status_code == 200
    assert (
        hashlib.sha256(stored.data).hexdigest()
        == photo["sha256"]
        == stored.headers["ETag"].strip('"')
    )
    assert not Image.open(io.BytesIO(stored.data)).getexif()
    assert b"PhoneMaker" not in stored.data
    assert _file(client, company, certificate).data == PDF

    submitted = company.submit(draft)
    assert submitted["revision"] == 1
    frozen = listing(client, regulator, draft["id"]).get_json()
    assert frozen["revision"] == 1
    assert {i["id"] for i in frozen["items"]} == {photo["id"], certificate["id"]}
    assert {i["first_revision"] for i in frozen["items"]} == {1}

    # Submitted: the files cannot change until a return.
    refused = upload(client, company, draft["id"], png(), q.shown, lang="en")
    assert refused.status_code == 409 and "submitted" in refused.get_json()["detail"]
    gone = client.delete(
        f"/api/v1/assessments/{draft['id']}/evidence/{photo['id']}", headers=company.headers
    )
    assert gone.status_code == 409

    # The regulator opens the PDF inline, in a sandbox, and decides on each file.
    opened = _file(client, regulator, certificate, inline=True)
    assert opened.status_code == 200 and opened.mimetype == "application/pdf"
    assert opened.headers["Content-Disposition"].startswith("inline;")
    assert "sandbox" in opened.headers["Content-Security-Policy"]
    assert opened.headers["X-Content-Type-Options"] == "nosniff"
    verdict = f"/api/v1/assessments/{draft['id']}/evidence/{{}}/verification"
    ok = client.put(
        verdict.format(photo["id"]), json={"status": "verified"}, headers=regulator.headers
    )
    assert ok.status_code == 200 and ok.get_json()["verification"]["status"] == "verified"
    no_reason = client.put(
        verdict.format(certificate["id"]), json={"status": "rejected"}, headers=regulator.headers
    )
    assert no_reason.status_code == 422 and "reason" in no_reason.get_json()["errors"]
    rejected = client.put(
        verdict.format(certificate["id"]),
        json={"status": "rejected", "reason": "证书已过有效期"},
        headers=regulator.headers,
    )
    assert rejected.get_json()["verification"]["reason"] == "证书已过有效期"

    # Returned: the enterprise replaces the rejected certificate and resubmits.
    assert (
        review(client, regulator, draft["id"], decision="return", comment="证书过期").status_code
        == 200
    )
    mine = listing(client, company, draft["id"]).get_json()["items"]
    assert {i["verification"]["status"] for i in mine} == {"verified", "rejected"}
    removed = client.delete(
        f"/api/v1/assessments/{draft['id']}/evidence/{certificate['id']}", headers=company.headers
    )
    assert removed.status_code == 204
    fresh = upload(client, company, draft["id"], png(), q.other, filename="新证书.png").get_json()
    assert fresh["filename"] == "新证书.png"
    current = client.get(f"/api/v1/assessments/{draft['id']}", headers=company.headers).get_json()
    company.submit(current)

    second = listing(client, regulator, draft["id"]).get_json()
    assert second["revision"] == 2
    assert {i["id"]: i["verification"]["status"] for i in second["items"]} == {
        photo["id"]: "verified",  # the same bytes, verified once, stay verified
        fresh["id"]: "pending",
    }
    first = listing(client, regulator, draft["id"], revision=1).get_json()["items"]
    assert {i["id"] for i in first} == {photo["id"], certificate["id"]}
    diff = client.get(f"/api/v1/assessments/{draft['id']}/diff", headers=regulator.headers)
    changes = diff.get_json()["evidence"]
    assert [i["id"] for i in changes["added"]] == [fresh["id"]]
    assert [i["id"] for i in changes["removed"]] == [certificate["id"]]
    # Verdicts are on the latest revision's files: the removed certificate is not among them.
    late = client.put(
        verdict.format(certificate["id"]), json={"status": "verified"}, headers=regulator.headers
    )
    assert late.status_code == 409
    # The removed certificate stays readable with the revision it was submitted with.
    assert _file(client, regulator, certificate).data == PDF

    assert _audit(draft["id"]) == [
        ("evidence_upload", "enterprise", photo["id"]),
        ("evidence_upload", "enterprise", certificate["id"]),
        ("evidence_view", "enterprise", photo["id"]),
        ("evidence_view", "enterprise", certificate["id"]),
        ("evidence_view", "regulator", certificate["id"]),
        ("evidence_verify", "regulator", photo["id"]),
        ("evidence_verify", "regulator", certificate["id"]),
        ("evidence_remove", "enterprise", certificate["id"]),
        ("evidence_upload", "enterprise", fresh["id"]),
        ("evidence_view", "regulator", certificate["id"]),
    ]


def test_a_file_never_submitted_is_deleted_with_its_blob(
    client, enterprise, evidence_questions, evidence_storage
):
    draft = enterprise.create("quality")
    item = upload(client, enterprise, draft["id"], jpeg(), evidence_questions.shown).get_json()
    from app.evidence.models import EvidenceFile

    key = db.session.get(EvidenceFile, item["id"]).storage_key
    assert evidence_storage.exists(key)
    db.session.rollback()
    response = client.delete(
        f"/api/v1/assessments/{draft['id']}/evidence/{item['id']}", headers=enterprise.headers
    )
    assert response.status_code == 204
    assert listing(client, enterprise, draft["id"]).get_json()["items"] == []
    assert not evidence_storage.exists(key)
    again = client.delete(
        f"/api/v1/assessments/{draft['id']}/evidence/{item['id']}", headers=enterprise.headers
    )
    assert again.status_code == 404


def test_a_retried_upload_answers_the_first_file_and_stores_no_second(
    client, enterprise, evidence_questions
):
    draft = enterprise.create("quality")
    photo = jpeg()
    first = upload(client, enterprise, draft["id"], photo, evidence_questions.shown, key="k-42")
    retry = upload(client, enterprise, draft["id"], photo, evidence_questions.shown, key="k-42")
    assert first.status_code == 201
    assert retry.status_code == 200 and retry.headers["Idempotent-Replayed"] == "true"
    assert retry.get_json()["id"] == first.get_json()["id"]
    assert len(listing(client, enterprise, draft["id"]).get_json()["items"]) == 1
    other = upload(
        client, enterprise, draft["id"], jpeg(color=(0, 0, 0)), evidence_questions.shown, key="k-42"
    )
    assert other.status_code == 422 and "Idempotency-Key" in other.get_json()["errors"]
    assert len(listing(client, enterprise, draft["id"]).get_json()["items"]) == 1


def test_a_draft_folded_into_a_returned_assessment_brings_its_files(
    client, make_enterprise, make_staff, evidence_questions
):
    q = evidence_questions
    company = make_enterprise("130100")
    regulator = make_staff("regulator", jurisdiction="130100")
    submitted = company.submit(company.fill("quality", q.answers))
    later = company.create("quality")  # started after the submission
    photo = upload(client, company, later["id"], jpeg(), q.shown).get_json()
    returned = review(client, regulator, submitted["id"], decision="return", comment="补充材料")
    assert returned.status_code == 200
    mine = listing(client, company, submitted["id"]).get_json()["items"]
    assert [i["id"] for i in mine] == [photo["id"]]
    assert (
        client.get(
            photo["href"].replace(str(later["id"]), str(submitted["id"])), headers=company.headers
        ).status_code
        == 200
    )
