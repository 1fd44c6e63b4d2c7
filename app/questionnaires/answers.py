"""Whether an answer value fits its question's type; the API reports the message per question."""

import math

from app.messages.questionnaires import ANSWER_ERRORS, LIST_JOINERS
from app.questionnaires.standard_entries import validate_standard_entry
from app.text import unsafe_character

MAX_STANDARDS = 50


def check_answer(question: dict, value) -> dict[str, str] | None:
    """None when value is acceptable for question (None clears an answer), else {code, zh, en}."""
    if value is None:
        return None
    return _CHECKS[question["type"]](question, value)


def _single(q: dict, value):
    ids = [o["id"] for o in q["options"]]
    if not isinstance(value, str) or value not in ids:
        return _err("not_an_option", options=_joined(ids))
    return None


def _multiple(q: dict, value):
    options = {o["id"]: o for o in q["options"]}
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return _err("not_a_list", "not_option_ids")
    unknown = [v for v in value if v not in options]
    if unknown:
        return _err("not_an_option", "unknown_options", options=_joined(unknown))
    repeated = sorted({v for v in value if value.count(v) > 1})
    if repeated:
        return _err("repeated_option", options=_joined(repeated))
    exclusive = [v for v in value if options[v]["exclusive"]]
    if exclusive and len(value) > 1:
        return _err("exclusive_option", option=exclusive[0])
    return None


def _number(q: dict, value):
    # isinstance first: math.isfinite would overflow on a huge JSON integer.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _err("not_a_number")
    if isinstance(value, float) and not math.isfinite(value):
        return _err("not_a_number")
    if q["integer"] and isinstance(value, float) and not value.is_integer():
        return _err("not_whole")
    if value < q["min"]:
        return _err("below_min", min=q["min"])
    if q["max"] is not None and value > q["max"]:
        return _err("above_max", max=q["max"])
    return None


def _text(q: dict, value):
    if not isinstance(value, str):
        return _err("not_text")
    if len(value) > q["max_length"]:
        return _err("too_long", limit=q["max_length"], length=len(value))
    char = unsafe_character(value, multiline=True)
    if char is not None:
        return _err("unsafe_character", point=f"{ord(char):04X}")
    return None


def _standard_list(q: dict, value):
    if not isinstance(value, list):
        return _err("not_a_list", "not_standards")
    if len(value) > MAX_STANDARDS:
        return _err("too_many", max=MAX_STANDARDS)
    for i, entry in enumerate(value, start=1):
        errors = validate_standard_entry(entry)
        if errors:
            field, msg = next(iter(errors.items()))
            return _err("bad_standard", i=i, field=field, message=msg)
    codes = [" ".join(e["code"].split()) for e in value]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        return _err("repeated_standard", codes=_joined(repeated))
    return None


def _err(code: str, text: str | None = None, **params) -> dict[str, str]:
    """{code, zh, en} from the catalog (the code's text unless named); {zh, en} params split."""
    texts = ANSWER_ERRORS[text or code]
    out = {"code": code}
    for lang in ("zh", "en"):
        values = {k: v[lang] if isinstance(v, dict) else v for k, v in params.items()}
        out[lang] = texts[lang].format(**values)
    return out


def _joined(items: list[str]) -> dict[str, str]:
    return {lang: joiner.join(items) for lang, joiner in LIST_JOINERS.items()}


_CHECKS = {
    "single": _single,
    "multiple": _multiple,
    "number": _number,
    "text": _text,
    "standard_list": _standard_list,
}
