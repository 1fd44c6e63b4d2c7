"""The profile definition (questionnaires/profile/profile.yaml) and pure checks of answers to it.

No Flask and no database here: the scorer reads the red lines from the same definition.
"""

from functools import cache
from pathlib import Path

import yaml

from app.messages import profiles as messages

PROFILE_FILE = Path(__file__).resolve().parents[2] / "questionnaires" / "profile" / "profile.yaml"
# 2 added sales_channels (online, cross-border), which the questionnaires read instead of
# asking it themselves; a profile saved under 1 lacks it and is incomplete until answered.
KNOWN_VERSIONS = (1, 2)
TYPES = ("single", "multiple", "number")


class ProfileDefinitionError(ValueError):
    """The profile file is not one this code can read; the message names the file and field."""


@cache
def load_profile_definition(path: Path = PROFILE_FILE) -> dict:
    """The profile definition, checked once per process."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    _check(data, path)
    return data


def _check(data, path) -> None:
    def fail(where, what):
        raise ProfileDefinitionError(f"{path}: {where}: {what}")

    if not isinstance(data, dict) or data.get("version") not in KNOWN_VERSIONS:
        fail("version", f"must be one of {KNOWN_VERSIONS}")
    seen = set()
    for i, field in enumerate(data.get("fields") or []):
        where = f"fields[{i}]"
        if not isinstance(field, dict) or not isinstance(field.get("id"), str):
            fail(where, "needs an id")
        if field["id"] in seen:
            fail(where, f"duplicate id {field['id']!r}")
        if field.get("type") not in TYPES:
            fail(f"{where}.type", f"must be one of {TYPES}")
        if field["type"] != "number" and not field.get("options"):
            fail(f"{where}.options", "a single or multiple field needs options")
        condition = field.get("condition")
        if condition is not None and condition.get("field") not in seen:
            fail(f"{where}.condition", "must name an earlier field")
        seen.add(field["id"])
    if not seen:
        fail("fields", "at least one field is needed")


def fields(definition: dict) -> list[dict]:
    return definition["fields"]


def _shown(field: dict, answers: dict) -> bool:
    condition = field.get("condition")
    if condition is None:
        return True
    value = answers.get(condition["field"])
    if "contains_any" in condition:
        return isinstance(value, list) and any(v in condition["contains_any"] for v in value)
    return value in condition.get("in", ())


def shown_answers(definition: dict, answers: dict) -> dict:
    """The answers of the fields shown, in file order; answers to hidden fields are dropped."""
    out = {}
    for field in fields(definition):
        if _shown(field, out) and answers.get(field["id"]) is not None:
            out[field["id"]] = answers[field["id"]]
    return out


def check_value(field: dict, value):
    """The message for a value that does not fit its field, or None when it fits."""
    if field["type"] == "number":
        low, high = field.get("min", 0), field.get("max", 10**9)
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return (
            None
            if ok
            else {k: v.format(min=low, max=high) for k, v in messages.NOT_IN_RANGE.items()}
        )
    ids = [o["id"] for o in field["options"]]
    if field["type"] == "single":
        return None if isinstance(value, str) and value in ids else messages.NOT_AN_OPTION
    exclusive = {o["id"] for o in field["options"] if o.get("exclusive")}
    ok = (
        isinstance(value, list)
        and value
        and all(isinstance(v, str) and v in ids for v in value)
        and len(set(value)) == len(value)
        and (len(value) == 1 or not exclusive & set(value))
    )
    return None if ok else messages.NOT_OPTIONS


def check_answers(definition: dict, answers: dict) -> dict:
    """Field id → [message] for every answer that is unknown, hidden or does not fit."""
    by_id = {f["id"]: f for f in fields(definition)}
    errors = {}
    for key, value in answers.items():
        if key not in by_id:
            errors[key] = [messages.UNKNOWN_FIELD]
        elif value is not None and (problem := check_value(by_id[key], value)):
            errors[key] = [problem]
    shown = shown_answers(definition, {k: v for k, v in answers.items() if k not in errors})
    for key, value in answers.items():
        if key not in errors and value is not None and key not in shown:
            errors[key] = [messages.HIDDEN_FIELD]
    return errors


def missing_fields(definition: dict, answers: dict) -> list[str]:
    """The required fields shown for these answers that have no (valid) answer, in file order."""
    valid = shown_answers(definition, answers)
    seen: dict = {}
    missing = []
    for field in fields(definition):
        if not _shown(field, seen):
            continue
        value = valid.get(field["id"])
        if value is not None and check_value(field, value) is None:
            seen[field["id"]] = value
        elif field.get("required"):
            missing.append(field["id"])
    return missing


def red_lines(definition: dict, answers: dict) -> list[dict]:
    """The red-line facts these profile answers state: [{field, option, text}], in file order."""
    shown = shown_answers(definition, answers if isinstance(answers, dict) else {})
    found = []
    for field in fields(definition):
        value = shown.get(field["id"])
        if value is None or check_value(field, value) is not None:
            continue
        chosen = value if isinstance(value, list) else [value]
        for option in field.get("options", ()):
            if option["id"] in chosen and option.get("red_flag"):
                found.append(
                    {"field": field["id"], "option": option["id"], "text": option["red_flag"]}
                )
    return found
