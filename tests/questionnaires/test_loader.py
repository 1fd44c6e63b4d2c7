"""The questionnaire loader: the format doc's example, every broken fixture, the normalised form."""

import json
import re
from pathlib import Path

import pytest

from app.questionnaires.loader import (
    QUESTIONNAIRES,
    Problem,
    QuestionnaireError,
    canonical_json,
    check_files,
    content_hash,
    load_file,
    load_text,
    main,
    questions,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = FIXTURES / "broken"

# Fixture name → every problem it must produce, as (question id, field, message), in order.
EXPECTED = {
    "bad_slug": [("CQO", "id", "must match [a-z][a-z0-9_]*, got 'CQO'")],
    "band_missing_recommendation": [
        ("projects", "bands[0].recommendation", "missing: the band scores 0, below the maximum 4")
    ],
    "bands_gap": [("projects", "bands[1].min", "leaves a gap after bands[0]: should be 3")],
    "bands_outside_range": [
        (
            "projects",
            "bands[1].max",
            "must be the question's max (100) so that the bands cover [min, max]",
        )
    ],
    "bands_overlap": [("projects", "bands[1].min", "overlaps bands[0] (which ends at 2)")],
    "clause_not_in_plan": [("cqo", "clause[0]", "五（三） is not a clause of the plan")],
    "condition_bad_industry": [
        ("routine", "condition.industry[1]", "'C52' is not one of the GB/T 4754 codes like C17")
    ],
    "condition_later_question": [
        ("cqo", "condition.answer", "refers to notes, which does not come before this question")
    ],
    "condition_unknown_form": [
        (
            "routine",
            "condition",
            "unknown condition ['answer', 'equals']; expected one of "
            "{answer, in|contains_any|gte|lte|answered}, "
            "{profile, in|contains_any|gte|lte|answered}, "
            "{industry}, {size}, {all}, {any} or {not}",
        )
    ],
    "condition_unknown_option": [
        (
            "routine",
            "condition.any[0].in[1]",
            "'trained' is not one of the option ids of cqo (appointed, none)",
        )
    ],
    "condition_unknown_question": [
        ("routine", "condition.answer", "refers to unknown question 'cq0'")
    ],
    "condition_wrong_operator": [
        ("routine", "condition.contains_any", "needs a multiple question, but cqo is single")
    ],
    "department_not_for_clause": [
        (
            "cqo",
            "options[none].recommendation.departments[0]",
            "省商务厅 is not named as responsible for 四（三） in the plan",
        )
    ],
    "dimension_unused": [
        ("-", "dimensions[methods]", "no scored question (weight > 0) belongs to this dimension")
    ],
    "duplicate_option_id": [("cqo", "options[none].id", "duplicate option id none")],
    "duplicate_question_id": [("cqo", "id", "duplicate question id cqo")],
    "duplicate_yaml_key": [("-", "yaml", "duplicate key 'weight' (line 19, column 9)")],
    "lowest_not_zero": [
        ("cqo", "options", "the lowest option must score 0 (the scale starts at zero)")
    ],
    "malformed_clause": [
        ("cqo", "clause[0]", "'四(三)' is not a clause id like 一（四） (full-width brackets)")
    ],
    "max_points_unreachable": [
        ("activities", "max_points", "3 cannot be reached by the options (at most 2)")
    ],
    "missing_clause": [("cqo", "clause", "missing")],
    "missing_field": [("-", "rationale", "missing")],
    "missing_recommendation": [
        (
            "cqo",
            "options[appointed].recommendation",
            "missing: the option scores 2, below the maximum 4",
        )
    ],
    "multiple_without_max_points": [("activities", "max_points", "missing")],
    "not_applicable_on_multiple": [
        (
            "activities",
            "options[na].not_applicable",
            "unknown field; expected one of: id, text, points, exclusive, red_flag, recommendation",
        )
    ],
    "not_applicable_with_points": [
        (
            "cqo",
            "options[na]",
            "a not-applicable option must have points 0, no recommendation and no red flag",
        )
    ],
    "option_without_points": [("cqo", "options[appointed].points", "missing")],
    "recommendation_on_best": [
        (
            "cqo",
            "options[appointed].recommendation",
            "never shown: the option already scores the maximum",
        )
    ],
    "red_flag_with_points": [
        ("cqo", "options[revoked].points", "an option with a red flag must score 0")
    ],
    "scored_without_dimension": [
        ("cqo", "dimension", "missing: a scored question (weight > 0) needs a dimension")
    ],
    "several_problems": [
        ("cqo", "clause[0]", "'四(三)' is not a clause id like 一（四） (full-width brackets)"),
        ("cqo", "dimension", "unknown dimension 'leadrship'; expected one of leadership"),
        (
            "cqo",
            "options[none].recommendation.departments[0]",
            "unknown department '省质检局': write it as the plan prints it; did you mean 省质监局?",
        ),
    ],
    "standard_list_missing_gap": [("standards", "recommendations.test_methods", "missing")],
    "text_with_weight": [
        ("notes", "weight", "a text question is not scored: its weight must be 0")
    ],
    "top_level_typo": [
        (
            "-",
            "red_flag_caps",
            "unknown field; expected one of: version, key, title, description, "
            "estimated_minutes, rationale, dimensions, sections, red_flag_cap",
        )
    ],
    "unknown_department": [
        (
            "cqo",
            "options[none].recommendation.departments[0]",
            "unknown department '省质检局': write it as the plan prints it; did you mean 省质监局?",
        )
    ],
    "unknown_dimension": [
        ("cqo", "dimension", "unknown dimension 'leadrship'; expected one of leadership")
    ],
    "unknown_field": [
        (
            "cqo",
            "options[none].recomendation",
            "unknown field; expected one of: "
            "id, text, points, not_applicable, red_flag, recommendation",
        ),
        (
            "cqo",
            "options[none].recommendation",
            "missing: the option scores 0, below the maximum 4",
        ),
    ],
    "unknown_type": [
        (
            "cqo",
            "type",
            "unknown type 'singel'; expected one of single, multiple, number, text, standard_list",
        )
    ],
    "unknown_version": [("-", "version", "unknown format version 2; this loader reads 1")],
    "unquoted_no": [
        ("cqo", "options[0].id", "must be a string matching [a-z][a-z0-9_]*, got False: quote it")
    ],
    "weights_not_100": [("-", "dimensions", "weights must add up to 100, got 90")],
    "yaml_syntax": [
        ("-", "yaml", "expected ',' or '}', but got '<stream end>' (line 30, column 1)")
    ],
}


def format_example() -> str:
    """The complete example in docs/questionnaire-format.md."""
    text = (ROOT / "docs" / "questionnaire-format.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if b.startswith("version:")]
    assert len(blocks) == 1, "the format doc should hold exactly one complete example"
    return blocks[0]


def test_format_doc_example_loads_cleanly():
    definition = load_text(format_example(), "docs/questionnaire-format.md")
    assert definition["key"] == "example"
    assert [q["id"] for _, q in questions(definition)] == ["sales_channels", "cqo", "online_id"]


def test_every_broken_fixture_has_its_expected_problems():
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_fixture_reports_precise_problems(name):
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(QuestionnaireError) as caught:
        load_file(path)
    problems = caught.value.problems
    assert all(p.file == str(path) for p in problems)
    assert [(p.question_id, p.field, p.message) for p in problems] == EXPECTED[name]


def test_minimal_fixture_is_valid():
    assert load_file(FIXTURES / "minimal.yaml")["key"] == "broken"


def test_problem_renders_as_file_question_field_message():
    problem = Problem("q.yaml", "cqo", "options[none].points", "missing")
    assert str(problem) == "q.yaml: cqo: options[none].points: missing"
    assert str(QuestionnaireError([problem, problem])) == f"{problem}\n{problem}"


def test_all_problems_of_a_file_are_collected():
    assert len(EXPECTED["several_problems"]) == 3


def test_normalised_definition_fills_defaults_and_expands_departments():
    definition = load_text(format_example(), "example")
    assert definition["format"] == 1
    assert definition["red_flag_cap"] == 40
    assert definition["description"] == {"zh": "用于说明格式的最小问卷。"}
    by_id = {q["id"]: q for _, q in questions(definition)}
    cqo = by_id["cqo"]
    assert cqo["max_points"] == 4
    assert cqo["help"] is None and cqo["condition"] is None
    assert cqo["options"][0]["recommendation"]["departments"] == [
        {"dept_2016": "省质监局", "dept_current": "河北省市场监督管理局"}
    ]
    assert cqo["options"][1] == {
        "id": "appointed",
        "text": {"zh": "已设立并经培训"},
        "points": 4,
        "exclusive": False,
        "not_applicable": False,
        "red_flag": None,
        "recommendation": None,
    }
    assert by_id["sales_channels"]["max_points"] == 0
    assert by_id["online_id"]["condition"] == {
        "answer": "sales_channels",
        "contains_any": ["online"],
    }


def test_text_question_gets_default_max_length(tmp_path):
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8") + (
        "      - {id: notes, type: text, text: 说明, required: false, weight: 0,"
        " clause: [四（三）]}\n"
    )
    definition = load_text(text, "notes.yaml")
    notes = list(questions(definition))[-1][1]
    assert notes["max_length"] == 2000
    assert notes["text"] == {"zh": "说明"}
    assert "max_points" not in notes


def test_definition_is_plain_json():
    definition = load_file(FIXTURES / "minimal.yaml")
    assert json.loads(json.dumps(definition)) == definition


def test_canonical_json_is_sorted_and_compact():
    text = canonical_json({"b": 1, "a": {"d": [1, 2], "c": "质量"}})
    assert text == '{"a":{"c":"质量","d":[1,2]},"b":1}'


def test_content_hash_ignores_layout_but_not_content():
    original = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    relaid = "# a comment changes nothing\n" + original.replace("points: 4}", "points: 4.0}")
    reworded = original.replace("已设立}", "已正式设立}")
    digest = content_hash(load_text(original, "a"))
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert content_hash(load_text(relaid, "b")) == digest
    assert content_hash(load_text(reworded, "c")) != digest


def test_check_files_reports_a_key_used_twice(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_text((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert check_files([first, second]) == [
        Problem(str(second), "-", "key", f"broken is also the key of {first}")
    ]


def test_unreadable_file_is_a_problem(tmp_path):
    missing = tmp_path / "nope.yaml"
    problems = check_files([missing])
    assert [(p.question_id, p.field) for p in problems] == [("-", "file")]


def test_cli_prints_ok_per_file(capsys):
    assert main([str(FIXTURES / "minimal.yaml")]) == 0
    assert capsys.readouterr().out == "ok: broken (1 questions)\n"


def test_cli_prints_problems_and_fails(capsys):
    path = BROKEN / "unknown_dimension.yaml"
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert (
        out
        == f"{path}: cqo: dimension: unknown dimension 'leadrship'; expected one of leadership\n"
    )


@pytest.mark.parametrize("path", sorted(QUESTIONNAIRES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_questionnaire_file_is_valid(path):
    # The content files are reviewed like code: one that does not load must not land.
    load_file(path)


def _with_kind(kind: str, weight: int = 1) -> str:
    """The minimal fixture with its one question marked `kind` (and given `weight`)."""
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    return text.replace(
        "        weight: 1\n", f"        kind: {kind}\n        weight: {weight}\n", 1
    )


def test_kind_defaults_to_practice_and_keeps_result_and_comparison():
    assert load_file(FIXTURES / "minimal.yaml")["sections"][0]["questions"][0]["kind"] == "practice"
    for kind in ("result", "comparison", "practice"):
        definition = load_text(_with_kind(kind), "kind.yaml")
        assert definition["sections"][0]["questions"][0]["kind"] == kind


def test_kind_must_be_known_and_only_gates_scored_questions():
    with pytest.raises(QuestionnaireError) as caught:
        load_text(_with_kind("outcome"), "kind.yaml")
    assert [(p.question_id, p.field) for p in caught.value.problems] == [("cqo", "kind")]
    assert "expected one of practice, result, comparison" in caught.value.problems[0].message
    # A weight-0 question cannot gate level 5 (nor carry recommendations, hence the second one).
    with pytest.raises(QuestionnaireError) as caught:
        load_text(_with_kind("result", weight=0), "kind.yaml")
    assert ("cqo", "kind", "a result question must be scored: its weight is 0") in [
        (p.question_id, p.field, p.message) for p in caught.value.problems
    ]


def test_questionnaires_mark_their_result_and_comparison_questions():
    marked = {
        path.stem: sorted(q["id"] for _, q in questions(load_file(path)) if q["kind"] != "practice")
        for path in sorted((ROOT / "questionnaires").glob("*.yaml"))
    }
    assert marked == {
        "brand": [
            "brand_reach_trend",
            "brand_sales_trend",
            "customer_reach_trend",
            "customer_recognition",
            "export_image",
            "ip_record",
            "reputation_trend",
        ],
        "quality": [
            "accidents",
            "after_sales",
            "credit_record",
            "field_failure_trend",
            "quality_kpi_trend",
            "service_quality_trend",
            "spot_check",
        ],
        "standards": ["conformity_result", "energy_result", "low_voc_coatings"],
    }
