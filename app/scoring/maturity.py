"""Maturity levels 1–5 under each scoring model (docs/maturity.md says why they are what they are).

A result records the model that gave it, and a model never changes once results carry it: a new
way of levelling is a new model number, so a frozen result can always be explained and redone.
"""

from app.messages.scoring import LEVEL_5_GATE, LEVEL_TEXTS

CURRENT_MODEL = 2
MODELS = (1, 2)
# A red flag caps the overall score; it also caps the level, since an enterprise with an
# unrectified spot-check failure or a serious-violation listing is reacting, not improving.
CAPPED_MAX_LEVEL = 2

# Model 1: lower bounds of the overall score for levels 2..5 (a weighted mean cut in fifths).
MODEL_1_THRESHOLDS = (20, 40, 60, 80)

# Model 2: lower bounds for levels 2..4, anchored to the 0–4 answer scale (0, 25, 50, 75, 100):
# 25 = "informal" on average; 62.5 = more than half deployed with evidence (all "documented"
# stays at 50, level 2); 85 = deployed everywhere and measured improvement on a good share
# (all "deployed" stays at 75, level 3).
ANCHORS = (25, 62.5, 85)
# Level 5 is a gate, not a band: level 4 reached, every applicable result or comparison question
# at its top answer, every scored dimension at least this, no red flag. 85 (the level-4 anchor)
# rather than 75: the +1 rule already asks every dimension to be at level 4 for an overall 5.
GATE_DIMENSION_MIN = ANCHORS[-1]
GATED_KINDS = ("result", "comparison")


def band_level(value: float) -> int:
    """Model 2's level (1–4) for a score (as displayed) of a dimension or of the whole."""
    return 1 + sum(value >= a for a in ANCHORS)


def maturity_v1(overall: float, capped: bool) -> dict:
    """Model 1: the level for a (displayed) overall score: {level, label, description}."""
    level = 1 + sum(overall >= t for t in MODEL_1_THRESHOLDS)
    if capped:
        level = min(level, CAPPED_MAX_LEVEL)
    return {"level": level, **LEVEL_TEXTS[1][level]}


def maturity_v2(
    overall: float,
    capped: bool,
    dimensions: list,
    gated: list,
    *,
    flagged_elsewhere: bool = False,
) -> dict:
    """Model 2: {level, label, description, limited_by} for displayed scores.

    dimensions: the scores (as displayed) of the dimensions that have one; gated: for each
    applicable result or comparison question, whether it is at its top answer;
    flagged_elsewhere: a red flag stands in the enterprise's current filing of another
    questionnaire (it caps that one; here it only keeps the benchmark level out of reach).
    limited_by names what held the level below where the overall score alone would put it (or
    kept it from 5): weakest_dimension, red_flag, no_results, results_not_at_top,
    dimension_below_gate, red_flag_elsewhere.
    """
    level = band_level(overall)
    limited_by = []
    if dimensions and level > band_level(min(dimensions)) + 1:
        level = band_level(min(dimensions)) + 1
        limited_by.append("weakest_dimension")
    if capped:
        # Named even when the capped score alone gives level 2: the cap is what holds it there.
        level = min(level, CAPPED_MAX_LEVEL)
        limited_by.append("red_flag")
    if level == 4 and not capped:
        if not gated:
            limited_by.append("no_results")
        elif not all(gated):
            limited_by.append("results_not_at_top")
        if any(d < GATE_DIMENSION_MIN for d in dimensions):
            limited_by.append("dimension_below_gate")
        if flagged_elsewhere:
            limited_by.append("red_flag_elsewhere")
        if not limited_by:
            level = 5
    return {"level": level, **LEVEL_TEXTS[2][level], "limited_by": limited_by}


def dimension_level(model: int, score: float | None) -> int | None:
    """A dimension's level (1–4) under the model; None without a score or under model 1."""
    return band_level(score) if model >= 2 and score is not None else None


def scale(model: int) -> list[dict]:
    """The levels of a model as a report draws them: {level, label, range: {zh, en}}."""
    if model == 1:
        bounds = (0, *MODEL_1_THRESHOLDS, 100)
        ranges = {n: f"{bounds[n - 1]}–{bounds[n]}" for n in range(1, 6)}
        ranges = {n: {"zh": r, "en": r} for n, r in ranges.items()}
    else:
        lows = (0, *ANCHORS)
        ranges = {n: {"zh": f"≥{lows[n - 1]:g}", "en": f"≥{lows[n - 1]:g}"} for n in (1, 2, 3, 4)}
        ranges[1] = {"zh": f"<{ANCHORS[0]:g}", "en": f"<{ANCHORS[0]:g}"}
        ranges[5] = LEVEL_5_GATE
    return [
        {"level": n, "label": LEVEL_TEXTS[model][n]["label"], "range": ranges[n]}
        for n in range(1, 6)
    ]


# The current model's texts, for readers that name levels without a result at hand (aggregates).
LEVELS = LEVEL_TEXTS[CURRENT_MODEL]
