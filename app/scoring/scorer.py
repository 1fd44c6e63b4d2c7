"""score(definition, answers, facts): the pure, deterministic scoring of one assessment.

Mechanics (exact rational arithmetic, rounded only for output):
- a question applies when it is shown, has weight > 0 and is not answered "not applicable";
  an applicable question left unanswered scores 0 (it applies, without credit), so skipping a
  question never helps;
- question share f = points / max_points (0–1);
- dimension score = 100 × Σ(w·f) / Σ(w) over its applicable questions, null when none applies;
- overall = Σ(dimension weight × dimension score) / Σ(dimension weight) over the dimensions
  with a score (0 when none has one); a red flag caps it at red_flag_cap and the level at 2 —
  raised by an answer here, or by a red-line fact of the profile in facts["profile"]
  (app/scoring/profile_flags.py), which caps every questionnaire alike;
- a number question with `per` is scored on its answer per `scale` of a count (staff_count:
  facts["profile"], else an earlier answer, else facts); without a count it scores as unanswered;
- the maturity level follows the scoring model asked for (app/scoring/maturity.py; model 2 adds
  a level per dimension and gates level 5 on the result and comparison questions);
- a question's contribution = its share of the uncapped overall, so contributions add up to it;
- a recommendation's gain = the overall points gained by raising its question to the maximum.
Answers that do not fit their question (check_answer) and answers to hidden or unknown
questions are ignored.
"""

import copy
import math
from dataclasses import dataclass
from fractions import Fraction

from app.questionnaires.answers import check_answer
from app.questionnaires.conditions import has_answer, visible_answers
from app.questionnaires.definition import questions
from app.scoring.maturity import (
    CURRENT_MODEL,
    GATED_KINDS,
    MODELS,
    dimension_level,
    maturity_v1,
    maturity_v2,
)
from app.scoring.outcomes import outcome
from app.scoring.profile_flags import profile_red_flags
from app.scoring.rates import count_for, rate


def score(
    definition: dict,
    answers: dict,
    facts: dict,
    *,
    version: int | None = None,
    model: int = CURRENT_MODEL,
) -> dict:
    """Score answers against a loaded definition for an enterprise with these facts."""
    if model not in MODELS:
        raise ValueError(f"unknown scoring model {model!r}; known: {MODELS}")
    answers = _valid_answers(definition, answers if isinstance(answers, dict) else {})
    shown = visible_answers(definition, answers, facts if isinstance(facts, dict) else {})
    rows, red_flags = _outcomes(definition, shown, facts if isinstance(facts, dict) else {})
    # Facts with legal effect are answered once, in the profile, and cap every questionnaire.
    red_flags += profile_red_flags(facts if isinstance(facts, dict) else {})
    dims = _dimensions(rows)
    share = _shares(definition, dims)
    uncapped = sum((_contribution(q, r, share) for _, q, r in rows), Fraction(0))
    capped = bool(red_flags)
    overall = _round(min(uncapped, Fraction(definition["red_flag_cap"])) if capped else uncapped, 1)
    questionnaire = {"key": definition["key"]}
    if version is not None:
        questionnaire["version"] = version
    shown_scores = {k: _round(d.score, 1) for k, d in dims.items()}
    if model == 1:
        level = maturity_v1(overall, capped)
    else:
        level = maturity_v2(
            overall,
            capped,
            list(shown_scores.values()),
            _gated(rows),
            # Frozen with the submission (app/assessments/facts.py, red_flags_elsewhere).
            flagged_elsewhere=bool(isinstance(facts, dict) and facts.get("red_flags_elsewhere")),
        )
    # A deep copy, so that a caller editing the result (e.g. localising it) cannot alter the
    # definition it shares texts with.
    return _copied(
        {
            "questionnaire": questionnaire,
            "scoring_model": model,
            "overall": overall,
            "overall_uncapped": _round(uncapped, 1),
            "capped": capped,
            "maturity": level,
            "dimensions": [
                {
                    "key": d["key"],
                    "title": d["title"],
                    "weight": d["weight"],
                    "score": shown_scores.get(d["key"]),
                    "level": dimension_level(model, shown_scores.get(d["key"])),
                    "applicable_questions": dims[d["key"]].count if d["key"] in dims else 0,
                }
                for d in definition["dimensions"]
            ],
            "recommendations": _recommendations(rows, share),
            "red_flags": red_flags,
            "trace": _trace(definition, rows, shown, share),
        }
    )


@dataclass
class _Dimension:
    """Running sums over a dimension's applicable questions."""

    weight: Fraction = Fraction(0)
    weighted: Fraction = Fraction(0)
    count: int = 0

    @property
    def score(self) -> Fraction:
        return 100 * self.weighted / self.weight


def _outcomes(definition: dict, shown: dict, facts: dict) -> tuple[list, list]:
    """(order, question, outcome) of every shown scored question, and every red flag raised."""
    rows, red_flags = [], []
    for order, (_, q) in enumerate(questions(definition)):
        if q["id"] not in shown or q["type"] == "text":
            continue
        result = outcome(q, _scored_value(q, shown, facts), shown)
        # A red flag counts wherever it is raised, on a profile question (weight 0) too.
        red_flags += [{"question": q["id"], "option": o, "text": t} for o, t in result.red_flags]
        if q["weight"] > 0:
            rows.append((order, q, result))
    return rows, red_flags


