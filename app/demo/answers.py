"""Answers drawn for any published questionnaire, from its own options, bands and conditions.

Nothing here names a question: a firm of quality q (0..1) picks, per question, the option or band
at about q along the question's scale, with noise; red-flag options are rare and likelier for weak
firms. A changed questionnaire therefore needs no change here.
"""

import random

from faker import Faker

from app.questionnaires.conditions import evaluate
from app.scoring.rates import count_for, value_in_band

RED_FLAG_RATE = 0.03  # per red-flag option, for a firm of quality 0.5
NOT_APPLICABLE_RATE = 0.05
OPTIONAL_SKIP_RATE = 0.2
STANDARD_PREFIXES = ("GB/T", "GB", "FZ/T", "DB13/T", "T/CNTAC", "Q/")


def draw_answers(
    definition: dict, facts: dict, *, quality: float, rng: random.Random, fake: Faker
) -> dict:
    """A complete, valid set of answers to the questions shown for these facts."""
    answers: dict = {}
    for section, question in _questions(definition):
        condition = question.get("condition")
        if condition is not None and not evaluate(condition, answers, facts):
            continue
        if section.get("condition") and not evaluate(section["condition"], answers, facts):
            continue
        if not question["required"] and rng.random() < OPTIONAL_SKIP_RATE * (1.2 - quality):
            continue
        if question["type"] == "number" and question.get("per"):
            value = _rate(question, answers, facts, quality, rng, fake)
        else:
            value = _DRAW[question["type"]](question, quality, rng, fake)
        if value is not None and value != [] and value != "":
            answers[question["id"]] = value
        ref = question.get("coverage_of")
        if ref in answers:
            # The count of main products the list is measured against: about as many as a good
            # firm lists, a few more for a weaker one (whose list leaves some out).
            listed = len(answers.get(question["id"], []))
            answers[ref] = max(1, listed + round(rng.random() * 3 * (1 - quality)))
    return answers


def _questions(definition: dict):
    for section in definition["sections"]:
        for question in section["questions"]:
            yield section, question


def _position(quality: float, rng: random.Random, count: int) -> int:
    """An index on a scale of count steps, near quality along it."""
    spot = min(1.0, max(0.0, quality + rng.gauss(0, 0.18)))
    return min(count - 1, int(spot * count))


def _red_flag(question: dict, quality: float, rng: random.Random) -> str | None:
    for option in question["options"]:
        if option.get("red_flag") and rng.random() < RED_FLAG_RATE * 2 * (1.1 - quality):
            return option["id"]
    return None


def _single(question: dict, quality: float, rng: random.Random, fake: Faker):
    flagged = _red_flag(question, quality, rng)
    if flagged:
        return flagged
    options = question["options"]
    not_applicable = [o for o in options if o["not_applicable"]]
    if not_applicable and rng.random() < NOT_APPLICABLE_RATE:
        return not_applicable[0]["id"]
    scale = sorted(
        (o for o in options if not o["not_applicable"] and not o.get("red_flag")),
        key=lambda o: o["points"],
    )
    return scale[_position(quality, rng, len(scale))]["id"]


def _multiple(question: dict, quality: float, rng: random.Random, fake: Faker):
    flagged = _red_flag(question, quality, rng)
    options = [o for o in question["options"] if not o.get("red_flag")]
    if flagged and any(o["exclusive"] for o in question["options"] if o["id"] == flagged):
        return [flagged]
    plain = [o for o in options if not o["exclusive"]]
    chosen = [o["id"] for o in plain if rng.random() < 0.15 + 0.8 * quality]
    if flagged:
        chosen.append(flagged)
    if chosen:
        return chosen
    exclusive = [o for o in options if o["exclusive"]]
    return [exclusive[0]["id"]] if exclusive else [plain[0]["id"]]


def _number(question: dict, quality: float, rng: random.Random, fake: Faker):
    bands = sorted(question["bands"], key=lambda b: (b["points"], b["min"]))
    band = bands[_position(quality, rng, len(bands))]
    low = band["min"]
    high = band["max"] if band["max"] is not None else low * 2 + 10
    if question["max"] is not None:
        high = min(high, question["max"])
    if question["integer"] and high > 1000 * max(low, 1):
        # A wide range such as a headcount: spread the draw evenly over orders of magnitude.
        return min(int(high), int(max(low, 1) * (high / max(low, 1)) ** (rng.random() ** 2)))
    if question["integer"]:
        return rng.randint(int(low), int(high))
    return round(rng.uniform(low, high), 1) if high > low else low


def _rate(question: dict, answers: dict, facts: dict, quality, rng, fake):
    """A count scored per staff (or another count): a band, then the value that reaches it."""
    count = count_for(question, answers, facts)
    if count is None:
        return _number(question, quality, rng, fake)
    bands = sorted(question["bands"], key=lambda b: (b["points"], b["min"]))
    band = bands[_position(quality, rng, len(bands))]
    try:
        return value_in_band(question, band, count)
    except ValueError:
        # Too few staff for so low a rate (a single project already exceeds it): the nearest value.
        return 1 if question["integer"] else 0.1


def _text(question: dict, quality: float, rng: random.Random, fake: Faker):
    return fake.sentence()[: question["max_length"]]


def _standard_list(question: dict, quality: float, rng: random.Random, fake: Faker):
    entries = []
    for number in range(rng.randint(0, 1) + _position(quality, rng, 4)):
        prefix = rng.choice(STANDARD_PREFIXES)
        year = rng.randint(2010, 2024)
        if prefix == "Q/":
            code = f"Q/{fake.lexify('???').upper()} {number + 1:03d}-{year}"
        else:
            code = f"{prefix} {rng.randint(1000, 39999)}-{year}"
        entry = {
            "code": code,
            "name": f"{fake.word()}{fake.word()}技术条件",
            "disclosed": rng.random() < 0.3 + 0.7 * quality,
        }
        if prefix == "Q/":
            entry["indicators_disclosed"] = rng.random() < quality
            entry["test_methods_disclosed"] = rng.random() < quality
        entries.append(entry)
    # Codes are drawn at random: keep the first of any repeated number.
    unique = {" ".join(e["code"].split()): e for e in reversed(entries)}
    return list(reversed(unique.values()))


_DRAW = {
    "single": _single,
    "multiple": _multiple,
    "number": _number,
    "text": _text,
    "standard_list": _standard_list,
}
