"""The administrator's questionnaire versions: validate, store as draft, publish, retire.

The API (admin_routes.py) and the CLI (cli.py) both go through these functions, and each
change is audited in the same transaction as the change itself.
"""

from dataclasses import dataclass
from pathlib import Path

from flask import has_request_context
from sqlalchemy import column, func, select, table
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer

from app.audit.models import QUESTIONNAIRE_DRAFT, QUESTIONNAIRE_PUBLISH, QUESTIONNAIRE_RETIRE
from app.audit.service import record_event
from app.db import db, utcnow
from app.errors import ApiError, not_found
from app.i18n import current_language, localise
from app.messages import questionnaires as messages
from app.questionnaires.changes import diff
from app.questionnaires.definition import content_hash, questions
from app.questionnaires.lines import problem_lines
from app.questionnaires.loader import QuestionnaireError, load_text
from app.questionnaires.models import DRAFT, PUBLISHED, RETIRED, QuestionnaireVersion
from app.questionnaires.problem_texts import problem_text


@dataclass(frozen=True)
class Actor:
    """Who changes versions: a signed-in administrator, or the CLI (no user)."""

    role: str
    user_id: int | None = None


CLI = Actor("cli")


def _located(text: str, problems, lang: str) -> list[dict]:
    lines = problem_lines(text, problems)
    return [
        {
            "line": line,
            "question": p.question_id,
            "field": p.field,
            "message": problem_text(p.message, lang),
        }
        for p, line in zip(problems, lines, strict=True)
    ]


def validate_file(*, text: str, filename: str) -> dict:
    """The loaded definition, or a 422 listing every problem with its line and field."""
    try:
        return load_text(text, filename)
    except QuestionnaireError as exc:
        # The console reads them in its language; the CLI (no request) in the loader's English.
        lang = current_language() if has_request_context() else "en"
        problems = _located(text, exc.problems, lang)
        errors: dict[str, list[str]] = {}
        for p in problems:
            name = p["field"] if p["question"] == "-" else f"{p['question']}.{p['field']}"
            errors.setdefault(name, []).append(p["message"])
        raise ApiError(
            422,
            messages.QUESTIONNAIRE_FILE_INVALID,
            errors=errors,
            extra={"problems": problems},
            problem="questionnaire-invalid",
            count=len(problems),
        ) from None


