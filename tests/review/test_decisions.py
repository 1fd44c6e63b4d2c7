"""Decisions: approve or return with reasons, only on a submitted revision, one winner at a time."""

import threading

import pytest
from sqlalchemy import select

from app.assessments.models import Submission
from app.auth.models import User
from app.auth.names import actor_names
from app.db import db
from app.questionnaires.definition import question_map
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
    db.session.get(User, regulator.user_id).display_name = "石家庄市市场监督管理局"
    db.session.commit()
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
    seen = events(client, company, assessment["id"])
    last = seen[-1]
    # The enterprise sees the office's display name, never the official's login name.
    assert (last["action"], last["actor"], last["role"], last["revision"]) == (
        "approve",
        "石家庄市市场监督管理局",
        "regulator",
        1,
    )
    assert regulator.username not in str(seen)
    assert last["comment"] == "资料齐全"


def test_an_official_without_a_name_of_its_own_is_shown_to_firms_by_office(
    client, submitted, regulators, make_staff
):
    """An account created without a display name has its login name as one; shown to the firm,
    it would say which username to try. The firm sees the office instead, in its language;
    staff still read each other's names."""
    company, assessment = submitted("130100")
    city = regulators["shijiazhuang"]
    review(client, city, assessment["id"], decision="return", comment="请补充证书")
    seen = events(client, company, assessment["id"])
    assert seen[-1]["actor"] == "石家庄市市场监管部门"
    english = client.get(
        f"/api/v1/assessments/{assessment['id']}/events",
        headers={**company.headers, "Accept-Language": "en"},
    ).get_json()["items"]
    assert english[-1]["actor"] == "Market regulator, Shijiazhuang"
    assert city.username not in str(seen) + str(english)
    assert events(client, city, assessment["id"])[-1]["actor"] == city.username

    staff = {
        "county": make_staff("regulator", jurisdiction="130104"),
        "province": regulators["province"],
        "admin": make_staff("admin"),
        "association": make_staff("association", industries=["C17"]),
    }
    names = actor_names(
        [company.user_id, *(a.user_id for a in staff.values())], for_enterprise=True
    )
    assert {role: names[a.user_id] for role, a in staff.items()} == {
        "county": "石家庄市桥西区市场监管部门",
        "province": "河北省市场监管部门",
        "admin": "系统管理员",
        "association": "行业协会",
    }
    firm = db.session.get(User, company.user_id)
    assert names[company.user_id] == firm.display_name  # an enterprise keeps its own name


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


def reread(client, actor, assessment_id) -> dict:
    return client.get(f"/api/v1/assessments/{assessment_id}", headers=actor.headers).get_json()


def other_answer(definition, question_id: str, current):
    """An answer to a single-choice question that differs from the current one."""
    question = question_map(definition)[question_id]
    return next(o["id"] for o in question["options"] if o["id"] != current)


def test_a_return_folds_the_new_draft_in_and_keeps_what_was_typed(
    client, submitted, regulators, definition
):
    company, assessment = submitted("130100")
    draft = company.create("quality")  # a new draft, started while the submission awaits review
    assert draft["id"] != assessment["id"]
    typed = other_answer(definition("quality"), "cqo", assessment["answers"]["cqo"])
    draft = company.save(draft, {"cqo": typed})

    returned = review(
        client,
        regulators["shijiazhuang"],
        assessment["id"],
        decision="return",
        comment="请补充证据",
        question_comments={"cqo": "请上传任命文件"},
    )

    assert returned.status_code == 200, returned.get_json()
    body = reread(client, company, assessment["id"])
    assert body["status"] == "returned"
    assert body["review"]["comment"] == "请补充证据"
    # What the enterprise typed since wins; the rest of the submitted answers carry on.
    assert body["answers"] == {**assessment["answers"], "cqo": typed}
    old = reread(client, company, draft["id"])
    assert old["status"] == "superseded"
    assert old["answers"] == {"cqo": typed}  # the draft keeps its own history
    # A device still editing the old draft is refused, and finds the open one by creating.
    stale_save = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": {"cqo": typed}},
        headers={**company.headers, "If-Match": f'"{old["version"]}"'},
    )
    assert stale_save.status_code == 409
    assert stale_save.get_json()["current_status"] == "superseded"
    assert company.create("quality")["id"] == assessment["id"]
    assert [e["action"] for e in events(client, company, draft["id"])][-1] == "supersede"
    last = events(client, company, assessment["id"])[-1]
    assert last["action"] == "return" and last["data"]["draft"] == draft["id"]
    assert last["data"]["carried"] == ["cqo"]  # the firm's own draft, named to the firm
    # To the regulator, the unsubmitted draft it folded in is a count, not the questions.
    seen = events(client, regulators["shijiazhuang"], assessment["id"])[-1]
    assert seen["action"] == "return" and seen["data"]["carried"] == 1
    # The enterprise resubmits; the regulator sees what changed in answer to the return.
    again = company.submit(reread(client, company, assessment["id"]))
    assert again["revision"] == 2
    diff = client.get(
        f"/api/v1/assessments/{assessment['id']}/diff",
        headers=regulators["shijiazhuang"].headers,
    ).get_json()
    assert [c["question"] for c in diff["answers"] if c["change"] == "changed"] == ["cqo"]


