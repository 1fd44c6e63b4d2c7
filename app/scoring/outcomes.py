"""What one answer earns: its share of the maximum, its recommendations, its red flags."""

from dataclasses import dataclass, field
from fractions import Fraction

from app.questionnaires.conditions import has_answer
from app.scoring.standard_list import standard_list_score


@dataclass
class Outcome:
    """The scoring of one shown question; fraction None means answered "not applicable"."""

    points: Fraction
    fraction: Fraction | None
    recommendations: list[tuple[str, dict]] = field(
        default_factory=list
    )  # (source, recommendation)
    red_flags: list[tuple[str, dict]] = field(default_factory=list)  # (option id, text)


def outcome(question: dict, value, shown: dict | None = None) -> Outcome:
    """Score a shown question's (valid) answer; an absent answer scores 0 of the maximum.

    `shown` holds the other shown answers, which a standard_list's coverage_of reads.
    """
    answered = has_answer(value)
    kind = question["type"]
    if kind == "single":
        return _single(question, value if answered else None)
    if kind == "multiple":
        return _multiple(question, value if answered else [])
    if kind == "number":
        return _number(question, value if answered else None)
    ref = question.get("coverage_of")
    count = (shown or {}).get(ref) if ref else None
    return Outcome(*standard_list_score(question, value if answered else [], count))


def _share(points: Fraction, question: dict) -> Fraction:
    top = Fraction(question["max_points"])
    return min(points, top) / top if top else Fraction(0)


def _single(q: dict, chosen: str | None) -> Outcome:
    options = {o["id"]: o for o in q["options"]}
    if chosen is None:
        # Unanswered counts as the weakest answer, and gets that answer's advice.
        weakest = min(
            (o for o in q["options"] if not o["not_applicable"]), key=lambda o: o["points"]
        )
        rec = [(weakest["id"], weakest["recommendation"])] if weakest["recommendation"] else []
        return Outcome(Fraction(0), Fraction(0), rec)
    option = options[chosen]
    if option["not_applicable"]:
        return Outcome(Fraction(0), None)
    points = Fraction(option["points"])
    recs = [(chosen, option["recommendation"])] if option["recommendation"] else []
    flags = [(chosen, option["red_flag"])] if option["red_flag"] else []
    return Outcome(points, _share(points, q), recs, flags)


def _multiple(q: dict, chosen: list[str]) -> Outcome:
    picked = [o for o in q["options"] if o["id"] in chosen]
    points = min(
        sum((Fraction(o["points"]) for o in picked), Fraction(0)), Fraction(q["max_points"])
    )
    recs = []
    for o in q["options"]:
        # A plain option that scores advises on what is missing when it is not chosen; any other
        # option (exclusive "none of these", a zero-point event) advises when it is chosen.
        gives = (o not in picked) if (o["points"] > 0 and not o["exclusive"]) else (o in picked)
        if gives and o["recommendation"]:
            recs.append((o["id"], o["recommendation"]))
    flags = [(o["id"], o["red_flag"]) for o in picked if o["red_flag"]]
    return Outcome(points, _share(points, q), recs, flags)


def _number(q: dict, value) -> Outcome:
    if value is None:
        band = min(q["bands"], key=lambda b: b["points"])
        index = q["bands"].index(band)
    else:
        index, band = next((i, b) for i, b in enumerate(q["bands"]) if _in_band(value, b))
    points = Fraction(band["points"]) if value is not None else Fraction(0)
    recs = [(f"bands[{index}]", band["recommendation"])] if band["recommendation"] else []
    return Outcome(points, _share(points, q), recs)


def _in_band(value, band: dict) -> bool:
    return band["min"] <= value and (band["max"] is None or value <= band["max"])
