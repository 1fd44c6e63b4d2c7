"""Evidence on a draft's questions: upload, list, remove; freezing at submit; verification."""

import logging
import uuid
from dataclasses import dataclass
from typing import BinaryIO

from flask import current_app
from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError

from app.assessments.facts import assessment_facts, definition_of
from app.assessments.models import OPEN_STATUSES, Assessment
from app.db import db, utcnow
from app.errors import ApiError, not_found
from app.evidence.files import Checked, Refused, check_file
from app.evidence.models import EvidenceFile
from app.messages import evidence as messages
from app.messages.assessments import HIDDEN_QUESTION, KEY_REUSED
from app.messages.common import UNKNOWN_QUESTION
from app.questionnaires.conditions import visible_questions
from app.questionnaires.definition import question_map
from app.storage import current_store
from app.storage.downloads import safe_filename

log = logging.getLogger(__name__)


def filled(template: dict, **params) -> dict:
    """A {zh, en} message with its parameters filled in (field messages take no parameters)."""
    return {lang: text.format(**params) for lang, text in template.items()}


# --- which files belong where ---------------------------------------------------------------


def live_clause():
    """The files the draft holds: those not removed."""
    return EvidenceFile.removed_revision.is_(None)


def revision_clause(revision: int):
    """The files submitted revision `revision` was submitted with."""
    return and_(
        EvidenceFile.first_revision.is_not(None),
        EvidenceFile.first_revision <= revision,
        or_(EvidenceFile.removed_revision.is_(None), EvidenceFile.removed_revision > revision),
    )


def list_evidence(*, assessment_id: int, revision: int | None = None) -> list[EvidenceFile]:
    """The draft's files (revision None) or a submitted revision's, by question then upload."""
    clause = live_clause() if revision is None else revision_clause(revision)
    return list(
        db.session.scalars(
            select(EvidenceFile)
            .where(EvidenceFile.assessment_id == assessment_id, clause)
            .order_by(EvidenceFile.question_id, EvidenceFile.id)
        )
    )


def get_evidence(*, assessment_id: int, evidence_id: int) -> EvidenceFile:
    found = db.session.get(EvidenceFile, evidence_id)
    if found is None or found.assessment_id != assessment_id:
        raise not_found()
    return found


# --- upload ---------------------------------------------------------------------------------


@dataclass
class Upload:
    """What an upload left: the file, and whether it was stored now (False: a replayed retry)."""

    evidence: EvidenceFile
    created: bool


def _not_editable(assessment) -> ApiError:
    return ApiError(
        409,
        messages.EVIDENCE_LOCKED,
        status=assessment.status,
        extra={"current_status": assessment.status},
    )


def check_question(*, assessment, question_id: str | None) -> None:
    """422 naming the question when it is unknown, takes no evidence, or is hidden just now."""
    if not question_id:
        raise ApiError(422, errors={"question": [messages.QUESTION_MISSING]})
    question = question_map(definition_of(assessment)).get(question_id)
    problem = None
    if question is None:
        problem = UNKNOWN_QUESTION
    elif not question.get("evidence"):
        problem = messages.NO_EVIDENCE
    else:
        facts = assessment_facts(assessment)  # the profile too: conditions may read it
        if question_id not in visible_questions(
            definition_of(assessment), assessment.answers, facts
        ):
            problem = HIDDEN_QUESTION
    if problem is not None:
        raise ApiError(422, errors={question_id: [problem]}, extra={"question": question_id})


def _check_room(*, assessment: Assessment, question_id: str) -> None:
    """422 too-many-files when the question or the assessment is full."""
    config = current_app.config
    counts = dict(
        db.session.execute(
            select(EvidenceFile.question_id, func.count())
            .where(EvidenceFile.assessment_id == assessment.id, live_clause())
            .group_by(EvidenceFile.question_id)
        ).all()
    )
    for count, limit, text in (
        (counts.get(question_id, 0), config["EVIDENCE_MAX_PER_QUESTION"], messages.QUESTION_FULL),
        (sum(counts.values()), config["EVIDENCE_MAX_PER_ASSESSMENT"], messages.ASSESSMENT_FULL),
    ):
        if count >= limit:
            raise ApiError(
                422,
                text,
                problem="too-many-files",
                limit=limit,
                errors={question_id: [filled(text, limit=limit)]},
                extra={"limit": limit, "question": question_id},
            )


def _lock(assessment_id: int) -> Assessment | None:
    """The assessment row, locked until commit on PostgreSQL: uploads to it count one by one."""
    return db.session.scalar(
        select(Assessment)
        .where(Assessment.id == assessment_id)
        .with_for_update(of=Assessment)
        .execution_options(populate_existing=True)
    )


def _replay(existing: EvidenceFile, *, question_id: str, received_sha256: str) -> Upload:
    if existing.question_id != question_id or existing.received_sha256 != received_sha256:
        raise ApiError(422, KEY_REUSED, errors={"Idempotency-Key": [KEY_REUSED]})
    return Upload(existing, created=False)


