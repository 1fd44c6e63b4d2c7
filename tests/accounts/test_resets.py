"""Recovery without SMS: ask by USCC, the region's regulator issues a code, reset with it."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.accounts.models import OneTimeCode, PasswordResetRequest
from app.audit.models import AuditEntry
from app.db import db, utcnow
from tests.fixtures.data import PASSWORD, new_uscc

ASK, LIST, REDEEM = (
    "/api/v1/password-resets",
    "/api/v1/password-resets",
    "/api/v1/password-resets/redeem",
)
NEW = "a brand new passphrase"


def code_url(reset_id: int) -> str:
    return f"/api/v1/password-resets/{reset_id}/code"


@pytest.fixture
def firm(make_enterprise_account, auth_headers):
    """An enterprise of 石家庄 signed in on its phone (the session the reset must end)."""
    enterprise, user = make_enterprise_account(region="130104")
    return enterprise, user, auth_headers(user)


@pytest.fixture
def regulators(make_staff_account, auth_headers):
    return {
        "sjz": auth_headers(make_staff_account("regulator", jurisdiction="130100")),
        "baoding": auth_headers(make_staff_account("regulator", jurisdiction="130600")),
        "province": auth_headers(make_staff_account("regulator", jurisdiction="130000")),
        "admin": auth_headers(make_staff_account("admin")),
    }


def ask(client, uscc: str):
    response = client.post(ASK, json={"uscc": uscc})
    assert response.status_code == 202, response.get_json()
    return response.get_json()


def issue(client, headers) -> tuple[int, str]:
    pending = client.get(LIST, headers=headers).get_json()["items"]
    assert len(pending) == 1
    issued = client.post(code_url(pending[0]["id"]), headers=headers)
    assert issued.status_code == 201, issued.get_json()
    return pending[0]["id"], issued.get_json()["code"]


def test_the_whole_reset_as_the_enterprise_and_its_regulator(client, firm, regulators):
    enterprise, user, phone = firm
    answer = ask(client, enterprise.uscc.lower())
    pending = client.get(LIST, headers=regulators["sjz"]).get_json()["items"]
    assert [item["enterprise"]["uscc"] for item in pending] == [enterprise.uscc]
    assert pending[0]["enterprise"]["contact_phone"] == "13800138000"  # to call back first
    assert pending[0]["state"] == "pending"
    reset_id, code = issue(client, regulators["sjz"])
    assert len(code.replace(" ", "")) == 8
    redeemed = client.post(
        REDEEM, json={"uscc": enterprise.uscc, "code": code, "new_password": NEW}
    )
    assert redeemed.status_code == 204, redeemed.get_json()
    assert client.get("/api/v1/me", headers=phone).status_code == 401  # every session ended
    login = client.post("/api/v1/auth/login", json={"username": user.username, "password": NEW})
    assert login.status_code == 200
    done = client.get(LIST, query_string={"state": "done"}, headers=regulators["sjz"])
    assert [item["id"] for item in done.get_json()["items"]] == [reset_id]
    actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert [a for a in actions if a.startswith("reset_")] == [
        "reset_request",
        "reset_code",
        "reset_done",
    ]
    assert "regulator" in answer["detail"] or "监管" in answer["detail"]


def test_the_answer_to_a_request_never_says_whether_the_uscc_is_registered(client, firm):
    enterprise, _, _ = firm
    known = client.post(ASK, json={"uscc": enterprise.uscc})
    unknown = client.post(ASK, json={"uscc": new_uscc("130100")})
    assert (known.status_code, known.get_json()) == (unknown.status_code, unknown.get_json())
    assert db.session.scalar(
        select(PasswordResetRequest.id).where(PasswordResetRequest.user_id == firm[1].id)
    )
    assert len(db.session.scalars(select(PasswordResetRequest)).all()) == 1


def test_asking_again_keeps_one_open_request(client, firm):
    ask(client, firm[0].uscc)
    ask(client, firm[0].uscc)
    assert len(db.session.scalars(select(PasswordResetRequest)).all()) == 1


def test_requests_are_rate_limited_per_address(app, client, firm):
    limit = int(app.config["RATE_LIMIT_PASSWORD_RESET"].split("/")[0])
    for _ in range(limit):
        ask(client, firm[0].uscc)
    refused = client.post(ASK, json={"uscc": firm[0].uscc})
    assert refused.status_code == 429 and "Retry-After" in refused.headers


def test_regulators_see_and_answer_only_their_regions_requests(client, firm, regulators):
    ask(client, firm[0].uscc)
    assert client.get(LIST, headers=regulators["baoding"]).get_json()["items"] == []
    reset_id = client.get(LIST, headers=regulators["province"]).get_json()["items"][0]["id"]
    assert client.post(code_url(reset_id), headers=regulators["baoding"]).status_code == 404
    assert client.post(code_url(reset_id), headers=regulators["admin"]).status_code == 201
    assert client.post(code_url(999999), headers=regulators["sjz"]).status_code == 404


@pytest.mark.parametrize("role", ["enterprise", "association"])
def test_other_roles_may_not_see_or_issue_codes(
    client, firm, make_staff_account, auth_headers, role
):
    ask(client, firm[0].uscc)
    headers = (
        firm[2]
        if role == "enterprise"
        else auth_headers(make_staff_account("association", industries=["C17"]))
    )
    reset_id = db.session.scalar(select(PasswordResetRequest.id))
    assert client.get(LIST, headers=headers).status_code == 403
    assert client.post(code_url(reset_id), headers=headers).status_code == 403


def test_a_wrong_code_is_refused_and_too_many_tries_burn_it_with_a_429(client, firm, regulators):
    ask(client, firm[0].uscc)
    _, code = issue(client, regulators["sjz"])
    wrong = "0000 0000" if code != "0000 0000" else "1111 1111"
    body = {"uscc": firm[0].uscc, "code": wrong, "new_password": NEW}
    statuses = [client.post(REDEEM, json=body).status_code for _ in range(5)]
    assert statuses == [422, 422, 422, 422, 429]
    first = client.post(REDEEM, json={**body, "code": code})
    assert first.status_code == 429  # burnt: even the right code no longer works
    assert db.session.scalar(select(OneTimeCode.revoked_at)) is not None


def test_a_wrong_code_names_itself_and_an_unknown_uscc_answers_the_same(client, firm, regulators):
    ask(client, firm[0].uscc)
    issue(client, regulators["sjz"])
    wrong = client.post(
        REDEEM, json={"uscc": firm[0].uscc, "code": "12345678", "new_password": NEW}
    )
    unknown = client.post(
        REDEEM, json={"uscc": new_uscc(), "code": "12345678", "new_password": NEW}
    )
    assert wrong.get_json()["type"].endswith(":reset-code-invalid")
    assert (wrong.status_code, wrong.get_json()["detail"]) == (
        unknown.status_code,
        unknown.get_json()["detail"],
    )


def test_an_expired_code_is_refused(client, firm, regulators):
    ask(client, firm[0].uscc)
    _, code = issue(client, regulators["sjz"])
    db.session.execute(update(OneTimeCode).values(expires_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    response = client.post(REDEEM, json={"uscc": firm[0].uscc, "code": code, "new_password": NEW})
    assert response.status_code == 422
    assert response.get_json()["type"].endswith(":reset-code-expired")


def test_a_code_works_once(client, firm, regulators):
    ask(client, firm[0].uscc)
    _, code = issue(client, regulators["sjz"])
    body = {"uscc": firm[0].uscc, "code": code, "new_password": NEW}
    assert client.post(REDEEM, json=body).status_code == 204
    again = client.post(REDEEM, json={**body, "new_password": "yet another passphrase"})
    assert again.status_code == 409
    assert again.get_json()["type"].endswith(":reset-code-used")


def test_a_new_code_replaces_the_earlier_one(client, firm, regulators):
    ask(client, firm[0].uscc)
    reset_id, first = issue(client, regulators["sjz"])
    second = client.post(code_url(reset_id), headers=regulators["sjz"]).get_json()["code"]
    body = {"uscc": firm[0].uscc, "new_password": NEW}
    if first != second:
        assert client.post(REDEEM, json={**body, "code": first}).status_code == 422
    assert client.post(REDEEM, json={**body, "code": second}).status_code == 204


def test_a_weak_new_password_keeps_the_code_usable(client, firm, regulators):
    ask(client, firm[0].uscc)
    _, code = issue(client, regulators["sjz"])
    body = {"uscc": firm[0].uscc, "code": code}
    weak = client.post(REDEEM, json={**body, "new_password": "1234567890"})
    assert weak.status_code == 422 and weak.get_json()["rule"] == "common"
    assert client.post(REDEEM, json={**body, "new_password": NEW}).status_code == 204


def test_codes_are_kept_only_as_keyed_hashes(client, firm, regulators):
    ask(client, firm[0].uscc)
    _, code = issue(client, regulators["sjz"])
    stored = db.session.scalar(select(OneTimeCode))
    assert code.replace(" ", "") not in stored.code_hash and len(stored.code_hash) == 64


def test_a_disabled_enterprise_cannot_reset(client, firm, regulators):
    enterprise, user, _ = firm
    ask(client, enterprise.uscc)
    _, code = issue(client, regulators["sjz"])
    user.disabled = True
    db.session.commit()
    body = {"uscc": enterprise.uscc, "code": code, "new_password": NEW}
    assert client.post(REDEEM, json=body).status_code == 422
    login = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    assert login.status_code == 401


def cancel_url(reset_id: int) -> str:
    return f"/api/v1/password-resets/{reset_id}/cancel"


def test_the_regulator_closes_a_request_and_its_code_stops_working(client, firm, regulators):
    ask(client, firm[0].uscc)
    reset_id, code = issue(client, regulators["sjz"])
    closed = client.post(cancel_url(reset_id), headers=regulators["sjz"])
    assert closed.status_code == 200, closed.get_json()
    assert closed.get_json()["state"] == "cancelled"
    assert client.get(LIST, headers=regulators["sjz"]).get_json()["items"] == []
    body = {"uscc": firm[0].uscc, "code": code, "new_password": NEW}
    assert client.post(REDEEM, json=body).status_code == 422
    (event,) = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "reset_cancel"))
    assert event.details == {"reset": reset_id, "account": firm[1].id}


def test_a_closed_request_cannot_be_closed_or_answered_again(client, firm, regulators):
    ask(client, firm[0].uscc)
    reset_id = client.get(LIST, headers=regulators["sjz"]).get_json()["items"][0]["id"]
    assert client.post(cancel_url(reset_id), headers=regulators["admin"]).status_code == 200
    for url in (cancel_url(reset_id), code_url(reset_id)):
        again = client.post(url, headers=regulators["sjz"])
        assert again.status_code == 409
        assert again.get_json()["current_status"] == "cancelled"


def test_after_a_closed_request_the_enterprise_can_ask_again(client, firm, regulators):
    ask(client, firm[0].uscc)
    first = client.get(LIST, headers=regulators["sjz"]).get_json()["items"][0]["id"]
    client.post(cancel_url(first), headers=regulators["sjz"])
    ask(client, firm[0].uscc)
    reset_id, code = issue(client, regulators["sjz"])
    assert reset_id != first
    body = {"uscc": firm[0].uscc, "code": code, "new_password": NEW}
    assert client.post(REDEEM, json=body).status_code == 204


def test_a_regulator_of_another_city_cannot_close_the_request(client, firm, regulators):
    ask(client, firm[0].uscc)
    reset_id = client.get(LIST, headers=regulators["sjz"]).get_json()["items"][0]["id"]
    assert client.post(cancel_url(reset_id), headers=regulators["baoding"]).status_code == 404
    assert client.post(cancel_url(reset_id), headers=regulators["province"]).status_code == 200
