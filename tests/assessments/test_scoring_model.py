"""Through the API: a submission is levelled by the current scoring model and keeps it."""

from sqlalchemy import select

from app.assessments.models import Assessment, Submission
from app.db import db
from app.questionnaires.definition import questions
from app.scoring import score
from tests.fixtures.answering import complete_answers
from tests.scoring.ladders import rung_answer


def middle_rung(definition: dict, facts: dict) -> dict:
    """A complete set of answers with every scored question on "documented" (2 of 4)."""
    answers = complete_answers(definition, facts)
    for _, q in questions(definition):
        if q["weight"] > 0 and q["id"] in answers:
            answers[q["id"]] = rung_answer(q, 2)
    return answers


def test_submit_levels_by_model_2_with_a_level_per_dimension(client, enterprise, definition):
    answers = middle_rung(definition("quality"), enterprise.facts)
    body = enterprise.submit(enterprise.fill("quality", answers))
    assert body["result"]["scoring_model"] == 2
    url = f"/api/v1/assessments/{body['id']}/result"
    result = client.get(url, headers={**enterprise.headers, "Accept-Language": "zh"}).get_json()
    assert result["scoring_model"] == 2
    assert result["overall"] == 50.0
    assert result["maturity"]["level"] == 2
    assert result["maturity"]["label"] == "基础"
    assert result["maturity"]["limited_by"] == []
    assert [d["level"] for d in result["dimensions"]] == [2] * len(result["dimensions"])
    english = client.get(url, headers={**enterprise.headers, "Accept-Language": "en"}).get_json()
    assert english["maturity"]["label"] == "Foundation"


def test_a_model_1_result_reads_back_as_it_was_given(client, enterprise, definition, app):
    quality = definition("quality")
    answers = middle_rung(quality, enterprise.facts)
    body = enterprise.submit(enterprise.fill("quality", answers))
    # As a submission frozen before model 2 was stored: model 1's result, no model recorded in it
    # (the migration gives such rows scoring_model 1 by its server default).
    old = score(quality, answers, enterprise.facts, model=1)
    del old["scoring_model"]
    for d in old["dimensions"]:
        del d["level"]
    with app.app_context():
        submission = db.session.scalars(
            select(Submission).where(Submission.assessment_id == body["id"])
        ).one()
        submission.result, submission.scoring_model = old, 1
        submission.maturity_level = old["maturity"]["level"]
        db.session.get(Assessment, body["id"]).maturity_level = old["maturity"]["level"]
        db.session.commit()
    url = f"/api/v1/assessments/{body['id']}/result"
    result = client.get(url, headers={**enterprise.headers, "Accept-Language": "zh"}).get_json()
    # Read back, it is not levelled again: model 1's level 3 stays, under its own name.
    assert result["scoring_model"] == 1
    assert result["overall"] == 50.0
    assert result["maturity"]["level"] == 3
    assert result["maturity"]["label"] == "体系稳定级"
    assert "level" not in result["dimensions"][0]
    listed = client.get(f"/api/v1/assessments/{body['id']}", headers=enterprise.headers)
    assert listed.get_json()["maturity_level"] == 3
