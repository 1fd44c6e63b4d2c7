"""When a question is shown: evaluating conditions on earlier answers and enterprise facts.

The semantics are kept small because the mobile client re-implements them offline:
- an answer is "present" when it is not missing, null, "" or [];
- `in` holds when the answer is a string among the options, `contains_any` when the answer is
  a list sharing an option with them, `gte`/`lte` when the answer is a number (not a boolean)
  compared with n; on a missing answer or one of the wrong type they are false;
- `answered: true` holds when the answer is present, `answered: false` when it is not;
- `industry` holds when facts["industry"] (a lettered GB/T 4754 code such as "C1772") starts
  with one of the codes; `size` when facts["size"] is one of the sizes; missing facts → false;
- `profile` reads facts["profile"] (the enterprise profile's answers: the current ones for a
  draft, the copy frozen at submit for a submission) with the same operators as `answer`; a
  field not answered in the profile is unknown: `answered: false` holds, every other operator
  is false (so `not` of it holds: a question hidden only for a red-line fact stays shown);
- `all`, `any`, `not` combine as in logic (`all: []` is not allowed by the loader).
Questions are visited in file order; a question is shown when its section's condition and its
own hold; a hidden question's answer is treated as absent by every later condition, whatever the
answers dict holds.
"""

from dataclasses import dataclass

from app.profiles.definition import fields as profile_fields
from app.profiles.definition import load_profile_definition

SIZES = ("large", "medium", "small", "micro")


def has_answer(value) -> bool:
    """Whether an answer value counts as given."""
    return value is not None and value != "" and value != []


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def evaluate(condition: dict, answers: dict, facts: dict) -> bool:
    """Whether a (valid) condition holds for the given answers and enterprise facts."""
    if "all" in condition:
        return all(evaluate(c, answers, facts) for c in condition["all"])
    if "any" in condition:
        return any(evaluate(c, answers, facts) for c in condition["any"])
    if "not" in condition:
        return not evaluate(condition["not"], answers, facts)
    if "industry" in condition:
        code = facts.get("industry")
        return isinstance(code, str) and any(code.startswith(p) for p in condition["industry"])
    if "size" in condition:
        return facts.get("size") in condition["size"]
    if "profile" in condition:
        profile = facts.get("profile")
        value = profile.get(condition["profile"]) if isinstance(profile, dict) else None
    else:
        value = answers.get(condition["answer"])
    if "answered" in condition:
        return has_answer(value) == condition["answered"]
    if not has_answer(value):
        return False
    if "in" in condition:
        return isinstance(value, str) and value in condition["in"]
    if "contains_any" in condition:
        return isinstance(value, list) and any(v in condition["contains_any"] for v in value)
    if "gte" in condition:
        return _is_number(value) and value >= condition["gte"]
    return _is_number(value) and value <= condition["lte"]


def _holds(condition, answers: dict, facts: dict) -> bool:
    return condition is None or evaluate(condition, answers, facts)


def visible_answers(definition: dict, answers: dict, facts: dict) -> dict:
    """The answers of the questions that are shown, in file order; hidden ones are dropped."""
    seen: dict = {}
    for section in definition["sections"]:
        # Definitions published before sections had conditions have no such key.
        if not _holds(section.get("condition"), seen, facts):
            continue
        for question in section["questions"]:
            if _holds(question.get("condition"), seen, facts):
                seen[question["id"]] = answers.get(question["id"])
    return seen


def visible_sections(definition: dict, answers: dict, facts: dict) -> list[tuple[dict, list]]:
    """(section, ids of its shown questions) for each section with at least one shown, in order."""
    shown = visible_answers(definition, answers, facts)
    out = []
    for section in definition["sections"]:
        ids = [q["id"] for q in section["questions"] if q["id"] in shown]
        if ids:
            out.append((section, ids))
    return out


def visible_questions(definition: dict, answers: dict, facts: dict) -> list[str]:
    """The ids of the questions shown for these answers and facts, in file order."""
    return list(visible_answers(definition, answers, facts))


# --- validation (used by the loader) -------------------------------------------------------

_ANSWER_OPS = {
    "in": "single",
    "contains_any": "multiple",
    "gte": "number",
    "lte": "number",
    "answered": None,
}
_FORMS = (
    "{answer, in|contains_any|gte|lte|answered}, {profile, in|contains_any|gte|lte|answered},"
    " {industry}, {size}, {all}, {any} or {not}"
)

# GB/T 4754-2017 sections and the divisions (first two digits) each one spans.
SECTIONS = {
    "A": (1, 5), "B": (6, 12), "C": (13, 43), "D": (44, 46), "E": (47, 50), "F": (51, 52),
    "G": (53, 60), "H": (61, 62), "I": (63, 65), "J": (66, 69), "K": (70, 70), "L": (71, 72),
    "M": (73, 75), "N": (76, 79), "O": (80, 82), "P": (83, 83), "Q": (84, 85), "R": (86, 90),
    "S": (91, 96), "T": (97, 97),
}  # fmt: skip


