"""Number questions: the allowed range and the scoring bands that must cover it exactly."""

from app.questionnaires import fields as f
from app.questionnaires.problems import Collector


def number_fields(c: Collector, q: dict, scored: bool) -> dict | None:
    """The normalised min, max, integer, unit and bands of a number question, or None."""
    integer = f.boolean(c, "integer", q.get("integer", False))
    whole = bool(integer)
    lo = f.number(c, "min", q.get("min"), integer=whole)
    hi = None if q.get("max") is None else f.number(c, "max", q["max"], integer=whole)
    unit = f.localised(c, "unit", q["unit"]) if "unit" in q else None
    per = _per(c, q["per"]) if "per" in q else None
    ok = integer is not None and lo is not None and (hi is not None or q.get("max") is None)
    ok = ok and (unit is not None or "unit" not in q) and (per is not None or "per" not in q)
    if ok and per is not None and lo != 0:
        c.add("min", f"must be 0 for a rate (per): the bands start at a rate of 0, got {lo}")
        ok = False
    if ok and hi is not None and hi < lo:
        c.add("max", f"must be at least min ({lo}), got {hi}")
        ok = False
    # With `per` the bands describe a rate (a real number from 0 up, without an upper bound),
    # whatever the answer itself is.
    real, top = (True, None) if per is not None else (not whole, hi)
    bands = _bands(c, q.get("bands"), not real)
    if not ok or bands is None or not _coverage(c, bands, lo, top, not real):
        return None
    max_points = max(b["points"] for b in bands)
    if not _scale(c, bands, max_points, scored):
        return None
    return {
        "min": lo,
        "max": hi,
        "integer": whole,
        "unit": unit,
        "per": per,
        "bands": bands,
        "max_points": max_points,
    }


def _per(c: Collector, raw) -> dict | None:
    """`per: {of: staff_count, scale: 100}`: score the answer per `scale` of the count `of`."""
    if f.mapping(c, "per", raw, ("of", "scale")) is None:
        return None
    of = f.slug(c, "per.of", raw.get("of"))
    scale = f.number(c, "per.scale", raw.get("scale"), positive=True)
    return None if of is None or scale is None else {"of": of, "scale": scale}


def _bands(c: Collector, raw, whole: bool) -> list[dict] | None:
    if not isinstance(raw, list) or not raw:
        c.add("bands", "must be a non-empty list of {min, max, points}")
        return None
    bands = []
    for i, item in enumerate(raw):
        path = f"bands[{i}]"
        if f.mapping(c, path, item, ("min", "max", "points"), ("recommendation",)) is None:
            continue
        band = {
            "min": f.number(c, f"{path}.min", item.get("min"), integer=whole),
            "max": None
            if item.get("max") is None
            else f.number(c, f"{path}.max", item["max"], integer=whole),
            "points": f.number(c, f"{path}.points", item.get("points"), minimum=0),
            "recommendation": None,
        }
        if "recommendation" in item:
            band["recommendation"] = f.recommendation(
                c, f"{path}.recommendation", item["recommendation"]
            )
            if band["recommendation"] is None:
                continue
        if (
            band["min"] is None
            or band["points"] is None
            or (band["max"] is None and item.get("max") is not None)
        ):
            continue
        if band["max"] is not None and band["max"] < band["min"]:
            c.add(
                f"{path}.max", f"must be at least the band's min ({band['min']}), got {band['max']}"
            )
            continue
        bands.append(band)
    return bands if len(bands) == len(raw) else None


def _coverage(c: Collector, bands: list[dict], lo, hi, whole: bool) -> bool:
    """Bands must run from min to max in order, without gaps or overlaps."""
    ok = True
    if lo is not None and bands[0]["min"] != lo:
        c.add(
            "bands[0].min",
            f"must equal the question's min ({lo}) so that the bands cover [min, max]",
        )
        ok = False
    for i in range(1, len(bands)):
        prev, band = bands[i - 1], bands[i]
        if prev["max"] is None:
            c.add(f"bands[{i - 1}].max", "only the last band may be open-ended (null)")
            return False
        # Whole numbers: the next band starts one above; real numbers: it starts where the previous
        # ends, and the shared end point belongs to the earlier band (the first match wins).
        expected = prev["max"] + 1 if whole else prev["max"]
        if band["min"] < expected:
            c.add(f"bands[{i}].min", f"overlaps bands[{i - 1}] (which ends at {prev['max']})")
            ok = False
        elif band["min"] > expected:
            c.add(f"bands[{i}].min", f"leaves a gap after bands[{i - 1}]: should be {expected}")
            ok = False
    last = bands[-1]["max"]
    if last != hi:
        want = "null (the question has no max)" if hi is None else f"the question's max ({hi})"
        c.add(f"bands[{len(bands) - 1}].max", f"must be {want} so that the bands cover [min, max]")
        ok = False
    return ok


def _scale(c: Collector, bands: list[dict], max_points, scored: bool) -> bool:
    ok = True
    if scored and max_points <= 0:
        c.add("bands", "a scored question needs a band with points above 0")
        return False
    if scored and min(b["points"] for b in bands) != 0:
        c.add("bands", "the lowest band must score 0 (the scale starts at zero)")
        ok = False
    for i, band in enumerate(bands):
        path = f"bands[{i}].recommendation"
        if band["recommendation"] and not scored:
            c.add(path, "never shown: the question has weight 0")
            ok = False
        elif band["recommendation"] and band["points"] >= max_points:
            c.add(path, "never shown: the band already scores the maximum")
            ok = False
        elif scored and not band["recommendation"] and band["points"] < max_points:
            c.add(
                path, f"missing: the band scores {band['points']}, below the maximum {max_points}"
            )
            ok = False
    return ok
