"""Validation and normalisation of what each question type adds: options, bands, lists."""

from app.questionnaires import fields as f
from app.questionnaires.bands import number_fields
from app.questionnaires.problems import Collector

# Fields each type requires and allows beyond the common question fields.
TYPE_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "single": (("options",), ()),
    "multiple": (("options", "max_points"), ()),
    "number": (("min", "bands"), ("max", "unit", "integer", "per")),
    "text": ((), ("max_length",)),
    "standard_list": (("points",), ("recommendations", "coverage_of")),
}
GAPS = ("empty", "not_disclosed", "indicators", "test_methods", "below_recommended")
# Required only with coverage_of: fewer entries listed than the main products counted there.
COVERAGE_GAP = "uncovered"
MAX_TEXT = 2000

_OPTION_FIELDS = {
    "single": ("not_applicable", "red_flag", "recommendation"),
    "multiple": ("exclusive", "red_flag", "recommendation"),
}


def type_fields(c: Collector, q: dict, qtype: str, weight) -> dict | None:
    """The normalised type-specific fields of question q, or None if any is broken."""
    scored = isinstance(weight, int | float) and weight > 0
    if qtype in ("single", "multiple"):
        return _choice(c, q, qtype, scored)
    if qtype == "number":
        return number_fields(c, q, scored)
    if qtype == "text":
        max_length = q.get("max_length", MAX_TEXT)
        ok = f.number(c, "max_length", max_length, integer=True, positive=True)
        if ok is not None and ok > MAX_TEXT:
            c.add("max_length", f"must be at most {MAX_TEXT}, got {ok}")
            return None
        return None if ok is None else {"max_length": ok}
    return _standard_list(c, q, scored)


def _choice(c: Collector, q: dict, qtype: str, scored: bool) -> dict | None:
    raw = q.get("options")
    if not isinstance(raw, list) or len(raw) < 2:
        c.add("options", "must be a list of at least two options")
        return None
    options, seen, ok = [], set(), True
    for i, item in enumerate(raw):
        name = item.get("id") if isinstance(item, dict) else None
        path = f"options[{name if isinstance(name, str) and name else i}]"
        if isinstance(name, str) and name in seen:
            c.add(f"{path}.id", f"duplicate option id {name}")
            ok = False
            continue
        if isinstance(name, str):
            seen.add(name)
        option = _option(c, path, item, qtype)
        if option is None:
            ok = False
        else:
            options.append(option)
    if not ok:
        return None
    if qtype == "single":
        max_points = max((o["points"] for o in options if not o["not_applicable"]), default=0)
    else:
        max_points = f.number(c, "max_points", q.get("max_points"), minimum=0)
        if max_points is None:
            return None
    if not _choice_scale(c, options, qtype, max_points, scored):
        return None
    return {"options": options, "max_points": max_points}


def _option(c: Collector, path: str, item, qtype: str) -> dict | None:
    if f.mapping(c, path, item, ("id", "text", "points"), _OPTION_FIELDS[qtype]) is None:
        return None
    option = {
        "id": f.slug(c, f"{path}.id", item.get("id")),
        "text": f.localised(c, f"{path}.text", item.get("text")),
        "points": f.number(c, f"{path}.points", item.get("points"), minimum=0),
        "exclusive": f.boolean(c, f"{path}.exclusive", item.get("exclusive", False)),
        "not_applicable": f.boolean(c, f"{path}.not_applicable", item.get("not_applicable", False)),
    }
    if any(v is None for v in option.values()):
        return None
    option |= {"red_flag": None, "recommendation": None}
    for key, check in (("red_flag", f.localised), ("recommendation", f.recommendation)):
        if key in item:
            option[key] = check(c, f"{path}.{key}", item[key])
            if option[key] is None:
                return None
    if option["not_applicable"] and (
        option["points"] or option["recommendation"] or option["red_flag"]
    ):
        c.add(path, "a not-applicable option must have points 0, no recommendation and no red flag")
        return None
    if option["red_flag"] and option["points"]:
        c.add(f"{path}.points", "an option with a red flag must score 0")
        return None
    return option


def _choice_scale(c: Collector, options: list, qtype: str, max_points, scored: bool) -> bool:
    """Check the points scale and where recommendations are required, allowed and pointless."""
    ok = True
    answerable = [o for o in options if not o["not_applicable"]]
    if qtype == "single" and sum(o["not_applicable"] for o in options) > 1:
        c.add("options", "at most one option may be not_applicable")
        ok = False
    if scored and max_points <= 0:
        c.add(
            "options" if qtype == "single" else "max_points",
            "a scored question needs a maximum above 0",
        )
        return False
    if scored and qtype == "single" and min(o["points"] for o in answerable) != 0:
        c.add("options", "the lowest option must score 0 (the scale starts at zero)")
        ok = False
    if qtype == "multiple":
        plain = sum(o["points"] for o in options if not o["exclusive"] and not o["red_flag"])
        alone = max(
            (o["points"] for o in options if o["exclusive"] and not o["red_flag"]), default=0
        )
        if max_points > max(plain, alone):
            c.add(
                "max_points",
                f"{max_points} cannot be reached by the options (at most {max(plain, alone)})",
            )
            ok = False
    for o in answerable:
        path = f"options[{o['id']}].recommendation"
        if o["recommendation"] and not scored:
            c.add(path, "never shown: the question has weight 0")
            ok = False
        elif (
            o["recommendation"]
            and o["points"] >= max_points
            and (qtype == "single" or o["exclusive"])
        ):
            c.add(path, "never shown: the option already scores the maximum")
            ok = False
        elif scored and not o["recommendation"] and _needs_recommendation(o, qtype, max_points):
            c.add(path, f"missing: the option scores {o['points']}, below the maximum {max_points}")
            ok = False
    return ok


def _needs_recommendation(o: dict, qtype: str, max_points) -> bool:
    # In a multiple question a plain option's recommendation is shown when it is NOT chosen, so a
    # plain option scoring 0 gains nothing by it; exclusive options work like single options.
    if qtype == "multiple" and not o["exclusive"]:
        return 0 < o["points"] < max_points
    return o["points"] < max_points


def _standard_list(c: Collector, q: dict, scored: bool) -> dict | None:
    points = f.number(c, "points", q.get("points"), positive=scored, minimum=0)
    raw = q.get("recommendations")
    if not scored:
        if raw is not None:
            c.add("recommendations", "never shown: the question has weight 0")
            return None
        return (
            None
            if points is None
            else {"points": points, "max_points": points, "recommendations": {}}
        )
    gaps = (*GAPS, COVERAGE_GAP) if q.get("coverage_of") is not None else GAPS
    if raw is None:
        c.add("recommendations", f"missing: one recommendation for each gap ({', '.join(gaps)})")
        return None
    if f.mapping(c, "recommendations", raw, gaps) is None:
        return None
    recs = {
        gap: f.recommendation(c, f"recommendations.{gap}", raw[gap]) for gap in gaps if gap in raw
    }
    if points is None or len(recs) != len(gaps) or None in recs.values():
        return None
    return {"points": points, "max_points": points, "recommendations": recs}


def check_coverage_of(c: Collector, q: dict, earlier: dict) -> str | bool | None:
    """A standard_list's coverage_of: an earlier number question's id, None, or False if broken."""
    ref = q.get("coverage_of")
    if ref is None:
        return None
    target = earlier.get(ref) if isinstance(ref, str) else None
    if target is None or target["type"] != "number" or not target["integer"]:
        c.add("coverage_of", f"{ref!r} is not an earlier whole-number question")
        return False
    return ref
