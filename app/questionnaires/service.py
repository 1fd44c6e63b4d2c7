"""Publishing questionnaire files as immutable versions, and reading them back."""

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.db import db
from app.questionnaires.definition import content_hash
from app.questionnaires.loader import load_file
from app.questionnaires.models import QuestionnaireVersion

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
    """Publish the file as a new version when its content differs from the latest version."""
    definition = load_file(path)
    digest = content_hash(definition)
    latest = latest_version(key=definition["key"])
    if latest is not None and latest.content_hash == digest:
        return PublishOutcome(definition["key"], latest.version, False, str(path))
    number = (latest.version if latest else 0) + 1
    db.session.add(
        QuestionnaireVersion(
            key=definition["key"],
            version=number,
            content_hash=digest,
            definition=definition,
            source_file=path.name,
        )
    )
    db.session.flush()
    return PublishOutcome(definition["key"], number, True, str(path))


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
    """The newest published version of a questionnaire."""
    return db.session.scalar(
        select(QuestionnaireVersion)
        .where(QuestionnaireVersion.key == key)
        .order_by(QuestionnaireVersion.version.desc())
        .limit(1)
    )


def get_version(*, key: str, version: int) -> QuestionnaireVersion | None:
    """One published version, or None."""
    return db.session.scalar(
        select(QuestionnaireVersion).where(
            QuestionnaireVersion.key == key, QuestionnaireVersion.version == version
        )
    )


def list_latest_versions() -> list[int]:
    """The ids of the newest version of every questionnaire, ordered by key."""
    newest = (
        select(QuestionnaireVersion.key, func.max(QuestionnaireVersion.version).label("version"))
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
