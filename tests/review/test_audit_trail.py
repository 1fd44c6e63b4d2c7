"""The audit trail 等保 asks for: lists and searches, refusals, decisions, aggregate reads."""

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.db import db
from tests.review.conftest import review


def entries(**where) -> list[AuditEntry]:
    db.session.rollback()
    query = select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)
    return list(db.session.scalars(query))


def test_a_regulators_search_records_the_query_and_the_firms_returned(
    client, submitted, regulators
):
    towels, first = submitted("130100", name="石家庄毛巾织造有限公司")
    submitted("130100", name="石家庄钢铁有限公司")  # a firm the search must not return
    response = client.get(
        "/api/v1/assessments",
        query_string={"q": "毛巾", "limit": 5},
        headers={**regulators["province"].headers, "User-Agent": "audit-test/1"},
        environ_base={"REMOTE_ADDR": "198.51.100.4"},
    )
    assert response.status_code == 200
    assert [item["id"] for item in response.get_json()["items"]] == [first["id"]]
    (entry,) = entries(action="list")
    assert entry.user_id == regulators["province"].user_id
    assert entry.filters == {"q": "毛巾", "limit": "5"}
    assert entry.details == {"enterprises": [towels.enterprise_id], "assessments": [first["id"]]}
    assert (entry.address, entry.user_agent) == ("198.51.100.4", "audit-test/1")
    assert entry.request_id == response.headers["X-Request-ID"]


def test_probing_another_cities_assessment_is_recorded_as_denied(client, submitted, regulators):
    _, assessment = submitted("130100")
    url = f"/api/v1/assessments/{assessment['id']}"
    assert client.get(url, headers=regulators["tangshan"].headers).status_code == 404
    assert (
        client.get(f"{url}/report.pdf", headers=regulators["tangshan"].headers).status_code == 404
    )
    other, _ = submitted("130200")
    assert client.get(url, headers=other.headers).status_code == 404  # another enterprise
    denied = entries(action="denied")
    assert [(e.user_id, e.status, e.path) for e in denied] == [
        (regulators["tangshan"].user_id, 404, url),
        (regulators["tangshan"].user_id, 404, f"{url}/report.pdf"),
        (other.user_id, 404, url),
    ]
    assert denied[0].details == {"object": {"assessment_id": assessment["id"]}}
    assert entries(action="read") == []


def test_a_role_refused_an_endpoint_is_recorded_but_an_unknown_path_is_not(
    client, enterprise, make_staff
):
    assert client.get("/api/v1/audit", headers=enterprise.headers).status_code == 403
    assert client.get("/api/v1/nothing-here", headers=enterprise.headers).status_code == 404
    (entry,) = entries(action="denied")
    assert (entry.user_id, entry.status, entry.path) == (enterprise.user_id, 403, "/api/v1/audit")


def test_a_review_decision_is_recorded_with_it_and_a_refused_one_is_not(
    client, submitted, regulators
):
    _, assessment = submitted("130100")
    regulator = regulators["shijiazhuang"]
    assert review(client, regulator, assessment["id"], decision="return").status_code == 422
    assert entries(action="review") == []
    ok = review(client, regulator, assessment["id"], decision="return", comment="请补充")
    assert ok.status_code == 200
    (entry,) = entries(action="review")
    assert (entry.user_id, entry.assessment_id, entry.method, entry.status) == (
        regulator.user_id,
        assessment["id"],
        "POST",
        200,
    )
    assert entry.details == {"decision": "return"}


def test_aggregate_reads_and_exports_are_recorded(client, submitted, regulators):
    submitted("130100")
    regulator = regulators["shijiazhuang"]
    params = {"questionnaire": "quality"}
    for path in ("", "/export.csv"):
        response = client.get(
            f"/api/v1/aggregates{path}", query_string=params, headers=regulator.headers
        )
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
    read, export = entries(user_id=regulator.user_id)
    assert (read.action, read.path, read.filters) == ("aggregate", "/api/v1/aggregates", params)
    assert (export.action, export.path) == ("export", "/api/v1/aggregates/export.csv")


def test_a_regulator_sees_the_submitted_answers_not_the_edits_after_a_return(
    client, submitted, regulators
):
    company, assessment = submitted("130100")
    regulator = regulators["shijiazhuang"]
    review(client, regulator, assessment["id"], decision="return", comment="请修改")
    url = f"/api/v1/assessments/{assessment['id']}"
    own = client.get(url, headers=company.headers).get_json()
    question, value = next(iter(own["answers"].items()))
    edited = company.save(own, {question: None})  # cleared, not yet submitted again
    assert question not in edited["answers"]
    seen = client.get(url, headers=regulator.headers).get_json()
    assert seen["status"] == "returned"
    assert seen["answers"] == assessment["answers"]
    assert seen["answers"][question] == value
    # Nor does the history say which questions the firm is changing: only that it is at work.
    history = client.get(f"{url}/events", headers=regulator.headers).get_json()["items"]
    assert [e["action"] for e in history[-2:]] == ["return", "save"]
    assert history[-1]["data"] is None
    assert question not in str(history[-1])
    submitted_saves = [e for e in history[:-2] if e["action"] == "save"]
    assert submitted_saves and all(e["data"]["questions"] for e in submitted_saves)
    own_history = client.get(f"{url}/events", headers=company.headers).get_json()["items"]
    assert own_history[-1]["data"]["questions"] == [question]  # the firm's own, in full


def test_reading_the_enterprise_list_and_the_reset_requests_records_the_firms_returned(
    client, make_enterprise, regulators
):
    """Both lists carry the firms' names, USCCs and contacts, as the assessment list does."""
    mine = make_enterprise("130100", name="石家庄毛巾织造有限公司")
    make_enterprise("130200", name="唐山钢铁有限公司")  # another city's: not read, not recorded
    city = regulators["shijiazhuang"]
    listed = client.get("/api/v1/enterprises", headers=city.headers)
    assert [e["id"] for e in listed.get_json()["items"]] == [mine.enterprise_id]
    (entry,) = entries(action="list")
    assert (entry.user_id, entry.path) == (city.user_id, "/api/v1/enterprises")
    assert entry.details == {"view": "enterprises", "enterprises": [mine.enterprise_id]}

    asked = client.post("/api/v1/password-resets", json={"uscc": mine.uscc})
    assert asked.status_code == 202
    assert client.get("/api/v1/password-resets", headers=city.headers).status_code == 200
    resets = [e for e in entries(action="list") if e.path == "/api/v1/password-resets"]
    assert [(e.user_id, e.details) for e in resets] == [
        (city.user_id, {"view": "password_resets", "enterprises": [mine.enterprise_id]})
    ]