def find_upload(*, assessment_id: int, key: str | None) -> EvidenceFile | None:
    if key is None:
        return None
    return db.session.scalar(
        select(EvidenceFile).where(
            EvidenceFile.assessment_id == assessment_id, EvidenceFile.upload_key == key
        )
    )


def refused(error: Refused) -> ApiError:
    """The problem for a file that cannot be kept."""
    if error.reason == "wrong_type":
        return ApiError(
            415,
            messages.TYPE_REFUSED,
            problem="unsupported-file-type",
            errors={"file": [messages.TYPE_REFUSED]},
        )
    too_big = error.reason == "too_many_pixels"
    text = messages.IMAGE_TOO_BIG if too_big else messages.IMAGE_UNREADABLE
    return ApiError(422, text, errors={"file": [filled(text, **error.params)]}, **error.params)


def upload_evidence(
    *,
    assessment_id: int,
    question_id: str | None,
    filename: str | None,
    body: BinaryIO,
    received_sha256: str,
    key: str | None,
    actor,
) -> Upload:
    """Check, re-encode and store one file on a draft's question; a retried key replays.

    The caller has checked that the actor owns the assessment; body is the whole upload,
    already bounded by EVIDENCE_MAX_BYTES, and received_sha256 its hash.
    """
    assessment = _lock(assessment_id)
    existing = find_upload(assessment_id=assessment_id, key=key)
    if existing is not None:
        return _replay(existing, question_id=question_id, received_sha256=received_sha256)
    if assessment.status not in OPEN_STATUSES:
        raise _not_editable(assessment)
    check_question(assessment=assessment, question_id=question_id)
    _check_room(assessment=assessment, question_id=question_id)
    config = current_app.config
    try:
        checked = check_file(
            body,
            max_pixels=config["EVIDENCE_IMAGE_MAX_PIXELS"],
            max_side=config["EVIDENCE_IMAGE_MAX_SIDE"],
        )
    except Refused as error:
        raise refused(error) from None
    return _store(assessment, question_id, filename, checked, received_sha256, key, actor)


def _store(assessment, question_id, filename, checked: Checked, received_sha256, key, actor):
    storage_key = f"evidence/{assessment.id}/{uuid.uuid4().hex}.{checked.extension}"
    with checked.stream:
        stored = current_store().put(storage_key, checked.stream, content_type=checked.content_type)
    evidence = EvidenceFile(
        assessment_id=assessment.id,
        question_id=question_id,
        upload_key=key,
        filename=display_name(filename, checked.extension),
        content_type=checked.content_type,
        size=stored.size,
        sha256=stored.sha256,
        received_sha256=received_sha256,
        storage_key=stored.key,
        width=checked.width,
        height=checked.height,
        uploaded_by=actor.id,
        uploaded_at=utcnow(),
    )
    db.session.add(evidence)
    try:
        db.session.flush()
    except IntegrityError:
        # The same key won a moment ago in another request: answer what that one stored.
        db.session.rollback()
        forget_blob(storage_key)
        existing = find_upload(assessment_id=assessment.id, key=key)
        if existing is None:
            raise
        return _replay(existing, question_id=question_id, received_sha256=received_sha256)
    return Upload(evidence, created=True)


def display_name(filename: str | None, extension: str) -> str:
    """The name shown and offered on download: the client's, with the extension of the type."""
    stem = safe_filename(filename or "", limit=150) if filename else ""
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return f"{stem or 'evidence'}.{extension}"


def forget_blob(storage_key: str) -> None:
    """Delete a blob no row refers to; a failure leaves an orphan, logged, never an error."""
    try:
        current_store().delete(storage_key)
    except Exception:  # the row is what matters; an orphan blob harms no one
        log.warning("evidence blob %s not deleted", storage_key, exc_info=True)


def discard_stored(upload: Upload) -> None:
    """Undo the blob of an upload whose transaction did not commit."""
    if upload.created:
        forget_blob(upload.evidence.storage_key)


# --- removal ---------------------------------------------------------------------------------


def remove_evidence(*, assessment: Assessment, evidence_id: int) -> str | None:
    """Take a file off the draft; the blob key to delete after commit (None: kept for history).

    A file some revision was submitted with stays stored and is marked removed from the next
    revision on; one never submitted is deleted.
    """
    if assessment.status not in OPEN_STATUSES:
        raise _not_editable(assessment)
    evidence = get_evidence(assessment_id=assessment.id, evidence_id=evidence_id)
    if evidence.removed_revision is not None:
        raise not_found()
    if evidence.first_revision is None:
        db.session.delete(evidence)
        db.session.flush()
        return evidence.storage_key
    evidence.removed_revision = assessment.revision + 1
    db.session.flush()
    return None
