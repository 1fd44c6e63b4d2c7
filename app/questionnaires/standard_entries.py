"""One entry of a standard_list answer: a standard the enterprise applies, and its disclosure."""

import re

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
        return {
            "entry": _msg(
                "须为对象（包含 code、name 等字段）", "must be an object with code, name, …"
            )
        }
    errors: dict[str, dict[str, str]] = {}
    for key in entry:
        if key not in ("code", "name", *FLAGS):
            errors[str(key)] = _msg("未知字段", "unknown field")
    code = entry.get("code")
    if not isinstance(code, str) or not code.strip():
        errors["code"] = _msg("缺少标准编号", "the standard number is missing")
    elif len(code) > MAX_CODE or standard_kind(code.strip()) is None:
        errors["code"] = _msg(
            f"“{code[:MAX_CODE]}”不是带年代号的标准编号，"
            "如 GB/T 19001-2016、DB13/T 1234-2020、T/CAS 290-2017、Q/SJZ 001-2024",
            f"“{code[:MAX_CODE]}” is not a standard number with its year, e.g. GB/T 19001-2016, "
            "DB13/T 1234-2020, T/CAS 290-2017, Q/SJZ 001-2024",
        )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        errors["name"] = _msg("缺少标准名称", "the standard's name is missing")
    elif len(name) > MAX_NAME:
        errors["name"] = _msg(
            f"标准名称不能超过 {MAX_NAME} 字", f"the name is longer than {MAX_NAME} characters"
        )
    enterprise = "code" not in errors and standard_kind(code.strip()) == "enterprise"
    for flag in FLAGS:
        required = flag == "disclosed" or (enterprise and flag in ENTERPRISE_FLAGS)
        if flag not in entry and required:
            errors[flag] = _msg("缺少此项（是/否）", "missing (true or false)")
        elif flag in entry and not isinstance(entry[flag], bool):
            errors[flag] = _msg("须为是或否", "must be true or false")
    return errors


def _msg(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}
