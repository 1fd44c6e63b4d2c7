"""Reading a loaded (normalised) definition: its questions, its canonical form and its hash."""

import hashlib
import json
from collections.abc import Iterator


def questions(definition: dict) -> Iterator[tuple[str, dict]]:
    """Every question in file order, with the key of the section it is in."""
    for section in definition["sections"]:
        for question in section["questions"]:
            yield section["key"], question


def question_map(definition: dict) -> dict[str, dict]:
    """Question id → question."""
    return {q["id"]: q for _, q in questions(definition)}


def canonical_json(definition: dict) -> str:
    """The definition as JSON with sorted keys and no insignificant whitespace."""
    return json.dumps(
        definition, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )


def content_hash(definition: dict) -> str:
    """SHA-256 (hex) of the canonical JSON: the identity of a published version's content."""
    return hashlib.sha256(canonical_json(definition).encode("utf-8")).hexdigest()
