"""Properties of the scorer over every questionnaire that loads, for generated answers and facts."""

from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.profiles.definition import load_profile_definition
from app.questionnaires.conditions import SIZES, visible_answers, visible_questions
from app.questionnaires.definition import questions
from app.questionnaires.loader import QUESTIONNAIRES, QuestionnaireError, load_file
from app.scoring import score
from app.scoring.maturity import GATE_DIMENSION_MIN, band_level
from app.scoring.standard_list import entry_gaps

FILES = [
    Path(__file__).parent / "fixtures" / "realistic.yaml",
    *sorted(QUESTIONNAIRES.glob("*.yaml")),
]


def loadable(paths) -> list:
    """The files that load; a broken one is test_loader's business, not these properties'."""
    out = []
    for path in paths:
        try:
            out.append(pytest.param(load_file(path), id=path.stem))
        except QuestionnaireError:
            continue
    return out


DEFINITIONS = loadable(FILES)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INDUSTRIES = ["C1772", "C1451", "C3611", "C2641", "F5211", "E4710", "A0111", "I6510", "C"]
CODES = ["GB/T 19001-2016", "GB 4806.7-2016", "FZ/T 62006-2020", "DB13/T 1234-2020"]
CODES += ["T/CAS 290-2017", "Q/SJZ 001-2024", "Q/SJZ 002-2024"]
CLEAN = {"code": "GB/T 22864-2009", "name": "毛巾", "disclosed": True}
NO_GAP = {"disclosed": True, "indicators_disclosed": True, "test_methods_disclosed": True}
NO_GAP |= {"below_recommended": False, "below_recommended_declared": False}


def _profile_value(field: dict):
    """Any answer to a profile field that states no red line."""
    if field["type"] == "number":
        return st.integers(field.get("min", 0), 5000)
    plain = [o["id"] for o in field["options"] if not o.get("red_flag")]
    if field["type"] == "single":
        return st.sampled_from(plain)
    return st.lists(st.sampled_from(plain), min_size=1, unique=True)


# Any part of a profile (a field left out is unknown to the conditions), no red line in it.
profile_strategy = st.fixed_dictionaries(
    {}, optional={f["id"]: _profile_value(f) for f in load_profile_definition()["fields"]}
)
facts_strategy = st.fixed_dictionaries(
    {},
    optional={
        "industry": st.sampled_from(INDUSTRIES),
        "size": st.sampled_from(SIZES),
        "profile": profile_strategy,
    },
)


def entry_strategy(code: str):
    flags = ["disclosed", "indicators_disclosed", "test_methods_disclosed"]
    flags += ["below_recommended", "below_recommended_declared"]
    return st.fixed_dictionaries(
        {"code": st.just(code), "name": st.just("标准")} | {f: st.booleans() for f in flags}
    )


def value_strategy(q: dict):
    """Any valid answer to q."""
    if q["type"] == "single":
        return st.sampled_from([o["id"] for o in q["options"]])
    if q["type"] == "multiple":
        plain = [o["id"] for o in q["options"] if not o["exclusive"]]
        alone = [[o["id"]] for o in q["options"] if o["exclusive"]]
        subsets = st.lists(st.sampled_from(plain), unique=True) if plain else st.just([])
        return st.one_of(subsets, *[st.just(a) for a in alone])
    if q["type"] == "number":
        return st.one_of(*[_in_band(q, band) for band in q["bands"]])
    if q["type"] == "text":
        return st.text(max_size=20)
    return st.lists(st.sampled_from(CODES), unique=True, max_size=4).flatmap(
        lambda codes: st.tuples(*[entry_strategy(c) for c in codes]).map(list)
    )


def _in_band(q: dict, band: dict):
    top = band["max"] if band["max"] is not None else band["min"] + 10_000
    if q["integer"]:
        return st.integers(band["min"], top)
    return st.one_of(st.sampled_from([band["min"], top]), st.floats(band["min"], top))


@st.composite
def answers_strategy(draw, definition: dict) -> dict:
    """Answers to some of the questions (hidden ones included: the scorer must ignore them)."""
    answers = {}
    for _, q in questions(definition):
        if draw(st.integers(0, 4)):  # about one in five left unanswered
            answers[q["id"]] = draw(value_strategy(q))
    return answers


