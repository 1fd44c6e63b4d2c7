"""Publishing questionnaire files as immutable versions, and reading them back."""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.db import db
from app.questionnaires import versions
from app.questionnaires.loader import load_file
from app.questionnaires.models import DRAFT, PUBLISHED, QuestionnaireVersion

QUESTIONNAIRE_DIR = Path(__file__).resolve().parent.parent.parent / "questionnaires"


@dataclass(frozen=True)
class PublishOutcome:
    key: str
    version: int
    created: bool
    source: str


def questionnaire_files(paths: list[str] | None = None) -> list[Path]:
    """The files named, or every YAML file of the questionnaires folder."""
    if paths:
        return [Path(p) for p in paths]
    return sorted(QUESTIONNAIRE_DIR.glob("*.yaml"))


def publish_questionnaire(*, path: Path) -> PublishOutcome:
    """Publish the file as a new version when its content differs from the latest version.

    The same steps as the administrator's console: stored as a draft, then published.
    """
    load_file(path)  # a broken file raises QuestionnaireError, as the CLI reports it
    text = path.read_text(encoding="utf-8")
    row, _ = versions.store_draft(text=text, filename=path.name, by=versions.CLI)
    if row.state != DRAFT:
        return PublishOutcome(row.key, row.version, False, str(path))
    versions.publish_version(key=row.key, version=row.version, by=versions.CLI)
    return PublishOutcome(row.key, row.version, True, str(path))


# Published versions never change: one parse of a definition serves the process for ever.
_PUBLISHED: dict[int, tuple[str, int, dict]] = {}


def published(version_id: int) -> tuple[str, int, dict]:
    """(key, version number, definition) of a published version, cached per process."""
    if version_id not in _PUBLISHED:
        row = db.session.execute(
            select(
                QuestionnaireVersion.key,
                QuestionnaireVersion.version,
                QuestionnaireVersion.definition,
            ).where(QuestionnaireVersion.id == version_id)
        ).one()
        _PUBLISHED[version_id] = (row.key, row.version, row.definition)
    return _PUBLISHED[version_id]


def latest_version(*, key: str) -> QuestionnaireVersion | None:
    """The newest published version of a questionnaire: new assessments start on it.

    Retired versions and drafts are passed over.
    """
    return db.session.scalar(
        select(QuestionnaireVersion)
        .where(QuestionnaireVersion.key == key, QuestionnaireVersion.state == PUBLISHED)
        .order_by(QuestionnaireVersion.version.desc())
        .limit(1)
    )


def get_version(*, key: str, version: int) -> QuestionnaireVersion | None:
    """One published (or retired) version, or None: drafts are the administrator's only."""
    return db.session.scalar(
        select(QuestionnaireVersion).where(
            QuestionnaireVersion.key == key,
            QuestionnaireVersion.version == version,
            QuestionnaireVersion.state != DRAFT,
        )
    )


def list_latest_versions() -> list[int]:
    """The ids of the newest published version of every questionnaire, ordered by key."""
    newest = (
        select(QuestionnaireVersion.key, func.max(QuestionnaireVersion.version).label("version"))
        .where(QuestionnaireVersion.state == PUBLISHED)
        .group_by(QuestionnaireVersion.key)
        .subquery()
    )
    return list(
        db.session.scalars(
            select(QuestionnaireVersion.id)
            .join(
                newest,
                (QuestionnaireVersion.key == newest.c.key)
                & (QuestionnaireVersion.version == newest.c.version),
            )
            .order_by(QuestionnaireVersion.key)
        )
    )
