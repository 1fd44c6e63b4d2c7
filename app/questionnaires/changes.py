"""What changed between two versions of a questionnaire, question by question."""

from app.questionnaires.definition import questions

# Compared one by one below; any other field that differs is listed under "other".
_OWN = {"id", "text", "weight", "condition", "options"}


def diff(before: dict, after: dict) -> dict:
    """Questions added, removed, reworded; options, weights and conditions changed."""
    old = {q["id"]: (section, q) for section, q in questions(before)}
    new = {q["id"]: (section, q) for section, q in questions(after)}
    out = {
        "added": [_brief(section, q) for qid, (section, q) in new.items() if qid not in old],
        "removed": [_brief(section, q) for qid, (section, q) in old.items() if qid not in new],
        "reworded": [],
        "options": [],
        "weights": [],
        "conditions": _section_conditions(before, after),
        "other": [],
        "dimensions": _dimensions(before["dimensions"], after["dimensions"]),
    }
    for qid, (section, q) in new.items():
        if qid not in old:
            continue
        p = old[qid][1]
        if p["text"] != q["text"]:
            out["reworded"].append({"id": qid, "before": p["text"], "after": q["text"]})
        if p.get("weight") != q.get("weight"):
            out["weights"].append(
                {**_brief(section, q), "before": p.get("weight"), "after": q.get("weight")}
            )
        if p.get("condition") != q.get("condition"):
            out["conditions"].append(
                {**_brief(section, q), "before": p.get("condition"), "after": q.get("condition")}
            )
        options = _options(p.get("options") or [], q.get("options") or [])
        if options:
            out["options"].append({**_brief(section, q), **options})
        fields = sorted(k for k in (set(p) | set(q)) - _OWN if p.get(k) != q.get(k))
        if options:  # follows from the options, listed above
            fields = [k for k in fields if k != "max_points"]
        if fields:
            out["other"].append({**_brief(section, q), "fields": fields})
    return out


def has_changes(changes: dict) -> bool:
    return any(changes.values())


def _brief(section: str, q: dict) -> dict:
    return {"id": q["id"], "section": section, "text": q["text"]}


def _options(before: list[dict], after: list[dict]) -> dict | None:
    old = {o["id"]: o for o in before}
    new = {o["id"]: o for o in after}
    changed = []
    for oid, o in new.items():
        if oid not in old:
            continue
        for field in ("text", "points"):
            if old[oid].get(field) != o.get(field):
                changed.append(
                    {
                        "id": oid,
                        "label": o["text"],
                        "field": field,
                        "before": old[oid].get(field),
                        "after": o.get(field),
                    }
                )
        rest = sorted(
            k
            for k in (set(o) | set(old[oid])) - {"id", "text", "points"}
            if o.get(k) != old[oid].get(k)
        )
        if rest:
            changed.append(
                {
                    "id": oid,
                    "label": o["text"],
                    "field": ",".join(rest),
                    "before": None,
                    "after": None,
                }
            )
    added = [
        {"id": oid, "text": o["text"], "points": o.get("points")}
        for oid, o in new.items()
        if oid not in old
    ]
    removed = [
        {"id": oid, "text": o["text"], "points": o.get("points")}
        for oid, o in old.items()
        if oid not in new
    ]
    if not (added or removed or changed):
        return None
    return {"added": added, "removed": removed, "changed": changed}


def _section_conditions(before: dict, after: dict) -> list[dict]:
    old = {s["key"]: s for s in before["sections"]}
    out = []
    for section in after["sections"]:
        previous = old.get(section["key"])
        if previous and previous.get("condition") != section.get("condition"):
            out.append(
                {
                    "id": None,
                    "section": section["key"],
                    "text": section["title"],
                    "before": previous.get("condition"),
                    "after": section.get("condition"),
                }
            )
    return out


def _dimensions(before: list[dict], after: list[dict]) -> list[dict]:
    old = {d["key"]: d for d in before}
    new = {d["key"]: d for d in after}
    keys = [*new, *(k for k in old if k not in new)]
    return [
        {
            "key": key,
            "title": (new.get(key) or old[key])["title"],
            "before": old[key]["weight"] if key in old else None,
            "after": new[key]["weight"] if key in new else None,
        }
        for key in keys
        if (old.get(key) or {}).get("weight") != (new.get(key) or {}).get("weight")
    ]
