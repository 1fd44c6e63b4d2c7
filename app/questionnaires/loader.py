"""Load questionnaire files (docs/questionnaire-format.md) into normalised, JSON-able definitions.

Run `python -m app.questionnaires.loader [PATH...]` to check files (default: questionnaires/*.yaml).
"""

import sys
from pathlib import Path

import yaml

from app.questionnaires import fields as f
from app.questionnaires.definition import canonical_json, content_hash, questions
from app.questionnaires.problems import TOP, Collector, Problem, QuestionnaireError
from app.questionnaires.sections import sections

__all__ = [
    "Problem",
    "QuestionnaireError",
    "canonical_json",
    "check_files",
    "content_hash",
    "load_file",
    "load_text",
    "questions",
]

FORMAT_VERSION = 1
DEFAULT_RED_FLAG_CAP = 40
QUESTIONNAIRES = Path(__file__).resolve().parents[2] / "questionnaires"

_TOP = (
    "version",
    "key",
    "title",
    "description",
    "estimated_minutes",
    "rationale",
    "dimensions",
    "sections",
)


def load_file(path) -> dict:
    """Load and validate one questionnaire file; raise QuestionnaireError with every problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QuestionnaireError(
            [Problem(str(path), TOP, "file", f"cannot be read: {exc}")]
        ) from exc
    return load_text(text, str(path))


def load_text(text: str, source: str) -> dict:
    """Load and validate questionnaire YAML; `source` names it in problems."""
    c = Collector(source)
    try:
        raw = _parse(text)
    except yaml.YAMLError as exc:
        raise QuestionnaireError([Problem(source, TOP, "yaml", _yaml_message(exc))]) from exc
    except RecursionError as exc:  # the composer recurses once per level of nesting
        raise QuestionnaireError([Problem(source, TOP, "yaml", "nests too deeply")]) from exc
    definition = _definition(c, raw)
    if c.problems or definition is None:
        raise QuestionnaireError(c.problems)
    return definition


def check_files(paths) -> list[Problem]:
    """Every problem in the given files, including a key used by two of them."""
    problems: list[Problem] = []
    keys: dict[str, str] = {}
    for path in paths:
        try:
            definition = load_file(path)
        except QuestionnaireError as exc:
            problems.extend(exc.problems)
            continue
        if definition["key"] in keys:
            message = f"{definition['key']} is also the key of {keys[definition['key']]}"
            problems.append(Problem(str(path), TOP, "key", message))
        keys.setdefault(definition["key"], str(path))
    return problems


def _definition(c: Collector, raw) -> dict | None:
    if f.mapping(c, "", raw, _TOP, ("red_flag_cap",)) is None:
        return None
    if raw.get("version") != FORMAT_VERSION or isinstance(raw.get("version"), bool):
        c.add(
            "version",
            f"unknown format version {raw.get('version')!r}; this loader reads {FORMAT_VERSION}",
        )
        return None
    out = {
        "format": FORMAT_VERSION,
        "key": f.slug(c, "key", raw.get("key")),
        "title": f.localised(c, "title", raw.get("title")),
        "description": f.localised(c, "description", raw.get("description")),
        "rationale": f.localised(c, "rationale", raw.get("rationale")),
        "estimated_minutes": f.number(
            c, "estimated_minutes", raw.get("estimated_minutes"), integer=True, positive=True
        ),
        "red_flag_cap": f.number(
            c, "red_flag_cap", raw.get("red_flag_cap", DEFAULT_RED_FLAG_CAP), minimum=0
        ),
        "dimensions": _dimensions(c, raw.get("dimensions")),
    }
    if out["red_flag_cap"] is not None and out["red_flag_cap"] > 100:
        c.add("red_flag_cap", f"must be at most 100, got {out['red_flag_cap']}")
    out["sections"] = sections(c, raw.get("sections"), out["dimensions"])
    if not c.problems:
        used = {q["dimension"] for _, q in questions(out) if q["weight"] > 0}
        for dim in out["dimensions"]:
            if dim["key"] not in used:
                c.add(
                    f"dimensions[{dim['key']}]",
                    "no scored question (weight > 0) belongs to this dimension",
                )
    return None if c.problems else out


def _dimensions(c: Collector, raw) -> list[dict] | None:
    if not isinstance(raw, list) or not raw:
        c.add("dimensions", "must be a non-empty list of {key, title, weight}")
        return None
    out = []
    for i, item in enumerate(raw):
        name = item.get("key") if isinstance(item, dict) else None
        path = f"dimensions[{name if isinstance(name, str) and name else i}]"
        if f.mapping(c, path, item, ("key", "title", "weight")) is None:
            continue
        dim = {
            "key": f.slug(c, f"{path}.key", item.get("key")),
            "title": f.localised(c, f"{path}.title", item.get("title")),
            "weight": f.number(c, f"{path}.weight", item.get("weight"), positive=True),
        }
        if dim["key"] and any(d["key"] == dim["key"] for d in out):
            c.add(f"{path}.key", f"duplicate dimension key {dim['key']}")
        elif None not in dim.values():
            out.append(dim)
    if len(out) != len(raw):
        return None
    total = sum(d["weight"] for d in out)
    if abs(total - 100) > 1e-9:
        c.add("dimensions", f"weights must add up to 100, got {total:g}")
        return None
    return out


class _NoDuplicateKeys:
    """Rejects a key given twice in one mapping (PyYAML keeps the last silently)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
                seen.add(key)
            except TypeError:
                continue
            if duplicate:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
        return super().construct_mapping(node, deep=deep)


class _StrictLoader(_NoDuplicateKeys, yaml.SafeLoader):
    """The pure-Python safe loader, strict about duplicate keys."""


# libyaml's parser where PyYAML was built with it: the pure-Python one takes seconds on a
# 128 KB questionnaire, which the administrator's console waits for on every check.
_FastStrictLoader = (
    type("_FastStrictLoader", (_NoDuplicateKeys, yaml.CSafeLoader), {})
    if hasattr(yaml, "CSafeLoader")
    else _StrictLoader
)


def _parse(text: str):
    """The YAML document; a broken one is parsed again by the pure-Python parser, whose
    messages the problems quote (libyaml words them differently, and may be absent)."""
    try:
        return yaml.load(text, Loader=_FastStrictLoader)
    except yaml.YAMLError:
        return yaml.load(text, Loader=_StrictLoader)


def _yaml_message(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{problem} (line {mark.line + 1}, column {mark.column + 1})" if mark else problem


def main(argv: list[str] | None = None) -> int:
    """Check files; print every problem, or one "ok" line per file."""
    paths = argv if argv else sorted(str(p) for p in QUESTIONNAIRES.glob("*.yaml"))
    if not paths:
        print("no questionnaire files given or found", file=sys.stderr)
        return 1
    problems = check_files(paths)
    for problem in problems:
        print(problem)
    if problems:
        return 1
    for path in paths:
        definition = load_file(path)
        print(f"ok: {definition['key']} ({sum(1 for _ in questions(definition))} questions)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
