"""Published definitions as the API sends them: localised, serialised once, with an ETag."""

import hashlib
import json

from app.questionnaires.models import QuestionnaireVersion
from app.questionnaires.service import published


def localise_tree(value, lang: str):
    """Replace every {zh, en} text in a definition by the text in lang, falling back to zh."""
    if isinstance(value, dict):
        if "zh" in value and len(value) <= 2 and (len(value) == 1 or "en" in value):
            return value.get(lang) or value["zh"]
        return {k: v if type(v) in _LEAVES else localise_tree(v, lang) for k, v in value.items()}
    if isinstance(value, list):
        return [v if type(v) in _LEAVES else localise_tree(v, lang) for v in value]
    return value


# Values localise_tree returns as they are: not descending into them saves a call per leaf.
_LEAVES = frozenset({str, int, float, bool, type(None)})


def count_questions(definition: dict) -> int:
    return sum(len(section["questions"]) for section in definition["sections"])


def summary(version_id: int, lang: str) -> dict:
    """The list entry of one published version."""
    key, version, definition = published(version_id)
    return {
        "key": key,
        "title": localise_tree(definition["title"], lang),
        "description": localise_tree(definition["description"], lang),
        "version": version,
        "question_count": count_questions(definition),
        "estimated_minutes": definition["estimated_minutes"],
    }


# Published versions never change, so their serialised bodies can be kept for the process's life.
_BODIES: dict[tuple[int, str, str], tuple[bytes, str]] = {}


def definition_body(row: QuestionnaireVersion, lang: str) -> tuple[bytes, str]:
    """The JSON bytes of a localised definition and its strong ETag."""
    cache_key = (row.id, row.content_hash, lang)
    if cache_key not in _BODIES:
        definition = dict(
            row.definition, key=row.key, version=row.version, content_hash=row.content_hash
        )
        data = json.dumps(
            localise_tree(definition, lang), ensure_ascii=False, separators=(",", ":")
        ).encode()
        _BODIES[cache_key] = (data, hashlib.sha256(data).hexdigest()[:32])
    return _BODIES[cache_key]
