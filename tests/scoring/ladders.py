"""Answer sets that put every scored question on one rung of the 0–4 scale (the review's runs)."""

from fractions import Fraction

from app.questionnaires.definition import questions
from app.scoring.rates import value_in_band

# A standard_list on rung r lists r clean entries and 4 − r undisclosed ones.
GB = {"code": "GB/T 22864-2009", "name": "毛巾", "disclosed": True}
GAP = {"code": "GB/T 22800-2009", "name": "星级饭店用纺织品", "disclosed": False}


def rung_answer(q: dict, rung: int, count=100):
    """An answer to a scored question worth rung/4 of its maximum (or the nearest below)."""
    target = Fraction(rung, 4) * Fraction(q["max_points"])
    if q["type"] == "single":
        options = [o for o in q["options"] if not o["not_applicable"] and not o["red_flag"]]
        fitting = [o for o in options if o["points"] <= target] or [options[0]]
        return max(fitting, key=lambda o: o["points"])["id"]
    if q["type"] == "multiple":
        chosen, total = [], Fraction(0)
        plain = [o for o in q["options"] if not o["exclusive"] and not o["red_flag"]]
        for o in sorted(plain, key=lambda o: -o["points"]):
            if o["points"] and total + Fraction(o["points"]) <= target:
                chosen.append(o["id"])
                total += Fraction(o["points"])
        return chosen or [o["id"] for o in q["options"] if o["exclusive"] and not o["red_flag"]][:1]
    if q["type"] == "number":
        fitting = [b for b in q["bands"] if b["points"] <= target]
        band = max(fitting, key=lambda b: b["points"])
        # A rate (`per`) needs the answer that reaches the band for this count (the staff).
        return value_in_band(q, band, count) if q.get("per") else band["min"]
    return [dict(GB, code=f"GB/T 2286{i}-2009") for i in range(rung)] + [
        dict(GAP, code=f"GB/T 2280{i}-2009") for i in range(4 - rung)
    ]


def profile_answer(q: dict, wide: bool = False):
    """An answer to an unscored question without a flag: the first option, or (wide) every one."""
    if q["type"] == "single":
        return next(o["id"] for o in q["options"] if not o["red_flag"])
    if q["type"] == "multiple":
        plain = [o["id"] for o in q["options"] if not o["exclusive"] and not o["red_flag"]]
        return plain if wide else plain[:1]
    if q["type"] == "number":
        return q["min"]
    return None


def everywhere(definition: dict, rung: int, top: tuple = (), wide: bool = False) -> dict:
    """Every scored question on `rung`, those in `top` at their best; wide: show every follow-up."""
    answers = {}
    counts = {q["per"]["of"] for _, q in questions(definition) if q.get("per")}
    for _, q in questions(definition):
        if q["weight"] > 0:
            count = answers.get(q["per"]["of"], 100) if q.get("per") else 100
            answers[q["id"]] = rung_answer(q, 4 if q["id"] in top else rung, count)
        elif q["id"] in counts:
            # The headcount a rate (`per`) divides by: 100, so that a rate per 100 is the count.
            answers[q["id"]] = max(q["min"], min(q["max"] or 100, 100))
        else:
            value = profile_answer(q, wide)
            if value is not None:
                answers[q["id"]] = value
    return answers


# The enterprise profile the runs assume (facts["profile"]): 100 staff, no red line; narrow
# ticks no activity, wide ticks every one, so every profile-conditioned question is shown.
NARROW_PROFILE = {
    "ownership": "private",
    "staff_count": 100,
    "business": ["none"],
    "sales_channels": ["none"],
    "dishonesty_list": "not_listed",
    "spot_check_failure": "none",
    "major_accident": "none",
}
WIDE_PROFILE = NARROW_PROFILE | {
    "business": ["licensed", "food", "special_equipment", "energy_key", "export"],
    "licence_status": "valid",
    "sales_channels": ["online", "cross_border"],
}


def with_profile(facts: dict, wide: bool = False, **changes) -> dict:
    """facts with a complete profile (wide: every activity ticked), changed as given."""
    return {**facts, "profile": (WIDE_PROFILE if wide else NARROW_PROFILE) | changes}
