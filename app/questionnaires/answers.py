"""Whether an answer value fits its question's type; the API reports the message per question."""

import math

from app.questionnaires.standard_entries import validate_standard_entry

MAX_STANDARDS = 50


def check_answer(question: dict, value) -> dict[str, str] | None:
    """None when value is acceptable for question (None clears an answer), else {code, zh, en}."""
    if value is None:
        return None
    return _CHECKS[question["type"]](question, value)


def _single(q: dict, value):
    ids = [o["id"] for o in q["options"]]
    if not isinstance(value, str) or value not in ids:
        return _err(
            "not_an_option",
            f"须为以下选项之一：{'、'.join(ids)}",
            f"must be one of the options: {', '.join(ids)}",
        )
    return None


def _multiple(q: dict, value):
    options = {o["id"]: o for o in q["options"]}
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return _err("not_a_list", "须为选项编号的列表", "must be a list of option ids")
    unknown = [v for v in value if v not in options]
    if unknown:
        return _err(
            "not_an_option",
            f"没有选项 {'、'.join(unknown)}",
            f"no such option: {', '.join(unknown)}",
        )
    repeated = sorted({v for v in value if value.count(v) > 1})
    if repeated:
        return _err(
            "repeated_option",
            f"选项 {'、'.join(repeated)} 重复",
            f"option listed twice: {', '.join(repeated)}",
        )
    exclusive = [v for v in value if options[v]["exclusive"]]
    if exclusive and len(value) > 1:
        return _err(
            "exclusive_option",
            f"选项 {exclusive[0]} 不能与其他选项同时选择",
            f"option {exclusive[0]} cannot be combined with another option",
        )
    return None


def _number(q: dict, value):
    # isinstance first: math.isfinite would overflow on a huge JSON integer.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _err("not_a_number", "须为数字", "must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        return _err("not_a_number", "须为数字", "must be a number")
    if q["integer"] and isinstance(value, float) and not value.is_integer():
        return _err("not_whole", "须为整数", "must be a whole number")
    if value < q["min"]:
        return _err("below_min", f"不能小于 {q['min']}", f"must be at least {q['min']}")
    if q["max"] is not None and value > q["max"]:
        return _err("above_max", f"不能大于 {q['max']}", f"must be at most {q['max']}")
    return None


def _text(q: dict, value):
    if not isinstance(value, str):
        return _err("not_text", "须为文字", "must be text")
    if len(value) > q["max_length"]:
        limit = q["max_length"]
        return _err(
            "too_long",
            f"不能超过 {limit} 字（现为 {len(value)} 字）",
            f"must be at most {limit} characters, got {len(value)}",
        )
    return None


def _standard_list(q: dict, value):
    if not isinstance(value, list):
        return _err("not_a_list", "须为标准条目的列表", "must be a list of standards")
    if len(value) > MAX_STANDARDS:
        return _err(
            "too_many", f"最多填写 {MAX_STANDARDS} 项标准", f"at most {MAX_STANDARDS} standards"
        )
    for i, entry in enumerate(value, start=1):
        errors = validate_standard_entry(entry)
        if errors:
            field, msg = next(iter(errors.items()))
            return _err(
                "bad_standard",
                f"第 {i} 项的 {field}：{msg['zh']}",
                f"entry {i}, {field}: {msg['en']}",
            )
    codes = [" ".join(e["code"].split()) for e in value]
    repeated = sorted({code for code in codes if codes.count(code) > 1})
    if repeated:
        return _err(
            "repeated_standard",
            f"标准 {'、'.join(repeated)} 重复",
            f"standard listed twice: {', '.join(repeated)}",
        )
    return None


def _err(code: str, zh: str, en: str) -> dict[str, str]:
    return {"code": code, "zh": zh, "en": en}


_CHECKS = {
    "single": _single,
    "multiple": _multiple,
    "number": _number,
    "text": _text,
    "standard_list": _standard_list,
}