def industry_code_ok(code) -> bool:
    """A lettered GB/T 4754 code at any level: C, C17, C177, C1772 (division within its section)."""
    if not isinstance(code, str) or not code or code[0] not in SECTIONS:
        return False
    digits = code[1:]
    if not digits:
        return True
    if not (digits.isascii() and digits.isdigit() and 2 <= len(digits) <= 4):
        return False
    first, last = SECTIONS[code[0]]
    return first <= int(digits[:2]) <= last


@dataclass(frozen=True)
class Scope:
    """What a condition may refer to: the valid questions before it, and every id in the file."""

    earlier: dict  # id → normalised question, for the questions before this one that loaded
    before: frozenset  # every id before this one, loaded or not
    every: frozenset  # every id in the file


def check_condition(c, path: str, cond, scope: Scope) -> bool:
    """Report what is wrong with a condition (via collector c); True when it is valid."""
    if not isinstance(cond, dict) or not cond:
        c.add(path, f"must be a mapping, one of {_FORMS}")
        return False
    keys = set(cond)
    if keys in ({"all"}, {"any"}):
        (key,) = keys
        items = cond[key]
        if not isinstance(items, list) or not items:
            c.add(f"{path}.{key}", "must be a non-empty list of conditions")
            return False
        results = [check_condition(c, f"{path}.{key}[{i}]", x, scope) for i, x in enumerate(items)]
        return all(results)
    if keys == {"not"}:
        return check_condition(c, f"{path}.not", cond["not"], scope)
    if keys == {"industry"}:
        return _codes(
            c, f"{path}.industry", cond["industry"], industry_code_ok, "GB/T 4754 codes like C17"
        )
    if keys == {"size"}:
        return _codes(
            c, f"{path}.size", cond["size"], SIZES.__contains__, f"sizes ({', '.join(SIZES)})"
        )
    for form, check in (("answer", _answer), ("profile", _profile)):
        ops = keys - {form}
        if form in keys and len(ops) == 1 and next(iter(ops)) in _ANSWER_OPS:
            return check(c, path, cond, ops.pop(), scope)
    c.add(path, f"unknown condition {sorted(map(str, keys))}; expected one of {_FORMS}")
    return False


def _answer(c, path: str, cond: dict, op: str, scope: "Scope") -> bool:
    qid = cond["answer"]
    if not isinstance(qid, str) or qid not in scope.every:
        c.add(f"{path}.answer", f"refers to unknown question {qid!r}")
        return False
    if qid not in scope.before:
        c.add(f"{path}.answer", f"refers to {qid}, which does not come before this question")
        return False
    if qid not in scope.earlier:
        return False  # that question is broken and its problems are reported where it is
    return _operator(c, path, op, cond[op], qid, scope.earlier[qid], "question")


def _profile(c, path: str, cond: dict, op: str, scope: "Scope") -> bool:
    name = cond["profile"]
    by_id = {f["id"]: f for f in profile_fields(load_profile_definition())}
    if not isinstance(name, str) or name not in by_id:
        known = ", ".join(by_id)
        c.add(f"{path}.profile", f"refers to unknown profile field {name!r}; known: {known}")
        return False
    return _operator(c, path, op, cond[op], name, by_id[name], "profile field")


def _operator(c, path: str, op: str, arg, qid: str, target: dict, what: str) -> bool:
    """Whether op (with arg) fits the question or profile field it reads."""
    wanted = _ANSWER_OPS[op]
    if wanted and target["type"] != wanted:
        c.add(f"{path}.{op}", f"needs a {wanted} {what}, but {qid} is {target['type']}")
        return False
    if op == "answered":
        if isinstance(arg, bool):
            return True
        c.add(f"{path}.answered", f"must be true or false, got {arg!r}")
        return False
    if op in ("gte", "lte"):
        if isinstance(arg, int | float) and not isinstance(arg, bool):
            return True
        c.add(f"{path}.{op}", f"must be a number, got {arg!r}")
        return False
    ids = {o["id"] for o in target["options"]}
    return _codes(
        c, f"{path}.{op}", arg, ids.__contains__, f"option ids of {qid} ({', '.join(sorted(ids))})"
    )


def _codes(c, path: str, items, valid, what: str) -> bool:
    if not isinstance(items, list) or not items:
        c.add(path, f"must be a non-empty list of {what}")
        return False
    ok = True
    for i, item in enumerate(items):
        if not isinstance(item, str) or not valid(item):
            c.add(f"{path}[{i}]", f"{item!r} is not one of the {what}")
            ok = False
    return ok
