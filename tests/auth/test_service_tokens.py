"""Service tokens: issued once by an admin, stored hashed, read-only in their scopes, audited."""

import hashlib

import pytest
from sqlalchemy import select

from app.audit.models import LIST, SERVICE_CALL, TOKEN_ISSUED, TOKEN_REVOKED, AuditEntry
from app.auth.models import ServiceToken
from app.db import db, utcnow
from tests.fixtures.answering import complete_answers

TOKENS = "/api/v1/service-tokens"
QUEUE = "/api/v1/assessments"


@pytest.fixture
def admin(make_staff):
    return make_staff("admin")


@pytest.fixture
def submission(make_enterprise, definition):
    """An assessment submitted by an enterprise of 石家庄 (130100)."""
    company = make_enterprise("130100", "C1772", "small")
    answers = complete_answers(definition("quality"), company.facts, "best")
    return company.submit(company.fill("quality", answers))


@pytest.fixture
def issue(client, admin):
    def make(*scopes, expected=201, **body):
        response = client.post(
            TOKENS,
            json={"name": "省数据平台", "scopes": list(scopes), **body},
            headers=admin.headers,
        )
        assert response.status_code == expected, response.get_json()
        return response.get_json()

    return make


def bearer(token: str, **headers) -> dict:
    return {"Authorization": f"Bearer {token}", **headers}


def audit_rows(action: str) -> list[AuditEntry]:
    db.session.rollback()  # see what other connections committed
    query = select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
    return list(db.session.scalars(query))


def test_the_secret_is_shown_once_and_only_its_hash_is_stored(client, admin, issue):
    issued = issue("assessments:read")
    secret = issued["token"]
    assert secret.startswith("qst_") and len(secret) > 40
    assert issued["state"] == "active" and issued["jurisdiction"] == "130000"
    (row,) = db.session.scalars(select(ServiceToken))
    assert row.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    listed = client.get(TOKENS, headers=admin.headers).get_json()["items"]
    assert [item["id"] for item in listed] == [issued["id"]]
    assert secret not in client.get(TOKENS, headers=admin.headers).get_data(as_text=True)
    (event,) = audit_rows(TOKEN_ISSUED)
    assert (event.user_id, event.service_token_id, event.role) == (
        admin.user_id,
        issued["id"],
        "admin",
    )


def test_a_token_reads_within_its_scope_and_each_call_is_audited(client, issue, submission):
    secret = issue("assessments:read")["token"]
    response = client.get(QUEUE, headers=bearer(secret, **{"User-Agent": "platform/2"}))
    assert response.status_code == 200, response.get_json()
    assert [item["id"] for item in response.get_json()["items"]] == [submission["id"]]
    item = client.get(f"{QUEUE}/{submission['id']}", headers=bearer(secret))
    assert item.status_code == 200
    calls = audit_rows(SERVICE_CALL)
    assert [(c.path, c.status, c.role, c.user_id) for c in calls] == [
        (QUEUE, 200, "service", None),
        (f"{QUEUE}/{submission['id']}", 200, "service", None),
    ]
    assert calls[0].service_token_id is not None and calls[0].user_agent == "platform/2"
    # The read itself is recorded as a regulator's would be, naming the token.
    (read,) = audit_rows("read")
    assert (read.service_token_id, read.user_id) == (calls[0].service_token_id, None)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/api/v1/aggregates?questionnaire=quality&industry=C17"),  # another scope
        ("GET", "/api/v1/me"),  # no person
        ("POST", "/api/v1/auth/refresh"),
        ("POST", "/api/v1/auth/logout"),
        ("GET", "/api/v1/audit"),
        ("GET", TOKENS),  # it cannot manage tokens
        ("GET", "/api/v1/assessments/{id}/plan.csv"),
        ("POST", "/api/v1/assessments/{id}/review"),  # never writes
    ],
)
def test_everything_outside_its_scopes_is_refused(client, issue, submission, method, url):
    secret = issue("assessments:read")["token"]
    url = url.format(id=submission["id"])
    response = client.open(url, method=method, headers=bearer(secret), json={"decision": "approve"})
    assert response.status_code == 403
    assert response.mimetype == "application/problem+json"
    (call,) = audit_rows(SERVICE_CALL)
    assert (call.method, call.status) == (method, 403)


