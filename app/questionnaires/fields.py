"""Validators for the kinds of field a questionnaire file is made of; each normalises its value."""

import math
import re

from app.questionnaires.departments import NOT_DEPARTMENTS, expand_department, suggest_department
from app.questionnaires.plan import CLAUSE_ID, clause_departments, plan_clauses
from app.questionnaires.problems import Collector

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
# What a question asks about; result and comparison questions gate maturity level 5.
KINDS = ("practice", "result", "comparison")


def mapping(c: Collector, path: str, value, required: tuple, optional: tuple = ()) -> dict | None:
    """Check that value is a mapping with every required key and no key outside the two lists."""
    if not isinstance(value, dict):
        c.add(path, f"must be a mapping, got {_kind(value)}")
        return None
    for key in required:
        if key not in value:
            c.add(_join(path, key), "missing")
    known = (*required, *optional)
    for key in value:
        if key not in known:
            c.add(_join(path, str(key)), f"unknown field; expected one of: {', '.join(known)}")
    return value


def slug(c: Collector, path: str, value) -> str | None:
    """A stable identifier: lower-case ASCII letter, then letters, digits or underscores."""
    if isinstance(value, str) and SLUG.match(value):
        return value
    if isinstance(value, bool):
        # YAML 1.1 reads yes/no/on/off/true/false as booleans.
        c.add(path, f"must be a string matching [a-z][a-z0-9_]*, got {value!r}: quote it")
    else:
        c.add(path, f"must match [a-z][a-z0-9_]*, got {value!r}")
    return None


def localised(c: Collector, path: str, value) -> dict | None:
    """Localised text: {zh, en?}; a plain string is read as {zh: string}."""
    if isinstance(value, str):
        value = {"zh": value}
    if mapping(c, path, value, ("zh",), ("en",)) is None:
        return None
    out = {}
    for lang in ("zh", "en"):
        if lang not in value:
            continue
        text = value[lang]
        if not isinstance(text, str) or not text.strip():
            c.add(_join(path, lang), "must be non-empty text")
            return None
        out[lang] = text.strip()
    return out if "zh" in out else None


def number(c: Collector, path: str, value, *, minimum=None, positive=False, integer=False):
    """A finite number (not a boolean); integral floats become ints so 1 and 1.0 hash alike."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not math.isfinite(value))
    ):
        c.add(path, f"must be a number, got {value!r}")
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if integer and not isinstance(value, int):
        c.add(path, f"must be a whole number, got {value!r}")
        return None
    if positive and value <= 0:
        c.add(path, f"must be greater than 0, got {value!r}")
        return None
    if minimum is not None and value < minimum:
        c.add(path, f"must be at least {minimum}, got {value!r}")
        return None
    return value


def boolean(c: Collector, path: str, value) -> bool | None:
    """true or false, nothing else."""
    if isinstance(value, bool):
        return value
    c.add(path, f"must be true or false, got {value!r}")
    return None


def kind(c: Collector, path: str, value, weight) -> str | None:
    """practice (the default), result or comparison; the last two only on a scored question."""
    if value not in KINDS:
        c.add(path, f"unknown kind {value!r}; expected one of {', '.join(KINDS)}")
        return None
    if value != "practice" and not (isinstance(weight, int | float) and weight > 0):
        c.add(path, f"a {value} question must be scored: its weight is 0")
        return None
    return value


def clauses(c: Collector, path: str, value) -> list[str] | None:
    """A non-empty list of the plan's sub-clause ids, written like 一（四）."""
    if not isinstance(value, list) or not value:
        c.add(path, "must be a non-empty list of plan clauses such as [一（四）]")
        return None
    known = plan_clauses()
    ok = True
    for i, clause in enumerate(value):
        where = f"{path}[{i}]"
        if not isinstance(clause, str) or not CLAUSE_ID.match(clause):
            c.add(where, f"{clause!r} is not a clause id like 一（四） (full-width brackets)")
            ok = False
        elif clause not in known:
            c.add(where, f"{clause} is not a clause of the plan")
            ok = False
        elif clause in value[:i]:
            c.add(where, f"{clause} is listed twice")
            ok = False
    return list(value) if ok else None


def evidence(c: Collector, path: str, value) -> dict | None:
    """Files the question takes: {expected: true|false, hint?}; the hint says what to upload."""
    if mapping(c, path, value, ("expected",), ("hint",)) is None:
        return None
    expected = boolean(c, _join(path, "expected"), value.get("expected"))
    hint = localised(c, _join(path, "hint"), value["hint"]) if "hint" in value else None
    if expected is None or (hint is None and "hint" in value):
        return None
    return {"expected": expected, "hint": hint}


def recommendation(c: Collector, path: str, value) -> dict | None:
    """An improvement recommendation: text, the clauses it cites, the departments responsible."""
    if mapping(c, path, value, ("text", "clause", "departments")) is None:
        return None
    text = localised(c, _join(path, "text"), value.get("text"))
    cited = clauses(c, _join(path, "clause"), value.get("clause"))
    depts = _departments(c, _join(path, "departments"), value.get("departments"), cited)
    if text is None or cited is None or depts is None:
        return None
    return {"text": text, "clause": cited, "departments": depts}


def _departments(c: Collector, path: str, value, cited: list[str] | None) -> list[dict] | None:
    """Departments as the plan prints them, each named for one of the cited clauses."""
    if not isinstance(value, list) or not value:
        c.add(path, "must be a non-empty list of departments as the plan prints them")
        return None
    named = clause_departments()
    out = []
    for i, name in enumerate(value):
        where = f"{path}[{i}]"
        expanded = expand_department(name) if isinstance(name, str) else None
        if expanded is None:
            c.add(where, _unknown_department(name))
        elif name in value[:i]:
            c.add(where, f"{name} is listed twice")
        elif cited and not any(name in named.get(clause, ()) for clause in cited):
            c.add(where, f"{name} is not named as responsible for {', '.join(cited)} in the plan")
        else:
            out.append(expanded)
    return out if len(out) == len(value) else None


def _unknown_department(name) -> str:
    if isinstance(name, str) and name in NOT_DEPARTMENTS:
        return f"{name} is a coordinating group, not a department; name the department"
    hint = suggest_department(name) if isinstance(name, str) else None
    tail = f"; did you mean {hint}?" if hint else ""
    return f"unknown department {name!r}: write it as the plan prints it{tail}"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value) -> str:
    return "nothing" if value is None else type(value).__name__