def test_a_return_with_an_empty_new_draft_reopens_the_submitted_answers(
    client, submitted, regulators
):
    company, assessment = submitted("130100")
    draft = company.create("quality")
    returned = review(
        client, regulators["province"], assessment["id"], decision="return", comment="x"
    )
    assert returned.status_code == 200, returned.get_json()
    assert returned.get_json()["answers"] == assessment["answers"]
    assert reread(client, company, draft["id"])["status"] == "superseded"
    open_ones = client.get(
        "/api/v1/assessments?questionnaire=quality", headers=company.headers
    ).get_json()["items"]
    assert sorted((a["id"], a["status"]) for a in open_ones if a["status"] != "superseded") == [
        (assessment["id"], "returned")
    ]


def test_a_return_and_saves_to_the_new_draft_at_once_lose_no_saved_answer(
    app, submitted, regulators, definition
):
    """The race, on both databases: every save that succeeded is in the reopened assessment."""
    company, assessment = submitted("130100")
    draft = company.create("quality")
    options = [o["id"] for o in question_map(definition("quality"))["cqo"]["options"]]
    barrier = threading.Barrier(2)
    outcome: dict = {"saved": [], "refused": 0}

    def enterprise():
        client = app.test_client()
        version = draft["version"]
        barrier.wait()
        with app.app_context():
            for turn in range(12):
                value = options[turn % len(options)]
                response = client.patch(
                    f"/api/v1/assessments/{draft['id']}/answers",
                    json={"answers": {"cqo": value}},
                    headers={**company.headers, "If-Match": f'"{version}"'},
                )
                if response.status_code == 200:
                    version = response.get_json()["version"]
                    outcome["saved"].append(value)
                else:
                    # 409 once the draft is superseded; 412 when the fold changed it mid-save.
                    assert response.status_code in (409, 412), response.get_json()
                    outcome["refused"] += 1

    def regulator():
        client = app.test_client()
        barrier.wait()
        with app.app_context():
            outcome["return"] = review(
                client, regulators["province"], assessment["id"], decision="return", comment="补"
            ).status_code

    threads = [threading.Thread(target=enterprise), threading.Thread(target=regulator)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcome["return"] == 200
    client = app.test_client()
    reopened = reread(client, company, assessment["id"])
    assert reopened["status"] == "returned"
    assert reread(client, company, draft["id"])["status"] == "superseded"
    # Saves after the fold are refused, never swallowed: the last accepted one is what reopened.
    expected = outcome["saved"][-1] if outcome["saved"] else assessment["answers"]["cqo"]
    assert reopened["answers"]["cqo"] == expected
    assert len(outcome["saved"]) + outcome["refused"] == 12


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


def test_a_return_and_a_new_draft_created_at_once_leave_one_open_assessment(
    app, submitted, regulators
):
    """The other race, on both databases: the one-open-draft index never refuses the return."""
    company, assessment = submitted("130100")
    barrier = threading.Barrier(2)
    outcome: dict = {}

    def enterprise():
        client = app.test_client()
        barrier.wait()
        with app.app_context():
            response = client.post(
                "/api/v1/assessments", json={"questionnaire": "quality"}, headers=company.headers
            )
            outcome["created"] = (response.status_code, response.get_json()["id"])

    def regulator():
        client = app.test_client()
        barrier.wait()
        with app.app_context():
            outcome["return"] = review(
                client, regulators["province"], assessment["id"], decision="return", comment="补"
            ).status_code

    threads = [threading.Thread(target=enterprise), threading.Thread(target=regulator)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcome["return"] == 200
    client = app.test_client()
    listed = client.get("/api/v1/assessments", headers=company.headers).get_json()["items"]
    statuses = {a["id"]: a["status"] for a in listed}
    assert statuses[assessment["id"]] == "returned"
    status, created = outcome["created"]
    # Created first, the draft was folded in; created after, the open assessment came back.
    assert (status, statuses[created]) in ((201, "superseded"), (200, "returned"))
    assert list(statuses.values()).count("returned") + list(statuses.values()).count("draft") == 1


def test_the_api_document_declares_the_superseded_status(client):
    document = client.get("/api/openapi.json").get_json()
    status = document["components"]["schemas"]["Assessment"]["properties"]["status"]
    assert "superseded" in status["enum"]
