"""How much of a frozen score verified evidence backs (「已核验」): a pure function of a result.

A question is backed when at least one of the revision's files on it is verified. Its backed
points are its contribution to the overall (the result's trace, before any cap); a dimension's
share is its backed contributions over all of its contributions, and the overall share the
backed contributions over the uncapped overall. Shares are percentages to one decimal, rounded
half up like the scorer's figures; a share of nothing (a score of 0) is 0.
"""

from collections import Counter
from fractions import Fraction

from app.evidence.models import PENDING, REJECTED, VERIFIED


def file_counts(files) -> dict[str, Counter]:
    """Question id → Counter of verification statuses, from (question, status) pairs."""
    counts: dict[str, Counter] = {}
    for question, status in files:
        counts.setdefault(question, Counter())[status] += 1
    return counts


def _percent(part: Fraction, whole: Fraction) -> float:
    if whole <= 0:
        return 0.0
    value = 100 * part / whole
    return (2 * value.numerator * 10 + value.denominator) // (2 * value.denominator) / 10


def _points(value: Fraction) -> float:
    return (2 * value.numerator * 10 + value.denominator) // (2 * value.denominator) / 10


def verified_share(result: dict, files) -> dict:
    """The verified share overall, per dimension and per recommendation of a scored result.

    files: (question id, verification status) of every file of the revision scored.
    """
    counts = file_counts(files)
    backed = {q for q, c in counts.items() if c[VERIFIED]}
    totals: dict[str, Fraction] = {}
    verified: dict[str, Fraction] = {}
    for row in result.get("trace") or ():
        if not row.get("applicable"):
            continue
        points = Fraction(str(row["contribution"]))
        key = row["dimension"]
        totals[key] = totals.get(key, Fraction(0)) + points
        if row["question"] in backed:
            verified[key] = verified.get(key, Fraction(0)) + points
    dimensions = []
    for d in result.get("dimensions") or ():
        key, total = d["key"], totals.get(d["key"], Fraction(0))
        share = _percent(verified.get(key, Fraction(0)), total)
        score = d.get("score")
        dimensions.append(
            {
                "key": key,
                "score": score,
                "verified_share": share if score is not None else None,
                # The part of the dimension's score the verified questions earned.
                "verified_points": _points(Fraction(str(score)) * Fraction(str(share)) / 100)
                if score is not None
                else None,
            }
        )
    total = sum(totals.values(), Fraction(0))
    share = _percent(sum(verified.values(), Fraction(0)), total)
    return {
        "overall": {
            "score": result.get("overall"),
            "verified_share": share,
            "verified_points": _points(
                Fraction(str(result.get("overall") or 0)) * Fraction(str(share)) / 100
            ),
        },
        "dimensions": dimensions,
        "questions": {q: _statuses(c) for q, c in sorted(counts.items())},
        "recommendations": [
            {
                "question": r["question"],
                "verified": r["question"] in backed,
                "files": _statuses(counts.get(r["question"], Counter())),
            }
            for r in result.get("recommendations") or ()
        ],
    }


def _statuses(counter: Counter) -> dict[str, int]:
    return {status: counter[status] for status in (VERIFIED, REJECTED, PENDING)}
