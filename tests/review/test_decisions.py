"""Decisions: approve or return with reasons, only on a submitted revision, one winner at a time."""

import threading

import pytest
from sqlalchemy import select

from app.assessments.models import Submission
from app.db import db
from tests.review.conftest import review


def events(client, actor, assessment_id) -> list[dict]:
    response = client.get(f"/api/v1/assessments/{assessment_id}/events", headers=actor.headers)
    return response.get_json()["items"]


def submission(assessment_id: int, revision: int = 1) -> Submission:
    db.session.expire_all()
    return db.session.scalar(
        select(Submission).where(
            Submission.assessment_id == assessment_id, Submission.revision == revision
        )
    )


def test_approve_is_recorded_on_the_revision_and_in_the_events(client, submitted, regulators):
    company, assessment = submitted("130100")
    regulator = regulators["shijiazhuang"]
    response = review(client, regulator, assessment["id"], decision="approve", comment="资料齐全")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "approved"
    assert body["review"]["decision"] == "approve"
    assert body["review"]["decided_at"]
    assert response.headers["ETag"] == f'"{body["version"]}"'
    row = submission(assessment["id"])
    assert (row.decision, row.decision_comment, row.decided_by) == (
        "approve",
        "资料齐全",
        regulator.user_id,
    )
    last = events(client, company, assessment["id"])[-1]
    assert (last["action"], last["actor"], last["role"], last["revision"]) == (
        "approve",
        regulator.username,
        "regulator",
        1,
    )
    assert last["comment"] == "资料齐全"


def test_approve_is_final_for_the_revision(client, submitted, regulators):
    company, assessment = submitted("130100")
    regulator = regulators["province"]
    review(client, regulator, assessment["id"], decision="approve")
    for decision in ("approve", "return"):
        again = review(client, regulator, assessment["id"], decision=decision, comment="再看看")
        assert again.status_code == 409
        assert again.get_json()["current_status"] == "approved"
        assert again.content_type == "application/problem+json"
    current = client.get(f"/api/v1/assessments/{assessment['id']}", headers=company.headers)
    patch = client.patch(
        f"/api/v1/assessments/{assessment['id']}/answers",
        json={"answers": {"cqo": None}},
        headers={**company.headers, "If-Match": current.headers["ETag"]},
    )
    assert patch.status_code == 409


def test_the_enterprise_sees_the_return_and_its_comments(client, submitted, regulators):
    company, assessment = submitted("130100")
    comments = {"cqo": "请上传任命文件", "qms": "证书已过期"}
    returned = review(
        client,
        regulators["shijiazhuang"],
        assessment["id"],
        decision="return",
        comment="  请补充证据  ",
        question_comments={**comments, "traceability": "   "},
    )
    assert returned.status_code == 200, returned.get_json()
    own = client.get(f"/api/v1/assessments/{assessment['id']}", headers=company.headers)
    body = own.get_json()
    assert body["status"] == "returned"
    assert body["review"]["decision"] == "return"
    assert body["review"]["comment"] == "请补充证据"
    assert body["review"]["question_comments"] == comments
    assert body["review"]["decided_at"]
    row = submission(assessment["id"])
    assert row.decision == "return" and row.question_comments == comments


@pytest.mark.parametrize("comment", [None, "", "   "])
def test_a_return_without_a_comment_is_422(client, submitted, regulators, comment):
    _, assessment = submitted("130100")
    body = {"decision": "return", **({"comment": comment} if comment is not None else {})}
    response = review(client, regulators["province"], assessment["id"], **body)
    assert response.status_code == 422
    assert "comment" in response.get_json()["errors"]
    english = client.post(
        f"/api/v1/assessments/{assessment['id']}/review",
        json=body,
        headers={**regulators["province"].headers, "Accept-Language": "en"},
    )
    assert english.get_json()["errors"]["comment"] == [
        "A returned assessment needs a comment giving the reasons."
    ]


def test_comments_on_questions_not_in_the_questionnaire_are_422(client, submitted, regulators):
    _, assessment = submitted("130100")
    response = review(
        client,
        regulators["province"],
        assessment["id"],
        decision="return",
        comment="见各题",
        question_comments={"cqo": "好", "no_such_question": "?"},
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["question_comments.no_such_question"]
    assert submission(assessment["id"]).decision is None


def test_bad_decision_bodies_are_422(client, submitted, regulators):
    _, assessment = submitted("130100")
    for body in ({}, {"decision": "reject"}, {"decision": "approve", "question_comments": []}):
        response = review(client, regulators["province"], assessment["id"], **body)
        assert response.status_code == 422, body


def test_a_decision_on_a_returned_assessment_is_409_with_its_status(client, submitted, regulators):
    _, assessment = submitted("130100")
    review(client, regulators["province"], assessment["id"], decision="return", comment="补充")
    again = review(client, regulators["province"], assessment["id"], decision="approve")
    assert again.status_code == 409
    assert again.get_json()["current_status"] == "returned"


def test_return_is_refused_while_the_enterprise_has_another_open_draft(
    client, submitted, regulators
):
    company, assessment = submitted("130100")
    company.create("quality")  # a new draft of the same questionnaire, alongside the submitted one
    response = review(
        client, regulators["province"], assessment["id"], decision="return", comment="x"
    )
    assert response.status_code == 409
    assert response.get_json()["current_status"] == "submitted"
    approve = review(client, regulators["province"], assessment["id"], decision="approve")
    assert approve.status_code == 200


def test_a_regulator_out_of_the_jurisdiction_gets_404(client, submitted, regulators):
    _, assessment = submitted("130100")
    response = review(client, regulators["tangshan"], assessment["id"], decision="approve")
    assert response.status_code == 404
    assert submission(assessment["id"]).decision is None


@pytest.mark.postgres_only
def test_two_regulators_deciding_at_once_make_exactly_one_decision(
    app, submitted, regulators, make_staff
):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("real concurrency is tested on PostgreSQL; SQLite serialises writers")
    _, assessment = submitted("130100")
    deciders = [regulators["province"], regulators["shijiazhuang"]] + [
        make_staff("regulator", jurisdiction="130100") for _ in range(4)
    ]
    barrier = threading.Barrier(len(deciders))
    statuses: list[int] = []

    def attempt(index, actor):
        client = app.test_client()
        body = (
            {"decision": "approve"}
            if index % 2
            else {"decision": "return", "comment": f"退回{index}"}
        )
        barrier.wait()
        with app.app_context():
            statuses.append(review(client, actor, assessment["id"], **body).status_code)

    threads = [threading.Thread(target=attempt, args=pair) for pair in enumerate(deciders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(statuses) == [200] + [409] * (len(deciders) - 1)
    row = submission(assessment["id"])
    assert row.decision in ("approve", "return")
    client = app.test_client()
    history = events(client, regulators["province"], assessment["id"])
    assert sum(e["action"] in ("approve", "return") for e in history) == 1