def best_value(q: dict):
    """An answer scoring q's maximum, with no red flag; None where nothing scores."""
    if q["type"] == "single":
        usable = [o for o in q["options"] if not o["not_applicable"] and not o["red_flag"]]
        return max(usable, key=lambda o: o["points"])["id"]
    if q["type"] == "multiple":
        plain = [o for o in q["options"] if not o["exclusive"] and not o["red_flag"]]
        alone = [o for o in q["options"] if o["exclusive"] and not o["red_flag"]]
        best_alone = max(alone, key=lambda o: o["points"], default=None)
        if best_alone and best_alone["points"] >= sum(o["points"] for o in plain):
            return [best_alone["id"]]
        return [o["id"] for o in plain]
    if q["type"] == "number":
        return _inside(max(q["bands"], key=lambda b: b["points"]))
    if q["type"] == "standard_list":
        return [CLEAN]
    return None


def _inside(band: dict):
    """A value in this band and no earlier one (a shared real end point goes to the earlier)."""
    return band["max"] if band["max"] is not None else band["min"] + 1


def worst_value(q: dict):
    """The lowest-scoring answer to q (red flags allowed)."""
    if q["type"] == "single":
        usable = [o for o in q["options"] if not o["not_applicable"]]
        return min(usable, key=lambda o: o["points"])["id"]
    if q["type"] == "number":
        return _inside(min(q["bands"], key=lambda b: b["points"]))
    return [] if q["type"] in ("multiple", "standard_list") else None


def points(q: dict, value) -> Fraction:
    """Points of a valid answer, capped as the scorer caps them (None → 0)."""
    if value is None:
        return Fraction(0)
    if q["type"] == "single":
        return Fraction(next(o["points"] for o in q["options"] if o["id"] == value))
    if q["type"] == "multiple":
        total = sum(Fraction(o["points"]) for o in q["options"] if o["id"] in value)
        return min(total, Fraction(q["max_points"]))
    if q["type"] == "number":
        band = next(b for b in q["bands"] if b["min"] <= value <= (b["max"] or float("inf")))
        return Fraction(band["points"])
    clean = sum(1 for e in value if not entry_gaps(e))
    return Fraction(clean, len(value)) if value else Fraction(0)


def red_flags(q: dict, value) -> set:
    chosen = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return {o["id"] for o in q.get("options", []) if o["id"] in chosen and o["red_flag"]}


def improvements(q: dict, value) -> list:
    """Answers to q that score more without a new red flag; none from "not applicable"."""
    if q["type"] == "single":
        if value is not None and any(
            o["id"] == value and o["not_applicable"] for o in q["options"]
        ):
            return []
        candidates = [o["id"] for o in q["options"] if not o["not_applicable"]]
    elif q["type"] == "multiple":
        kept = [v for v in (value or []) if not _exclusive(q, v)]
        candidates = [
            [*kept, o["id"]] for o in q["options"] if not o["exclusive"] and o["id"] not in kept
        ]
        candidates += [[o["id"]] for o in q["options"] if o["exclusive"]]
    elif q["type"] == "number":
        candidates = [b["min"] for b in q["bands"]]
    else:
        entries = list(value or [])
        candidates = [[*entries[:i], e | NO_GAP, *entries[i + 1 :]] for i, e in enumerate(entries)]
        if all(e["code"] != CLEAN["code"] for e in entries):
            candidates.append([*entries, CLEAN])
    before, flags = points(q, value), red_flags(q, value)
    return [c for c in candidates if points(q, c) > before and red_flags(q, c) <= flags]


def _exclusive(q: dict, option_id: str) -> bool:
    return any(o["id"] == option_id and o["exclusive"] for o in q["options"])


def scored_shown(definition: dict, answers: dict, facts: dict) -> list[dict]:
    shown = set(visible_questions(definition, answers, facts))
    return [q for _, q in questions(definition) if q["id"] in shown and q["weight"] > 0]


def assert_maturity_rules(definition: dict, result: dict) -> None:
    """Model 2: dimension levels from the anchors, the +1 rule, and the level-5 gate."""
    scored = [d for d in result["dimensions"] if d["score"] is not None]
    assert all(d["level"] == band_level(d["score"]) for d in scored)
    assert all(d["level"] is None for d in result["dimensions"] if d["score"] is None)
    level = result["maturity"]["level"]
    if scored:
        assert level <= min(d["level"] for d in scored) + 1
    if level == 5:
        kinds = {q["id"]: q["kind"] for _, q in questions(definition)}
        gated = [
            t
            for t in result["trace"]
            if t["applicable"] and kinds[t["question"]] in ("result", "comparison")
        ]
        assert gated and all(t["points"] == t["max_points"] for t in gated)
        assert not result["capped"] and result["overall"] >= 85
        assert all(d["score"] >= GATE_DIMENSION_MIN for d in scored)
    else:
        assert level <= band_level(result["overall"])