def store_draft(*, text: str, filename: str, by: Actor) -> tuple[QuestionnaireVersion, bool]:
    """A new draft version of the file's questionnaire; an existing version if the content is
    the same as one already stored (created is then False)."""
    definition = validate_file(text=text, filename=filename)
    digest = content_hash(definition)
    key = definition["key"]
    same = _same_content(key, digest)
    if same is not None:
        return same, False
    newest = db.session.scalar(
        select(func.max(QuestionnaireVersion.version)).where(QuestionnaireVersion.key == key)
    )
    row = QuestionnaireVersion(
        key=key,
        version=(newest or 0) + 1,
        content_hash=digest,
        definition=definition,
        source_file=Path(filename).name[:255] or "upload.yaml",
        state=DRAFT,
        created_at=utcnow(),
        published_at=None,
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        # Another upload of this questionnaire took the same number a moment ago.
        raise ApiError(
            409, messages.VERSION_UPLOAD_RACE, errors={"text": [messages.VERSION_UPLOAD_RACE]}
        ) from None
    _audit(QUESTIONNAIRE_DRAFT, row, by, status=201)
    return row, True


def _same_content(key: str, digest: str) -> QuestionnaireVersion | None:
    """A draft with this content, or the newest published or retired version if it has it.

    Content equal to an older version only is a new version: going back is a change too.
    """
    rows = db.session.scalars(
        select(QuestionnaireVersion)
        .options(defer(QuestionnaireVersion.definition))  # compared by hash, never read
        .where(QuestionnaireVersion.key == key)
        .order_by(QuestionnaireVersion.version.desc())
    )
    newest_released = True
    for row in rows:
        if row.state == DRAFT and row.content_hash == digest:
            return row
        if row.state != DRAFT:
            if newest_released and row.content_hash == digest:
                return row
            newest_released = False
    return None


def publish_version(*, key: str, version: int, by: Actor) -> QuestionnaireVersion:
    """Publish a draft: new assessments of the questionnaire start on it from now on."""
    row = get_any_version(key=key, version=version)
    if row.state != DRAFT:
        raise ApiError(
            409,
            messages.VERSION_NOT_DRAFT,
            errors={"state": [messages.VERSION_NOT_DRAFT]},
            state=localise(messages.VERSION_STATES[row.state]),
        )
    newer = db.session.scalar(
        select(func.max(QuestionnaireVersion.version)).where(
            QuestionnaireVersion.key == key,
            QuestionnaireVersion.state != DRAFT,
            QuestionnaireVersion.version > version,
        )
    )
    if newer is not None:
        raise ApiError(
            409,
            messages.NEWER_VERSION_PUBLISHED,
            errors={"version": [messages.NEWER_VERSION_PUBLISHED]},
            newer=newer,
        )
    row.state, row.published_at = PUBLISHED, utcnow()
    db.session.flush()
    _audit(QUESTIONNAIRE_PUBLISH, row, by, status=200)
    return row


def retire_version(*, key: str, version: int, by: Actor) -> QuestionnaireVersion:
    """Retire a published version: assessments already on it keep it, no new one starts on it."""
    row = get_any_version(key=key, version=version)
    if row.state != PUBLISHED:
        raise ApiError(
            409,
            messages.VERSION_NOT_PUBLISHED,
            errors={"state": [messages.VERSION_NOT_PUBLISHED]},
            state=localise(messages.VERSION_STATES[row.state]),
        )
    row.state, row.retired_at = RETIRED, utcnow()
    db.session.flush()
    _audit(QUESTIONNAIRE_RETIRE, row, by, status=200)
    return row


def get_any_version(*, key: str, version: int) -> QuestionnaireVersion:
    """One version in any state, or 404."""
    row = db.session.scalar(
        select(QuestionnaireVersion).where(
            QuestionnaireVersion.key == key, QuestionnaireVersion.version == version
        )
    )
    if row is None:
        raise not_found()
    return row


def previous_version(row: QuestionnaireVersion) -> QuestionnaireVersion | None:
    """The version before this one to compare with: the newest released one, else any."""
    earlier = select(QuestionnaireVersion).where(
        QuestionnaireVersion.key == row.key, QuestionnaireVersion.version < row.version
    )
    newest = QuestionnaireVersion.version.desc()
    released = earlier.where(QuestionnaireVersion.state != DRAFT).order_by(newest).limit(1)
    return db.session.scalar(released) or db.session.scalar(earlier.order_by(newest).limit(1))


_EMPTY = {"sections": [], "dimensions": []}


def version_changes(*, key: str, version: int, since: int | None = None) -> tuple[int | None, dict]:
    """(the version compared with, what changed from it to this one).

    By default compared with the current version, or, for the current one itself or when
    none is published, with the version before it; the first version: every question is new.
    """
    row = get_any_version(key=key, version=version)
    if since is not None:
        before = get_any_version(key=key, version=since)
    else:
        before = db.session.scalar(
            select(QuestionnaireVersion)
            .where(QuestionnaireVersion.key == key, QuestionnaireVersion.state == PUBLISHED)
            .order_by(QuestionnaireVersion.version.desc())
            .limit(1)
        )
        if before is None or before.id == row.id:
            before = previous_version(row)
    if before is None:
        return None, diff(_EMPTY, row.definition)
    return before.version, diff(before.definition, row.definition)


# Questionnaires stand below assessments (conventions.md, floors): the counts read the two
# tables by name rather than importing their models.
_ASSESSMENTS = table("assessments", column("questionnaire_version_id"), column("status"))
_SUBMISSIONS = table("submissions", column("questionnaire_version_id"))


def list_versions() -> list[QuestionnaireVersion]:
    """Every version of every questionnaire, by key, newest first; definitions not loaded."""
    return list(
        db.session.scalars(
            select(QuestionnaireVersion)
            .options(defer(QuestionnaireVersion.definition))
            .order_by(QuestionnaireVersion.key, QuestionnaireVersion.version.desc())
        )
    )


# A version's content never changes: its title and question count are read once per process.
_OUTLINES: dict[int, tuple[dict, int]] = {}


def outline(row: QuestionnaireVersion) -> tuple[dict, int]:
    """The version's title ({zh, en}) and its number of questions."""
    if row.id not in _OUTLINES:
        definition = db.session.scalar(
            select(QuestionnaireVersion.definition).where(QuestionnaireVersion.id == row.id)
        )
        _OUTLINES[row.id] = (definition["title"], sum(1 for _ in questions(definition)))
    return _OUTLINES[row.id]


def usage_counts() -> dict[int, tuple[int, int]]:
    """Version id → (open drafts on it, submissions of it)."""
    drafts = dict(
        db.session.execute(
            select(_ASSESSMENTS.c.questionnaire_version_id, func.count())
            .where(_ASSESSMENTS.c.status.in_(("draft", "returned")))
            .group_by(_ASSESSMENTS.c.questionnaire_version_id)
        ).all()
    )
    submissions = dict(
        db.session.execute(
            select(_SUBMISSIONS.c.questionnaire_version_id, func.count()).group_by(
                _SUBMISSIONS.c.questionnaire_version_id
            )
        ).all()
    )
    return {vid: (drafts.get(vid, 0), submissions.get(vid, 0)) for vid in drafts | submissions}


def _audit(action: str, row: QuestionnaireVersion, by: Actor, *, status: int) -> None:
    # In the session: committed with the change it records, or not at all.
    record_event(
        action=action,
        role=by.role,
        user_id=by.user_id,
        status=status,
        in_session=True,
        details={"questionnaire": row.key, "version": row.version, "state": row.state},
    )
