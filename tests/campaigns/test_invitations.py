"""Invitation codes from a campaign's roll: issued once per firm, and a firm that types its
letter's code is verified under the roll's name; nobody else can use it."""

import pytest
from sqlalchemy import select

from app.accounts.models import OneTimeCode
from app.audit.models import AuditEntry
from app.auth.models import Enterprise
from app.db import db
from tests.campaigns.conftest import roll_csv, roll_row

REDEEM = "/api/v1/campaigns/invitation"


def issue_url(campaign_id: int) -> str:
    return f"/api/v1/campaigns/{campaign_id}/invitations"


@pytest.fixture
def rolled(regulators, make_campaign, upload, make_enterprise_account):
    """A 石家庄 campaign whose roll names an unverified, a verified and an unregistered firm."""
    waiting, waiting_user = make_enterprise_account(region="130102", verified=False)
    checked, _ = make_enterprise_account(region="130102")
    rows = [
        roll_row(waiting.uscc, name="河北冀华纺织有限公司"),
        roll_row(checked.uscc),
        roll_row(),
    ]
    campaign = make_campaign(regulators["shijiazhuang"])
    assert upload(regulators["shijiazhuang"], campaign["id"], roll_csv(rows)).status_code == 200
    return campaign, waiting, waiting_user


def issue(client, regulator, campaign_id, **body):
    response = client.post(issue_url(campaign_id), json=body, headers=regulator.headers)
    assert response.status_code == 201, response.get_json()
    return {item["uscc"]: item for item in response.get_json()["items"]}


def test_codes_go_to_every_firm_of_the_roll_not_yet_verified(client, regulators, rolled):
    campaign, waiting, _ = rolled
    issued = issue(client, regulators["shijiazhuang"], campaign["id"])
    assert len(issued) == 2  # the verified firm needs none
    assert issued[waiting.uscc]["name"] == "河北冀华纺织有限公司"
    assert issued[waiting.uscc]["code"][4] == " "
    stored = db.session.scalars(select(OneTimeCode).where(OneTimeCode.purpose == "invitation"))
    hashes = [row.code_hash for row in stored]
    assert len(hashes) == 2
    assert all(item["code"].replace(" ", "") not in hashes for item in issued.values())
    (event,) = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "invite_issue"))
    assert event.details == {"campaign_id": campaign["id"], "codes": 2}


def test_the_firm_with_its_letter_s_code_is_verified_under_the_roll_s_name(
    client, regulators, rolled, auth_headers
):
    campaign, waiting, user = rolled
    code = issue(client, regulators["shijiazhuang"], campaign["id"])[waiting.uscc]["code"]
    response = client.post(REDEEM, json={"code": code}, headers=auth_headers(user))
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {
        "verification": "verified",
        "verified_name": "河北冀华纺织有限公司",
    }
    db.session.expire_all()
    firm = db.session.get(Enterprise, waiting.id)
    assert firm.verification_note == "邀请码（2027年度企业质量自评）"
    again = client.post(REDEEM, json={"code": code}, headers=auth_headers(user))
    assert again.status_code == 409


def test_a_newer_letter_replaces_the_older_code(client, regulators, rolled, auth_headers):
    campaign, waiting, user = rolled
    first = issue(client, regulators["shijiazhuang"], campaign["id"])[waiting.uscc]["code"]
    second = issue(client, regulators["shijiazhuang"], campaign["id"], uscc=[waiting.uscc])
    assert list(second) == [waiting.uscc]
    if first != second[waiting.uscc]["code"]:
        refused = client.post(REDEEM, json={"code": first}, headers=auth_headers(user))
        assert refused.status_code == 422
    used = client.post(
        REDEEM, json={"code": second[waiting.uscc]["code"]}, headers=auth_headers(user)
    )
    assert used.status_code == 200


def test_another_firm_cannot_use_the_code_and_wrong_tries_burn_it(
    client, regulators, rolled, make_enterprise_account, auth_headers
):
    campaign, waiting, user = rolled
    code = issue(client, regulators["shijiazhuang"], campaign["id"])[waiting.uscc]["code"]
    _, stranger = make_enterprise_account(region="130102", verified=False)
    assert (
        client.post(REDEEM, json={"code": code}, headers=auth_headers(stranger)).status_code == 422
    )
    wrong = "0000 0000" if code != "0000 0000" else "1111 1111"
    statuses = [
        client.post(REDEEM, json={"code": wrong}, headers=auth_headers(user)).status_code
        for _ in range(5)
    ]
    assert statuses == [422, 422, 422, 422, 429]
    burnt = client.post(REDEEM, json={"code": code}, headers=auth_headers(user))
    assert burnt.status_code == 429
    db.session.expire_all()
    assert db.session.get(Enterprise, waiting.id).verification == "unverified"


def test_a_regulator_of_another_city_cannot_issue_codes_for_the_campaign(
    client, regulators, rolled
):
    campaign, *_ = rolled
    refused = client.post(
        issue_url(campaign["id"]), json={}, headers=regulators["tangshan"].headers
    )
    assert refused.status_code == 404


def test_a_firm_taken_off_the_roll_can_no_longer_use_its_letter(
    client, regulators, rolled, auth_headers
):
    campaign, waiting, user = rolled
    code = issue(client, regulators["shijiazhuang"], campaign["id"])[waiting.uscc]["code"]
    url = f"/api/v1/campaigns/{campaign['id']}/roll/{waiting.uscc}"
    assert client.delete(url, headers=regulators["shijiazhuang"].headers).status_code == 204
    refused = client.post(REDEEM, json={"code": code}, headers=auth_headers(user))
    assert refused.status_code == 422  # not a 500: the letter went with the roll entry
    db.session.expire_all()
    assert db.session.get(Enterprise, waiting.id).verification == "unverified"
