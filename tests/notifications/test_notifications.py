"""In-app notifications: who is told of which event, in which words, and nobody else's."""

from sqlalchemy import func, select

from app.db import db
from app.notifications.models import Notification


def kinds(body) -> list[str]:
    return [item["kind"] for item in body["items"]]


def test_a_submission_tells_the_regulators_of_the_enterprise_and_no_others(
    make_enterprise, regulators, filed, inbox
):
    company = make_enterprise("130102", name="石家庄毛巾有限公司")
    assessment = filed(company)
    for name in ("province", "city"):
        body = inbox(regulators[name])
        assert kinds(body) == ["submitted"]
        [notice] = body["items"]
        assert notice["assessment_id"] == assessment["id"]
        assert notice["read_at"] is None
        assert notice["title"] == "新的自评提交"
        assert notice["text"].startswith("石家庄毛巾有限公司提交了《")
        assert body["unread"] == 1
    assert inbox(regulators["other_city"])["items"] == []
    assert inbox(company)["items"] == []


def test_the_text_is_rendered_in_the_readers_language(make_enterprise, regulators, filed, inbox):
    filed(make_enterprise("130102", name="石家庄毛巾有限公司"))
    [notice] = inbox(regulators["city"], lang="en")["items"]
    assert notice["title"] == "New submission"
    assert notice["text"].startswith("石家庄毛巾有限公司 submitted the ")
    assert "self-assessment for review" in notice["text"]


def test_a_return_tells_the_enterprise_the_reasons_and_a_resubmission_tells_the_regulators(
    make_enterprise, regulators, filed, review, inbox, definition
):
    company = make_enterprise("130102")
    assessment = filed(company)
    review(regulators["city"], assessment["id"], "return", comment="请补充质量承诺的内容。")
    [returned] = inbox(company)["items"]
    assert returned["kind"] == "returned"
    assert returned["assessment_id"] == assessment["id"]
    assert returned["text"].endswith("退回理由：请补充质量承诺的内容。")
    assert "请按意见修改后重新提交" in returned["text"]

    company.submit(company.create("brand"))  # the returned assessment, sent again as it was
    assert kinds(inbox(regulators["province"])) == ["resubmitted", "submitted"]
    [resubmitted, _] = inbox(regulators["city"])["items"]
    assert "（第 2 次提交）" in resubmitted["text"]

    review(regulators["province"], assessment["id"], "approve")
    assert kinds(inbox(company)) == ["approved", "returned"]
    assert "已审核通过" in inbox(company)["items"][0]["text"]


def test_a_replayed_submit_tells_nobody_twice(make_enterprise, regulators, filed, client):
    company = make_enterprise("130102")
    assessment = filed(company, key="same-key-1")
    replay = client.post(
        f"/api/v1/assessments/{assessment['id']}/submit",
        headers={**company.headers, "Idempotency-Key": "same-key-1"},
    )
    assert replay.headers.get("Idempotent-Replayed") == "true"
    count = select(func.count()).select_from(Notification)
    assert (
        db.session.scalar(count.where(Notification.recipient_id == regulators["city"].user_id)) == 1
    )


def test_a_rendered_report_tells_the_enterprise(make_enterprise, filed, inbox):
    from app.assessments.models import Submission
    from app.reports.service import deliver_report

    company = make_enterprise("130102")
    assessment = filed(company)
    submission = db.session.scalar(
        select(Submission).where(Submission.assessment_id == assessment["id"])
    )
    deliver_report(submission=submission)
    deliver_report(submission=submission, lang="en")  # the second language tells nobody again
    [ready] = inbox(company)["items"]
    assert ready["kind"] == "report_ready"
    assert ready["revision"] == 1
    assert "自评报告（第 1 次提交）已生成" in ready["text"]


def test_unread_filter_count_and_marking_read(make_enterprise, regulators, filed, inbox, client):
    regulator = regulators["city"]
    for _ in range(3):
        filed(make_enterprise("130102"))
    count = client.get("/api/v1/notifications/unread-count", headers=regulator.headers)
    assert count.get_json() == {"unread": 3}
    newest, middle, _ = inbox(regulator)["items"]

    marked = client.post(f"/api/v1/notifications/{middle['id']}/read", headers=regulator.headers)
    assert marked.status_code == 200
    assert marked.get_json()["read_at"] is not None
    assert [n["id"] for n in inbox(regulator, unread="true")["items"]] != []
    assert middle["id"] not in [n["id"] for n in inbox(regulator, unread="true")["items"]]
    assert [n["id"] for n in inbox(regulator, unread="false")["items"]] == [middle["id"]]
    assert inbox(regulator)["unread"] == 2

    everything = client.post("/api/v1/notifications/read", headers=regulator.headers)
    assert everything.get_json() == {"marked": 2, "unread": 0}
    assert inbox(regulator, unread="true")["items"] == []
    assert newest["id"] in [n["id"] for n in inbox(regulator)["items"]]


def test_nobody_reads_or_marks_another_users_notifications(
    make_enterprise, regulators, filed, inbox, client
):
    filed(make_enterprise("130102"))
    [notice] = inbox(regulators["city"])["items"]
    other = regulators["province"]
    refused = client.post(f"/api/v1/notifications/{notice['id']}/read", headers=other.headers)
    assert refused.status_code == 404
    assert refused.mimetype == "application/problem+json"
    assert notice["id"] not in [n["id"] for n in inbox(other)["items"]]
    assert inbox(regulators["city"], unread="true")["items"][0]["id"] == notice["id"]


def test_pages_follow_the_cursor_newest_first(make_enterprise, regulators, filed, inbox, client):
    for _ in range(3):
        filed(make_enterprise("130102"))
    first = inbox(regulators["city"], limit=2)
    assert len(first["items"]) == 2
    rest = client.get(first["next"], headers=regulators["city"].headers).get_json()
    ids = [n["id"] for n in first["items"] + rest["items"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 3
    assert rest["next"] is None


def test_a_bad_cursor_is_a_422_naming_the_field(client, regulators):
    response = client.get(
        "/api/v1/notifications",
        query_string={"cursor": "not-a-cursor"},
        headers={**regulators["city"].headers, "Accept-Language": "zh"},
    )
    assert response.status_code == 422
    assert "cursor" in response.get_json()["errors"]
