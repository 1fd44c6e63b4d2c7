"""Who is behind an enterprise account: verification, refusal, reassignment (docs/identity.md).

Security review 2026-12 #1: anyone could register any company's USCC under any name, be counted
and vouched for, and lock the real company out. Each test here failed before.
"""

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.models import Enterprise, User
from app.db import db
from tests.fixtures.answering import complete_answers
from tests.fixtures.data import PASSWORD, new_uscc

REGISTER = "/api/v1/auth/register"


def registration(uscc: str, name: str = "冒名顶替有限公司") -> dict:
    return {
        "uscc": uscc,
        "name": name,
        "password": PASSWORD,
        "industry": "C1772",
        "size": "small",
        "contact_name": "王五",
        "contact_phone": "13700137000",
    }


def decide(client, regulator, enterprise_id, **body):
    url = f"/api/v1/enterprises/{enterprise_id}/verification"
    return client.post(url, json=body, headers=regulator.headers)


@pytest.fixture
def city(make_staff):
    return make_staff("regulator", jurisdiction="130100")


def test_a_registered_enterprise_starts_unverified_and_its_regulator_lists_it(
    client, city, make_staff
):
    response = client.post(REGISTER, json=registration(new_uscc("130100")))
    assert response.status_code == 201
    enterprise_id = response.get_json()["id"]
    assert db.session.get(Enterprise, enterprise_id).verification == "unverified"

    listed = client.get("/api/v1/enterprises?verification=unverified", headers=city.headers)
    assert listed.status_code == 200
    assert enterprise_id in [e["id"] for e in listed.get_json()["items"]]
    verified = client.get("/api/v1/enterprises?verification=verified", headers=city.headers)
    assert enterprise_id not in [e["id"] for e in verified.get_json()["items"]]
    baoding = make_staff("regulator", jurisdiction="130600")
    elsewhere = client.get("/api/v1/enterprises", headers=baoding.headers)
    assert enterprise_id not in [e["id"] for e in elsewhere.get_json()["items"]]


def test_the_regulator_verifies_with_the_checked_name_and_it_is_audited(
    client, city, make_enterprise, make_staff
):
    firm = make_enterprise(name="自报名称有限公司", verified=False)
    response = decide(
        client,
        city,
        firm.enterprise_id,
        decision="verify",
        name="河北冀华毛巾有限公司",
        note="致电登记联系人 13912345678 核实",
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["verification"] == "verified"
    assert body["verified_name"] == "河北冀华毛巾有限公司"
    audit = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "verify")).one()
    assert audit.user_id == city.user_id
    assert audit.filters["enterprise_id"] == firm.enterprise_id
    # The admins read it back (the fuzz test found the audit schema refusing the new action).
    read = client.get("/api/v1/audit?action=verify", headers=make_staff("admin").headers)
    assert read.status_code == 200, read.get_json()
    assert [e["action"] for e in read.get_json()["items"]] == ["verify"]


def test_a_refusal_records_its_reason(client, city, make_enterprise):
    firm = make_enterprise(verified=False)
    response = decide(client, city, firm.enterprise_id, decision="refuse", note="联系人否认注册")
    assert response.status_code == 200
    assert response.get_json()["verification"] == "refused"
    assert response.get_json()["verification_note"] == "联系人否认注册"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"decision": "verify", "note": "已核实"}, "name"),  # verifying needs the checked name
        ({"decision": "verify", "name": "甲公司\u202e", "note": "已核实"}, "name"),  # bidi
        ({"decision": "refuse", "note": "原因\u0007"}, "note"),  # a control character
        ({"decision": "maybe", "note": "已核实"}, "decision"),
    ],
)
def test_a_bad_decision_is_a_422_naming_the_field(client, city, make_enterprise, body, field):
    firm = make_enterprise(verified=False)
    response = decide(client, city, firm.enterprise_id, **body)
    assert response.status_code == 422
    assert field in response.get_json()["errors"]
    assert db.session.get(Enterprise, firm.enterprise_id).verification == "unverified"


def test_only_the_enterprises_own_regulators_decide(client, make_staff, make_enterprise):
    firm = make_enterprise(verified=False)
    body = {"decision": "verify", "name": "甲有限公司", "note": "已核实"}
    baoding = make_staff("regulator", jurisdiction="130600")
    assert decide(client, baoding, firm.enterprise_id, **body).status_code == 404
    assert decide(client, firm, firm.enterprise_id, **body).status_code == 403
    assert decide(client, make_staff("admin"), firm.enterprise_id, **body).status_code == 403


def test_a_squatted_uscc_is_reassigned_to_the_real_company_and_the_squatters_data_kept(
    client, city, make_enterprise, definition
):
    squatter = make_enterprise(name="冒名顶替有限公司", verified=False)
    draft = squatter.fill("quality", complete_answers(definition("quality"), squatter.facts))
    squatter.submit(draft)
    # The real company cannot register: it is told to go to its regulator.
    refused = client.post(REGISTER, json=registration(squatter.uscc, "真实企业有限公司"))
    assert refused.status_code == 409
    assert refused.get_json()["type"].endswith(":registration-refused")

    url = f"/api/v1/enterprises/{squatter.enterprise_id}/reassignment"
    body = {
        "name": "真实企业有限公司",
        "contact_name": "赵六",
        "contact_phone": "13600136000",
        "note": "核对营业执照原件，法定代表人到场",
    }
    response = client.post(url, json=body, headers=city.headers)
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    assert answer["username"] == squatter.uscc
    assert answer["enterprise"]["verification"] == "verified"
    # The real company signs in with the first password; the squatter's tokens stop at once.
    login = {"username": squatter.uscc, "password": answer["password"]}
    assert client.post("/api/v1/auth/login", json=login).status_code == 200
    assert client.get("/api/v1/me", headers=squatter.headers).status_code == 401
    old = db.session.get(Enterprise, squatter.enterprise_id)
    assert (old.uscc, old.released_uscc, old.verification) == (None, squatter.uscc, "released")
    assert client.get(f"/api/v1/assessments/{draft['id']}", headers=city.headers).status_code == 200
    assert db.session.scalars(select(AuditEntry).where(AuditEntry.action == "reassign")).one()
    again = client.post(url, json=body, headers=city.headers)
    assert again.status_code == 409
    assert db.session.get(User, squatter.user_id).disabled


def test_factories_verify_by_default(make_enterprise):
    firm = make_enterprise()
    assert db.session.get(Enterprise, firm.enterprise_id).verification == "verified"


def test_an_external_identity_check_plugs_in_and_verifies_as_a_regulator_would(
    app, make_enterprise
):
    from app.auth.verification import IdentityEvidence, apply_identity_check

    firm = make_enterprise(name="自报名称有限公司", verified=False)
    enterprise = db.session.get(Enterprise, firm.enterprise_id)

    def licence_provider(*, uscc, declared_name, token):  # stands in for 电子营业执照
        if token != "signed-assertion":
            return None
        return IdentityEvidence(name="登记名称有限公司", source="电子营业执照", reference="T-1")

    with app.test_request_context():
        assert apply_identity_check(enterprise=enterprise, token="signed-assertion") is False
        app.extensions["identity_checks"].append(licence_provider)
        try:
            assert apply_identity_check(enterprise=enterprise, token="forged") is False
            assert enterprise.verification == "unverified"
            assert apply_identity_check(enterprise=enterprise, token="signed-assertion") is True
        finally:
            app.extensions["identity_checks"].remove(licence_provider)
    assert (enterprise.verification, enterprise.verified_name) == ("verified", "登记名称有限公司")
    assert enterprise.verification_note == "电子营业执照 T-1"
