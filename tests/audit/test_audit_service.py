"""The ground-floor audit log: every event says where it came from, in or outside a request."""

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.audit.service import record_event
from app.db import db
from tests.fixtures.answering import complete_answers


def entries() -> list[AuditEntry]:
    db.session.rollback()
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_a_regulators_read_records_address_request_id_and_user_agent(
    client, make_enterprise, make_staff, definition
):
    company = make_enterprise("130100", "C1772", "small")
    submitted = company.submit(
        company.fill("quality", complete_answers(definition("quality"), company.facts, "best"))
    )
    regulator = make_staff("regulator", jurisdiction="130100")
    response = client.get(
        f"/api/v1/assessments/{submitted['id']}",
        headers={**regulator.headers, "X-Request-ID": "audit-1", "User-Agent": "browser/9"},
        environ_base={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert response.status_code == 200
    (entry,) = entries()
    assert (entry.action, entry.user_id, entry.assessment_id) == (
        "read",
        regulator.user_id,
        submitted["id"],
    )
    assert (entry.address, entry.request_id, entry.user_agent) == (
        "192.0.2.7",
        "audit-1",
        "browser/9",
    )


def test_an_event_outside_a_request_says_so(app):
    record_event(action="token_issued", role="cli", status=201)
    (entry,) = entries()
    assert (entry.method, entry.path, entry.address, entry.request_id) == ("CLI", "-", None, None)


def test_admins_read_entries_with_their_origin(client, make_staff):
    admin = make_staff("admin")
    record_event(action="token_issued", role="cli", status=201)
    (item,) = client.get("/api/v1/audit", headers=admin.headers).get_json()["items"]
    assert item["user"] is None and item["role"] == "cli" and item["method"] == "CLI"
    assert {"address", "request_id", "user_agent", "service_token_id"} <= set(item)
    bad = client.get("/api/v1/audit", query_string={"cursor": "!!"}, headers=admin.headers)
    assert bad.status_code == 422 and "cursor" in bad.get_json()["errors"]