@pytest.mark.parametrize("definition", DEFINITIONS)
@PROPERTY
@given(data=st.data(), facts=facts_strategy)
def test_scores_stay_in_range_and_agree_with_the_trace(definition, data, facts):
    answers = data.draw(answers_strategy(definition))
    result = score(definition, answers, facts)
    assert 0 <= result["overall"] <= result["overall_uncapped"] <= 100
    assert all(d["score"] is None or 0 <= d["score"] <= 100 for d in result["dimensions"])
    assert 1 <= result["maturity"]["level"] <= 5
    if result["capped"]:
        assert result["overall"] <= definition["red_flag_cap"] and result["maturity"]["level"] <= 2
    assert_maturity_rules(definition, result)
    trace_total = sum(t["contribution"] for t in result["trace"])
    assert trace_total == pytest.approx(
        result["overall_uncapped"], abs=0.05 + 0.0005 * len(result["trace"])
    )
    gains = [r["gain"] for r in result["recommendations"]]
    assert gains == sorted(gains, reverse=True)


@pytest.mark.parametrize("definition", DEFINITIONS)
@PROPERTY
@given(data=st.data(), facts=facts_strategy)
def test_scoring_is_deterministic(definition, data, facts):
    answers = data.draw(answers_strategy(definition))
    shuffled = dict(reversed(list(answers.items())))
    assert score(definition, answers, facts) == score(definition, shuffled, facts)


@pytest.mark.parametrize("definition", DEFINITIONS)
@PROPERTY
@given(facts=facts_strategy)
def test_best_answers_everywhere_score_100_at_level_5(definition, facts):
    answers = {}
    counts = {q["per"]["of"] for _, q in questions(definition) if q.get("per")}
    for _, q in questions(definition):
        if q["weight"] > 0:
            answers[q["id"]] = best_value(q)
        elif q["type"] in ("single", "multiple"):
            answers[q["id"]] = best_value(q)  # profile questions: any answer without a red flag
        elif q["id"] in counts:
            answers[q["id"]] = max(q["min"], 100)  # a headcount, which rates (`per`) divide by
    # The headcount rates (`per`) divide by, where the profile gives it (read first).
    facts = {**facts, "profile": {**facts.get("profile", {}), **dict.fromkeys(counts, 100)}}
    result = score(definition, answers, facts)
    assert result["overall"] == 100.0 and result["maturity"]["level"] == 5
    assert result["recommendations"] == [] and result["red_flags"] == []


@pytest.mark.parametrize("definition", DEFINITIONS)
@PROPERTY
@given(data=st.data(), facts=facts_strategy)
def test_worst_answers_are_level_1(definition, data, facts):
    # Profile questions (weight 0) get any answer: they steer visibility but score nothing.
    answers = data.draw(answers_strategy(definition))
    answers |= {q["id"]: worst_value(q) for _, q in questions(definition) if q["weight"] > 0}
    result = score(definition, answers, facts)
    assert result["overall"] == 0.0 and result["maturity"]["level"] == 1


@pytest.mark.parametrize("definition", DEFINITIONS)
@PROPERTY
@given(data=st.data(), facts=facts_strategy)
def test_improving_one_answer_never_lowers_the_overall(definition, data, facts):
    """Raise one shown scored answer to one that scores more, without a new red flag.

    An improvement is taken among answers that leave the set of shown questions unchanged: a
    better answer can reveal a follow-up question, which applies unanswered and so may lower the
    score, and that is intended (the follow-up is part of the assessment). Leaving or entering
    "not applicable" is not an improvement either: it changes what is measured, not how well.
    """
    answers = visible_answers(definition, data.draw(answers_strategy(definition)), facts)
    candidates = [
        (q, better)
        for q in scored_shown(definition, answers, facts)
        for better in improvements(q, answers.get(q["id"]))
    ]
    assume(candidates)
    q, better = data.draw(st.sampled_from(candidates))
    improved = answers | {q["id"]: better}
    assume(
        visible_questions(definition, improved, facts)
        == visible_questions(definition, answers, facts)
    )
    before, after = score(definition, answers, facts), score(definition, improved, facts)
    assert after["overall_uncapped"] >= before["overall_uncapped"]
    assert after["overall"] >= before["overall"]
    assert after["maturity"]["level"] >= before["maturity"]["level"]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.floats()
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@pytest.mark.parametrize("definition", DEFINITIONS)
@PROPERTY
@given(data=st.data(), facts=st.dictionaries(st.sampled_from(["industry", "size"]), json_values))
def test_any_json_answers_are_scored_without_error(definition, data, facts):
    ids = [q["id"] for _, q in questions(definition)]
    answers = data.draw(st.dictionaries(st.sampled_from(ids) | st.text(max_size=5), json_values))
    result = score(definition, answers, facts)
    assert 0 <= result["overall"] <= 100
