"""Number questions scored as a rate (`per`): the answer per `scale` of a count, e.g. staff."""

import math
from fractions import Fraction


def count_for(question: dict, answers: dict, facts: dict) -> Fraction | None:
    """The count a rate divides by: the profile's `per.of`, else the answer, else facts."""
    of = question["per"]["of"]
    profile = facts.get("profile") if isinstance(facts.get("profile"), dict) else {}
    # The profile (answered once, frozen at submit) wins over a questionnaire's own answer, so a
    # smaller headcount typed here cannot inflate a rate.
    for source in (profile, answers, facts):
        value = source.get(of)
        # A count of zero or less (or not a number) gives no rate: the question then scores as
        # unanswered, so that leaving the count out never helps.
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and math.isfinite(value) and value > 0:
            return Fraction(value)
    return None


def rate(question: dict, value, count: Fraction) -> Fraction:
    """The answer per `scale` of the count, exactly."""
    return Fraction(value) * Fraction(question["per"]["scale"]) / count


def value_in_band(question: dict, band: dict, count) -> int | float:
    """The smallest answer whose rate falls in the band (for answer generators and tests)."""
    scale = Fraction(question["per"]["scale"])
    count = Fraction(count)
    low = Fraction(band["min"]) * count / scale
    # Real-number bands share their end points with the band before; the shared point belongs
    # to the earlier band, so a value just above it is needed unless this is the first band.
    first = band == question["bands"][0]
    step = 1 if question["integer"] else Fraction(1, 10)
    value = (math.ceil(low / step) if first else math.floor(low / step) + 1) * step
    top = question["max"]
    if band["max"] is not None and rate(question, value, count) > band["max"]:
        raise ValueError(f"no answer of {question['id']} lands in {band} with a count of {count}")
    if top is not None and value > top:
        raise ValueError(f"{question['id']}: the band {band} needs more than max ({top})")
    return int(value) if question["integer"] else float(value)
