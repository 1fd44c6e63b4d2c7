"""Next year's draft starts from the enterprise's last submitted answers, when it asks to."""

import json

from sqlalchemy import select, update

from app.assessments.models import AssessmentEvent, Submission
from app.db import db
from tests.fixtures.answering import complete_answers

Q = "quality"


def create(actor, **body):
    return actor.client.post(
        "/api/v1/assessments", json={"questionnaire": Q, **body}, headers=actor.headers
    )


def submitted(actor, definition) -> tuple[dict, dict]:
    """A submitted revision of the quality questionnaire, and the answers it holds."""
    answers = complete_answers(definition(Q), actor.facts, "middle")
    assessment = actor.fill(Q, answers)
    return actor.submit(assessment), answers


def test_a_new_draft_from_last_carries_every_answer_still_asked(enterprise, definition):
    first, answers = submitted(enterprise, definition)

    response = create(enterprise, start_from="last")

    assert response.status_code == 201, response.get_json()
    draft = response.get_json()
    assert draft["id"] != first["id"] and draft["status"] == "draft" and draft["revision"] == 0
    assert draft["answers"] == answers
    assert draft["missing"] == []
    events = db.session.scalars(
        select(AssessmentEvent).where(AssessmentEvent.assessment_id == draft["id"])
    ).all()
    assert [e.action for e in events] == ["create", "save"]
    assert events[1].data["carried_from"] == {"assessment_id": first["id"], "revision": 1}


def test_a_new_draft_starts_blank_unless_asked(enterprise, definition):
    submitted(enterprise, definition)
    draft = create(enterprise).get_json()
    assert draft["answers"] == {} and draft["progress"]["answered"] == 0


def test_answers_the_version_no_longer_accepts_are_left_behind(enterprise, definition):
    first, answers = submitted(enterprise, definition)
    text = json.dumps(definition(Q))
    by_id = {q["id"]: q for s in definition(Q)["sections"] for q in s["questions"]}
    # A single-choice question no condition refers to (its id appears once: its own), so that
    # leaving its answer behind hides nothing else.
    choice = next(q for q in answers if by_id[q]["type"] == "single" and text.count(f'"{q}"') == 1)
    # As if an earlier version had asked a question since removed, and offered an option since
    # dropped from this one.
    stale = {**answers, "retired_question": "yes", choice: "an_option_since_removed"}
    db.session.execute(
        update(Submission).where(Submission.assessment_id == first["id"]).values(answers=stale)
    )
    db.session.commit()

    draft = create(enterprise, start_from="last").get_json()

    assert "retired_question" not in draft["answers"]
    assert choice not in draft["answers"]
    assert choice in draft["missing"]
    assert {q: v for q, v in answers.items() if q != choice}.items() <= draft["answers"].items()


def test_another_enterprise_s_answers_are_never_carried(make_enterprise, enterprise, definition):
    submitted(enterprise, definition)
    stranger = make_enterprise()
    draft = create(stranger, start_from="last").get_json()
    assert draft["answers"] == {}


def test_an_open_draft_is_returned_as_it_is(enterprise, definition):
    submitted(enterprise, definition)
    open_draft = create(enterprise).get_json()
    again = create(enterprise, start_from="last")
    assert again.status_code == 200
    assert again.get_json()["id"] == open_draft["id"] and again.get_json()["answers"] == {}


def test_with_nothing_submitted_last_gives_a_blank_draft(enterprise):
    response = create(enterprise, start_from="last")
    assert response.status_code == 201
    assert response.get_json()["answers"] == {}


def test_an_unknown_start_is_422_naming_the_field(enterprise):
    response = create(enterprise, start_from="yesterday")
    assert response.status_code == 422
    assert "start_from" in response.get_json()["errors"]
