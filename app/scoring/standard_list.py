"""Scoring a standard_list answer: the share of declared standards with no disclosure gap."""

from fractions import Fraction

from app.questionnaires.question_types import GAPS


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


def standard_list_score(question: dict, entries: list[dict]) -> tuple[Fraction, Fraction, list]:
    """(points, fraction, [(gap, recommendation)]): points × share of entries without a gap."""
    recs = question["recommendations"]
    if not entries:
        return Fraction(0), Fraction(0), [("empty", recs["empty"])] if recs else []
    per_entry = [entry_gaps(e) for e in entries]
    clean = sum(1 for gaps in per_entry if not gaps)
    fraction = Fraction(clean, len(entries))
    seen = {gap for gaps in per_entry for gap in gaps}
    advice = [(gap, recs[gap]) for gap in GAPS if gap in seen and gap in recs]
    return Fraction(question["points"]) * fraction, fraction, advice
