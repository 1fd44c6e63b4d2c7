"""Scoring a standard_list answer: clean declared standards over the listed (or main products)."""

from fractions import Fraction

from app.questionnaires.question_types import COVERAGE_GAP, GAPS


def entry_gaps(entry: dict) -> list[str]:
    """The disclosure gaps of one (valid) entry, in the order of GAPS."""
    gaps = []
    if not entry.get("disclosed"):
        gaps.append("not_disclosed")
    # 标准化法: an enterprise applying its own Q/ standard discloses its indicators;
    # 企业标准化促进办法 第十二条: and states its test methods.
    if entry["code"].strip().startswith("Q/"):
        if not entry.get("indicators_disclosed"):
            gaps.append("indicators")
        if not entry.get("test_methods_disclosed"):
            gaps.append("test_methods")
    # 第十四条: indicators fewer or lower than a recommended standard must be declared as such.
    if entry.get("below_recommended") and not entry.get("below_recommended_declared"):
        gaps.append("below_recommended")
    return gaps


def standard_list_score(
    question: dict, entries: list[dict], count=None
) -> tuple[Fraction, Fraction, list]:
    """(points, fraction, [(gap, recommendation)]): points × clean entries ÷ max(listed, count).

    `count` is the answer to the question's coverage_of (the number of main products), if any:
    measured against it, leaving an undeclared standard off the list no longer raises the score.
    """
    recs = question["recommendations"]
    covered = isinstance(count, int) and not isinstance(count, bool) and count > 0
    if not entries:
        return Fraction(0), Fraction(0), [("empty", recs["empty"])] if recs else []
    per_entry = [entry_gaps(e) for e in entries]
    clean = sum(1 for gaps in per_entry if not gaps)
    fraction = Fraction(clean, max(len(entries), count if covered else 0))
    seen = {gap for gaps in per_entry for gap in gaps}
    if covered and len(entries) < count:
        seen.add(COVERAGE_GAP)
    advice = [(gap, recs[gap]) for gap in (*GAPS, COVERAGE_GAP) if gap in seen and gap in recs]
    return Fraction(question["points"]) * fraction, fraction, advice