def test_a_token_reads_only_its_jurisdiction(client, issue, submission):
    tangshan = issue("assessments:read", jurisdiction="130200")["token"]
    assert client.get(f"{QUEUE}/{submission['id']}", headers=bearer(tangshan)).status_code == 404
    assert client.get(QUEUE, headers=bearer(tangshan)).get_json()["items"] == []


def test_a_revoked_token_stops_working_at_once(client, admin, issue):
    issued = issue("assessments:read")
    assert client.get(QUEUE, headers=bearer(issued["token"])).status_code == 200
    revoked = client.delete(f"{TOKENS}/{issued['id']}", headers=admin.headers)
    assert revoked.status_code == 204
    refused = client.get(QUEUE, headers=bearer(issued["token"]))
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"
    assert client.delete(f"{TOKENS}/{issued['id']}", headers=admin.headers).status_code == 204
    assert len(audit_rows(TOKEN_REVOKED)) == 1
    listed = client.get(TOKENS, headers=admin.headers).get_json()["items"]
    assert listed[0]["state"] == "revoked"
    assert client.delete(f"{TOKENS}/999999", headers=admin.headers).status_code == 404


def test_an_expired_token_is_refused(client, issue):
    issued = issue("assessments:read", days=1)
    db.session.get(ServiceToken, issued["id"]).expires_at = utcnow()
    db.session.commit()
    assert client.get(QUEUE, headers=bearer(issued["token"])).status_code == 401


def test_an_unknown_token_is_refused(client):
    response = client.get(QUEUE, headers=bearer("qst_" + "x" * 43))
    assert response.status_code == 401 and response.mimetype == "application/problem+json"


def test_bad_requests_name_the_field(client, admin, issue):
    body = issue("reports:write", expected=422)
    assert "scopes.0" in body["errors"]
    assert "name" in issue(expected=422, name="")["errors"]
    assert (
        "jurisdiction" in issue("assessments:read", expected=422, jurisdiction="110000")["errors"]
    )
    issue("assessments:read")
    issue("aggregates:read", expected=409)


def test_the_audit_log_lists_a_tokens_calls(client, admin, issue):
    secret = issue("assessments:read")["token"]
    client.get(QUEUE, headers=bearer(secret))
    token_id = db.session.scalar(select(ServiceToken.id))
    page = client.get(
        "/api/v1/audit", query_string={"service_token": token_id}, headers=admin.headers
    )
    actions = [(i["action"], i["user"] and i["user"]["id"]) for i in page.get_json()["items"]]
    # Newest first: the call (its hook runs last), the queue's read, the issue.
    assert actions == [(SERVICE_CALL, None), (LIST, None), (TOKEN_ISSUED, admin.user_id)]


def test_the_cli_issues_lists_and_revokes(app, client):
    runner = app.test_cli_runner()
    issued = runner.invoke(
        args=["service-tokens", "issue", "--name", "平台", "--scope", "assessments:read"]
    )
    assert issued.exit_code == 0, issued.output
    secret = issued.output.strip().splitlines()[-1]
    assert client.get(QUEUE, headers=bearer(secret)).status_code == 200
    listed = runner.invoke(args=["service-tokens", "list"])
    assert "active" in listed.output and secret not in listed.output
    token_id = db.session.scalar(select(ServiceToken.id))
    assert runner.invoke(args=["service-tokens", "revoke", str(token_id)]).exit_code == 0
    assert client.get(QUEUE, headers=bearer(secret)).status_code == 401
    taken = runner.invoke(
        args=["service-tokens", "issue", "--name", "平台", "--scope", "aggregates:read"]
    )
    assert taken.exit_code != 0 and "exists already" in taken.output
