"""The questionnaire format's `evidence` on a question: what the loader accepts and refuses."""

import pytest

from app.questionnaires.definition import canonical_json, question_map
from app.questionnaires.loader import QuestionnaireError, load_text

REC = "{text: {zh: 建立体系。}, clause: [一（四）], departments: [省质监局]}"


def fixture(evidence: str = "") -> str:
    """A one-question questionnaire: a certificate question, with `evidence` as given."""
    return f"""
version: 1
key: certs
title: {{zh: 认证}}
description: {{zh: 认证情况。}}
estimated_minutes: 1
rationale: {{zh: 示例。}}
dimensions:
  - {{key: system, title: {{zh: 体系}}, weight: 100}}
sections:
  - key: main
    title: {{zh: 体系认证}}
    questions:
      - id: qms
        type: single
        text: {{zh: 是否通过质量管理体系认证？}}
        required: true
        weight: 1
        dimension: system
        clause: [一（四）]
        {evidence}
        options:
          - {{id: "no", text: {{zh: 否}}, points: 0, recommendation: {REC}}}
          - {{id: "yes", text: {{zh: 是}}, points: 2}}
"""


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(QuestionnaireError) as caught:
        load_text(text, "certs.yaml")
    return [(p.field, p.message) for p in caught.value.problems]


def test_a_declaration_is_loaded_with_its_localised_hint():
    hint = "{zh: 认证证书扫描件或照片, en: The certificate}"
    loaded = load_text(fixture(f"evidence: {{expected: true, hint: {hint}}}"), "certs.yaml")
    assert question_map(loaded)["qms"]["evidence"] == {
        "expected": True,
        "hint": {"zh": "认证证书扫描件或照片", "en": "The certificate"},
    }


def test_a_plain_string_hint_is_chinese_and_the_hint_is_optional():
    loaded = load_text(fixture("evidence: {expected: false, hint: 证书}"), "certs.yaml")
    assert question_map(loaded)["qms"]["evidence"] == {"expected": False, "hint": {"zh": "证书"}}
    bare = load_text(fixture("evidence: {expected: true}"), "certs.yaml")
    assert question_map(bare)["qms"]["evidence"] == {"expected": True, "hint": None}


def test_a_question_without_a_declaration_gets_no_evidence_field():
    # Not even null: the canonical form (and so the content hash) of every questionnaire
    # written before the field existed stays what it was, so nothing is republished.
    loaded = load_text(fixture(), "certs.yaml")
    assert "evidence" not in canonical_json(loaded)


@pytest.mark.parametrize(
    ("evidence", "field", "message"),
    [
        ("evidence: true", "evidence", "must be a mapping"),
        ("evidence: {hint: 证书}", "evidence.expected", "missing"),
        ("evidence: {expected: 'yes'}", "evidence.expected", "must be true or false"),
        ("evidence: {expected: true, hint: '  '}", "evidence.hint.zh", "must be non-empty text"),
        ("evidence: {expected: true, types: [pdf]}", "evidence.types", "unknown field"),
    ],
)
def test_a_broken_declaration_is_named(evidence, field, message):
    found = problems(fixture(evidence))
    assert any(f == field and message in m for f, m in found), found