def _scored_value(q: dict, shown: dict, facts: dict):
    """The answer as scored: a rate question (`per`) scores its answer per the count."""
    value = shown[q["id"]]
    if q["type"] != "number" or not q.get("per") or not has_answer(value):
        return value
    count = count_for(q, shown, facts)
    return None if count is None else rate(q, value, count)


def _gated(rows: list) -> list[bool]:
    """For each applicable result or comparison question: is it at its top answer?"""
    # Definitions published before the field existed have no "kind": nothing is gated there,
    # so level 5 stays out of reach rather than coming free.
    return [
        result.fraction == 1
        for _, q, result in rows
        if q.get("kind") in GATED_KINDS and result.fraction is not None
    ]


def _valid_answers(definition: dict, answers: dict) -> dict:
    out = {}
    for _, q in questions(definition):
        value = answers.get(q["id"])
        if has_answer(value) and check_answer(q, value) is None:
            out[q["id"]] = value
    return out


def _dimensions(rows: list) -> dict[str, _Dimension]:
    """Dimension key → sums, for the dimensions with at least one applicable question."""
    dims: dict[str, _Dimension] = {}
    for _, q, result in rows:
        if result.fraction is not None:
            d = dims.setdefault(q["dimension"], _Dimension())
            d.weight += Fraction(q["weight"])
            d.weighted += Fraction(q["weight"]) * result.fraction
            d.count += 1
    return dims


def _shares(definition: dict, dims: dict[str, _Dimension]) -> dict[str, Fraction]:
    """Dimension key → what one unit of (question weight × share) adds to the overall, over 100."""
    total = sum(
        (Fraction(d["weight"]) for d in definition["dimensions"] if d["key"] in dims), Fraction(0)
    )
    return {
        d["key"]: Fraction(d["weight"]) / total / dims[d["key"]].weight
        for d in definition["dimensions"]
        if d["key"] in dims
    }


def _contribution(q: dict, result, share: dict) -> Fraction:
    if result.fraction is None:
        return Fraction(0)
    return share[q["dimension"]] * Fraction(q["weight"]) * result.fraction * 100


def _recommendations(rows: list, share: dict) -> list[dict]:
    ranked = []
    for order, q, result in rows:
        if result.fraction is None or result.fraction >= 1:
            continue
        gain = share[q["dimension"]] * Fraction(q["weight"]) * (1 - result.fraction) * 100
        for position, (source, rec) in enumerate(result.recommendations):
            entry = {
                "question": q["id"],
                "question_text": q["text"],
                "source": source,
                "clause": rec["clause"],
                "text": rec["text"],
                "departments": rec["departments"],
                "gain": _round(gain, 1),
            }
            ranked.append(((-gain, order, position), entry))
    ranked.sort(key=lambda pair: pair[0])
    return [entry for _, entry in ranked]


def _trace(definition: dict, rows: list, shown: dict, share: dict) -> list[dict]:
    scored = {q["id"]: result for _, q, result in rows}
    trace = []
    for _, q in questions(definition):
        if q["weight"] <= 0:
            continue
        result = scored.get(q["id"])
        applicable = result is not None and result.fraction is not None
        if result is None:
            status = "hidden"
        elif result.fraction is None:
            status = "not_applicable"
        else:
            status = "answered" if has_answer(shown.get(q["id"])) else "unanswered"
        contribution = _contribution(q, result, share) if applicable else Fraction(0)
        trace.append(
            {
                "question": q["id"],
                "dimension": q["dimension"],
                "status": status,
                "applicable": applicable,
                "points": _round(result.points, 2) if applicable else None,
                "max_points": q["max_points"],
                "weight": q["weight"],
                "contribution": _round(contribution, 3),
            }
        )
    return trace


def _copied(value):
    """A deep copy of a JSON-shaped tree: what copy.deepcopy gives, a fifth of its time.

    The result holds only dicts, lists, tuples and immutable scalars (str, int, float, bool,
    None); deepcopy's memo and dispatch are what a submit spent most of the copy on.
    """
    kind = type(value)
    if kind is dict:
        return {k: _copied(v) for k, v in value.items()}
    if kind is list:
        return [_copied(v) for v in value]
    if kind is tuple:
        return tuple(_copied(v) for v in value)
    if kind in _SCALARS:
        return value
    return copy.deepcopy(value)


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _round(value: Fraction, digits: int) -> float:
    """Round half up (not to even), so that the JS client and a reader get the same figure."""
    scale = 10**digits
    kind = type(value)
    if kind is Fraction or kind is int:
        # floor(n/d × scale + 1/2) in integers: the same figure, without three Fraction objects.
        n, d = (value.numerator, value.denominator) if kind is Fraction else (value, 1)
        return (2 * n * scale + d) // (2 * d) / scale
    return math.floor(value * scale + Fraction(1, 2)) / scale
