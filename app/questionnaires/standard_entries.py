"""One entry of a standard_list answer: a standard the enterprise applies, and its disclosure."""

import re

from app.messages.questionnaires import STANDARD_ENTRY_ERRORS
from app.text import unsafe_character, unsafe_text_message

# Standard numbers: prefix, optional space, number with optional part (4806.7), dash, year.
_NUM = r"\d+(?:\.\d+)*"
_TAIL = r"[-—–](?:19|20)\d{2}"
CODE_PATTERNS = {
    "national": re.compile(rf"^GB(?:/[TZ])? ?{_NUM}{_TAIL}$"),  # GB, GB/T, GB/Z
    "local": re.compile(rf"^DB\d{{2}}(?:/T)? ?{_NUM}{_TAIL}$"),  # DB13, DB13/T
    "group": re.compile(rf"^T/[A-Z][A-Z0-9]{{1,15}} ?{_NUM}{_TAIL}$"),  # T/CAS 290-2017
    # Enterprise numbering is the enterprise's own: Q/SJZ 001-2024, Q/HBWS 0001S-2019.
    "enterprise": re.compile(rf"^Q/[A-Z0-9]{{1,20}} ?[A-Z0-9]+(?:\.[A-Z0-9]+)*{_TAIL}$"),
    # Industry standards: a two-letter sector code (JB, QB, FZ, HG, YB, SN, …), /T or /Z optional.
    "industry": re.compile(rf"^(?!GB|DB)[A-Z]{{2}}(?:/[TZ])? ?{_NUM}{_TAIL}$"),
}
MAX_CODE, MAX_NAME = 60, 200
FLAGS = (
    "disclosed",
    "indicators_disclosed",
    "test_methods_disclosed",
    "below_recommended",
    "below_recommended_declared",
)
# Only an own enterprise (Q/) standard must disclose its indicators and test methods.
ENTERPRISE_FLAGS = ("indicators_disclosed", "test_methods_disclosed")


def standard_kind(code: str) -> str | None:
    """The kind of a well-formed code: national, local, group, enterprise or industry."""
    for kind, pattern in CODE_PATTERNS.items():
        if pattern.match(code):
            return kind
    return None


def validate_standard_entry(entry) -> dict[str, dict[str, str]]:
    """Field → {zh, en} message for everything wrong with one entry; empty when it is valid."""
    if not isinstance(entry, dict):
        return {"entry": _msg("not_an_object")}
    errors: dict[str, dict[str, str]] = {}
    for key in entry:
        if key not in ("code", "name", *FLAGS):
            errors[str(key)] = _msg("unknown_field")
    code = entry.get("code")
    if not isinstance(code, str) or not code.strip():
        errors["code"] = _msg("code_missing")
    elif len(code) > MAX_CODE or standard_kind(code.strip()) is None:
        errors["code"] = _msg("code_malformed", code=code[:MAX_CODE])
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        errors["name"] = _msg("name_missing")
    elif len(name) > MAX_NAME:
        errors["name"] = _msg("name_too_long", max=MAX_NAME)
    elif (char := unsafe_character(name)) is not None:
        errors["name"] = unsafe_text_message(char)
    enterprise = "code" not in errors and standard_kind(code.strip()) == "enterprise"
    for flag in FLAGS:
        required = flag == "disclosed" or (enterprise and flag in ENTERPRISE_FLAGS)
        if flag not in entry and required:
            errors[flag] = _msg("flag_missing")
        elif flag in entry and not isinstance(entry[flag], bool):
            errors[flag] = _msg("flag_not_boolean")
    return errors


def _msg(key: str, **params) -> dict[str, str]:
    return {lang: text.format(**params) for lang, text in STANDARD_ENTRY_ERRORS[key].items()}
