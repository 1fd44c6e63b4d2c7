"""The sections of a questionnaire file and the questions in them, validated in file order."""

from app.questionnaires import fields as f
from app.questionnaires.conditions import Scope, check_condition
from app.questionnaires.problems import Collector
from app.questionnaires.question_types import TYPE_FIELDS, check_coverage_of, type_fields

_QUESTION = ("id", "type", "text", "required", "weight", "clause")
_QUESTION_OPTIONAL = ("help", "dimension", "condition", "kind", "evidence")
# With an unknown type, accept any type's fields so that only the type itself is reported.
_ANY_TYPE = tuple(k for required, optional in TYPE_FIELDS.values() for k in (*required, *optional))


def sections(c: Collector, raw, dimensions: list[dict] | None) -> list[dict] | None:
    if not isinstance(raw, list) or not raw:
        c.add("sections", "must be a non-empty list of {key, title, questions}")
        return None
    every = [
        q.get("id")
        for s in raw
        if isinstance(s, dict)
        for q in _list(s.get("questions"))
        if isinstance(q, dict)
    ]
    dims = None if dimensions is None else {d["key"] for d in dimensions}
    earlier: dict[str, dict] = {}
    before: list = []
    out, keys = [], set()
    for i, item in enumerate(raw):
        name = item.get("key") if isinstance(item, dict) else None
        path = f"sections[{name if isinstance(name, str) and name else i}]"
        if f.mapping(c, path, item, ("key", "title", "questions"), ("condition",)) is None:
            continue
        section = {
            "key": f.slug(c, f"{path}.key", item.get("key")),
            "title": f.localised(c, f"{path}.title", item.get("title")),
            "questions": [],
        }
        if "condition" in item:
            # Only when given, so files without section conditions keep their content hash.
            section["condition"] = item["condition"]
            # A section's condition may read the answers of the sections before it.
            scope = Scope(
                dict(earlier),
                frozenset(x for x in before if isinstance(x, str)),
                frozenset(x for x in every if isinstance(x, str)),
            )
            check_condition(c, f"{path}.condition", item["condition"], scope)
        if section["key"] in keys:
            c.add(f"{path}.key", f"duplicate section key {section['key']}")
        keys.add(section["key"])
        if not isinstance(item.get("questions"), list) or not item.get("questions"):
            c.add(f"{path}.questions", "must be a non-empty list of questions")
            continue
        for j, q in enumerate(item["questions"]):
            qid = q.get("id") if isinstance(q, dict) else None
            label = qid if isinstance(qid, str) and qid else f"{path}.questions[{j}]"
            if isinstance(qid, str) and qid in before:
                c.at(label).add("id", f"duplicate question id {qid}")
            scope = Scope(
                dict(earlier),
                frozenset(x for x in before if isinstance(x, str)),
                frozenset(x for x in every if isinstance(x, str)),
            )
            question = _question(c.at(label), q, dims, scope)
            before.append(qid)
            if question is not None and qid not in earlier:
                earlier[qid] = question
                section["questions"].append(question)
        out.append(section)
    return out


def _question(c: Collector, q, dims: set | None, scope: Scope) -> dict | None:
    qtype = q.get("type") if isinstance(q, dict) else None
    qtype = qtype if isinstance(qtype, str) else repr(qtype)
    required, optional = TYPE_FIELDS.get(qtype, ((), _ANY_TYPE))
    if f.mapping(c, "", q, (*_QUESTION, *required), (*_QUESTION_OPTIONAL, *optional)) is None:
        return None
    if qtype not in TYPE_FIELDS:
        c.add("type", f"unknown type {qtype!r}; expected one of {', '.join(TYPE_FIELDS)}")
    weight = f.number(c, "weight", q.get("weight"), minimum=0)
    out = {
        "id": f.slug(c, "id", q.get("id")),
        "type": qtype,
        "text": f.localised(c, "text", q.get("text")),
        "help": f.localised(c, "help", q["help"]) if "help" in q else None,
        "required": f.boolean(c, "required", q.get("required")),
        "weight": weight,
        "dimension": q.get("dimension"),
        "clause": f.clauses(c, "clause", q.get("clause")),
        "condition": q.get("condition"),
        "kind": f.kind(c, "kind", q.get("kind", "practice"), weight),
    }
    ok = (
        None not in (out["id"], out["text"], out["required"], weight, out["clause"], out["kind"])
        and qtype in TYPE_FIELDS
    )
    ok = ok and (out["help"] is not None or "help" not in q)
    if "evidence" in q:
        # Only where the file says so: versions published before the field keep their hash.
        out["evidence"] = f.evidence(c, "evidence", q["evidence"])
        ok = ok and out["evidence"] is not None
    dim = q.get("dimension")
    if "dimension" in q and dims is not None and (not isinstance(dim, str) or dim not in dims):
        c.add("dimension", f"unknown dimension {dim!r}; expected one of {', '.join(sorted(dims))}")
        ok = False
    if qtype == "text" and weight:
        c.add("weight", "a text question is not scored: its weight must be 0")
        ok = False
    elif weight and "dimension" not in q:
        c.add("dimension", "missing: a scored question (weight > 0) needs a dimension")
        ok = False
    if "condition" in q and not check_condition(c, "condition", q["condition"], scope):
        ok = False
    extra = type_fields(c, q, qtype, weight) if qtype in TYPE_FIELDS else None
    if qtype == "standard_list":
        # The count of main products the list is measured against (format doc, standard_list).
        coverage = check_coverage_of(c, q, scope.earlier)
        ok = ok and coverage is not False
        if extra is not None:
            extra["coverage_of"] = coverage or None
    if extra is not None and extra.get("per") and not _per_source(c, extra["per"]["of"], scope):
        return None
    if not ok or extra is None:
        return None
    return out | extra


def _per_source(c: Collector, of: str, scope: Scope) -> bool:
    """A rate's count is an earlier number question of the file, or else a fact (profile)."""
    if of in scope.every and of not in scope.before:
        c.add("per.of", f"{of} comes later in the file; a rate may only use an earlier answer")
        return False
    if of in scope.earlier and scope.earlier[of]["type"] != "number":
        c.add("per.of", f"{of} is a {scope.earlier[of]['type']} question, not a number")
        return False
    return True


def _list(value) -> list:
    return value if isinstance(value, list) else []
