"""The administrator's accounts: list and search, create with a temporary password, disable."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.models import User
from app.db import db, utcnow
from tests.fixtures.data import PASSWORD

ACCOUNTS = "/api/v1/accounts"


@pytest.fixture
def admin(make_staff_account, auth_headers):
    user = make_staff_account("admin", username="console-admin")
    return auth_headers(user)


def usernames(response) -> list[str]:
    assert response.status_code == 200, response.get_json()
    return [item["username"] for item in response.get_json()["items"]]


def test_the_list_finds_accounts_by_role_region_industry_state_and_text(
    client, admin, make_enterprise_account, make_staff_account
):
    _towel, towel_user = make_enterprise_account(
        region="130102", industry="C1772", name="冀华毛巾有限公司"
    )
    _steel, steel_user = make_enterprise_account(region="130203", industry="C3120")
    sjz = make_staff_account("regulator", username="reg-sjz", jurisdiction="130100")
    make_staff_account("regulator", username="reg-ts", jurisdiction="130200")
    textile = make_staff_account("association", username="textile", industries=["C17"])
    make_staff_account("association", username="metal", industries=["C31"])
    steel_user.disabled = True
    sjz.last_sign_in_at = utcnow() - timedelta(days=40)
    db.session.commit()

    assert usernames(client.get(ACCOUNTS, query_string={"role": "regulator"}, headers=admin)) == [
        "reg-ts",
        "reg-sjz",
    ]
    by_city = usernames(client.get(ACCOUNTS, query_string={"region": "130100"}, headers=admin))
    assert set(by_city) == {"reg-sjz", towel_user.username}
    # A county: the enterprises registered there (characters 3–8 of the USCC).
    by_county = usernames(client.get(ACCOUNTS, query_string={"region": "130102"}, headers=admin))
    assert by_county == [towel_user.username]
    by_industry = usernames(client.get(ACCOUNTS, query_string={"industry": "C1772"}, headers=admin))
    assert set(by_industry) == {towel_user.username, textile.username}
    disabled = usernames(client.get(ACCOUNTS, query_string={"state": "disabled"}, headers=admin))
    assert disabled == [steel_user.username]
    found = usernames(client.get(ACCOUNTS, query_string={"q": "毛巾"}, headers=admin))
    assert found == [towel_user.username]
    old = {"signed_in_to": (utcnow() - timedelta(days=30)).date().isoformat()}
    assert usernames(client.get(ACCOUNTS, query_string=old, headers=admin)) == ["reg-sjz"]
    never = usernames(
        client.get(
            ACCOUNTS, query_string={"never_signed_in": "true", "role": "association"}, headers=admin
        )
    )
    assert set(never) == {"textile", "metal"}


def test_the_list_pages_with_a_cursor_and_a_link(client, admin, make_staff_account):
    for n in range(5):
        make_staff_account("regulator", username=f"page-{n}", jurisdiction="130100")
    first = client.get(ACCOUNTS, query_string={"role": "regulator", "limit": 3}, headers=admin)
    page = first.get_json()
    assert [i["username"] for i in page["items"]] == ["page-4", "page-3", "page-2"]
    assert first.headers["Link"] == f'<{page["next"]}>; rel="next"'
    second = client.get(page["next"], headers=admin).get_json()
    assert [i["username"] for i in second["items"]] == ["page-1", "page-0"]
    assert second["next"] is None
    bad = client.get(ACCOUNTS, query_string={"cursor": "!!"}, headers=admin)
    assert bad.status_code == 422 and "cursor" in bad.get_json()["errors"]


def test_a_created_regulator_must_change_its_temporary_password_before_anything_else(client, admin):
    body = {
        "role": "regulator",
        "username": "Zhang.Wei",
        "display_name": "石家庄市局",
        "jurisdiction": "130100",
    }
    created = client.post(ACCOUNTS, json=body, headers=admin)
    assert created.status_code == 201, created.get_json()
    answer = created.get_json()
    assert answer["account"]["username"] == "zhang.wei"
    assert answer["account"]["state"] == "password_change"
    assert answer["account"]["jurisdiction_name"] == "石家庄市"
    temporary = answer["temporary_password"]
    signed = client.post(
        "/api/v1/auth/login", json={"username": "zhang.wei", "password": temporary}
    )
    tokens = signed.get_json()
    assert tokens["must_change_password"] is True
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    refused = client.get("/api/v1/assessments", headers=headers)
    assert refused.status_code == 403
    assert refused.get_json()["type"].endswith(":password-change-required")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    changed = client.post(
        "/api/v1/me/password",
        json={"current_password": temporary, "new_password": "石家庄市局今年的新密码"},
        headers=headers,
    )
    assert changed.status_code == 200
    assert changed.get_json()["must_change_password"] is False
    fresh = {"Authorization": f"Bearer {changed.get_json()['access_token']}"}
    assert client.get("/api/v1/assessments", headers=fresh).status_code == 200
    event = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "account_create"))
    assert event.details["username"] == "zhang.wei"


def test_an_association_is_created_with_its_industries(client, admin):
    body = {"role": "association", "username": "textile-assoc", "industries": ["C17", "1772"]}
    created = client.post(ACCOUNTS, json=body, headers=admin)
    assert created.status_code == 201
    assert created.get_json()["account"]["industries"] == ["C17", "C1772"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"role": "regulator", "username": "r1"}, "username"),
        ({"role": "regulator", "username": "reg-x", "jurisdiction": "110000"}, "jurisdiction"),
        ({"role": "regulator", "username": "reg-x"}, "jurisdiction"),
        ({"role": "association", "username": "assoc-x", "industries": []}, "industries"),
        ({"role": "association", "username": "assoc-x", "industries": ["Z99"]}, "industries.0"),
        ({"role": "enterprise", "username": "ent-x"}, "role"),
    ],
)
def test_bad_accounts_are_refused_naming_the_field(client, admin, body, field):
    response = client.post(ACCOUNTS, json=body, headers=admin)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["errors"]
    assert db.session.scalar(select(User).where(User.username == body["username"])) is None


def test_a_taken_username_is_a_409(client, admin, make_staff_account):
    make_staff_account("regulator", username="taken-name", jurisdiction="130100")
    body = {"role": "regulator", "username": "taken-name", "jurisdiction": "130200"}
    response = client.post(ACCOUNTS, json=body, headers=admin)
    assert response.status_code == 409
    assert "username" in response.get_json()["errors"]


def test_disabling_stops_the_accounts_tokens_at_once_and_enabling_lets_it_sign_in_again(
    client, admin, make_enterprise_account, auth_headers
):
    _enterprise, user = make_enterprise_account()
    headers = auth_headers(user)
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    disabled = client.post(f"{ACCOUNTS}/{user.id}/disable", headers=admin)
    assert disabled.status_code == 200 and disabled.get_json()["state"] == "disabled"
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    login = {"username": user.username, "password": PASSWORD}
    assert client.post("/api/v1/auth/login", json=login).status_code == 401
    enabled = client.post(f"{ACCOUNTS}/{user.id}/enable", headers=admin)
    assert enabled.get_json()["state"] == "active"
    assert client.post("/api/v1/auth/login", json=login).status_code == 200
    assert client.get("/api/v1/me", headers=headers).status_code == 401  # old tokens stay dead
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.action.like("account_%")).order_by(AuditEntry.id)
    ).all()
    assert actions == ["account_disable", "account_enable"]


def test_an_admin_cannot_disable_itself_and_an_unknown_account_is_404(client, admin):
    me = client.get("/api/v1/me", headers=admin).get_json()
    assert client.post(f"{ACCOUNTS}/{me['id']}/disable", headers=admin).status_code == 409
    assert client.post(f"{ACCOUNTS}/999999/disable", headers=admin).status_code == 404
    assert client.get(f"{ACCOUNTS}/999999/sign-ins", headers=admin).status_code == 404


def test_recent_sign_ins_list_successes_and_failures_newest_first(
    client, admin, make_staff_account
):
    user = make_staff_account("regulator", username="watched", jurisdiction="130100")
    client.post("/api/v1/auth/login", json={"username": "watched", "password": "wrong password"})
    client.post("/api/v1/auth/login", json={"username": "watched", "password": PASSWORD})
    items = client.get(f"{ACCOUNTS}/{user.id}/sign-ins", headers=admin).get_json()["items"]
    assert [item["status"] for item in items] == [200, 401]
    account = client.get(f"{ACCOUNTS}/{user.id}", headers=admin).get_json()
    assert account["last_sign_in_at"] is not None


def test_a_temporary_password_still_refreshes_reads_me_and_signs_out(client, admin):
    body = {"role": "admin", "username": "new-admin"}
    temporary = client.post(ACCOUNTS, json=body, headers=admin).get_json()["temporary_password"]
    login = {"username": "new-admin", "password": temporary}
    tokens = client.post("/api/v1/auth/login", json=login).get_json()
    access = {"Authorization": f"Bearer {tokens['access_token']}"}
    refresh = {"Authorization": f"Bearer {tokens['refresh_token']}"}
    assert client.get(ACCOUNTS, headers=access).status_code == 403
    assert client.get("/api/v1/me", headers=access).status_code == 200
    renewed = client.post("/api/v1/auth/refresh", headers=refresh)
    assert renewed.status_code == 200 and renewed.get_json()["must_change_password"] is True
    assert client.post("/api/v1/auth/logout", headers=access).status_code == 204


def test_a_county_regulator_is_created_and_listed_with_its_county(client, admin):
    body = {"role": "regulator", "username": "reg-changan", "jurisdiction": "130102"}
    created = client.post(ACCOUNTS, json=body, headers=admin)
    assert created.status_code == 201, created.get_json()
    account = created.get_json()["account"]
    assert (account["jurisdiction"], account["jurisdiction_name"]) == ("130102", "长安区")
    listed = client.get(ACCOUNTS, query_string={"region": "130102"}, headers=admin).get_json()
    assert "reg-changan" in [item["username"] for item in listed["items"]]


@pytest.mark.parametrize(
    "code",
    [
        "130101",  # 石家庄市辖区: a historical code, no county today
        "130182",  # 藁城市: now 藁城区 130109
        "130171",  # a development zone: not a county of the list
        "110105",  # Beijing
        "13010",
    ],
)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_jurisdiction_that_is_no_hebei_county_or_unit_is_a_422_naming_it(
    client, admin, code, lang
):
    body = {"role": "regulator", "username": f"reg-{code}", "jurisdiction": code}
    response = client.post(ACCOUNTS, json=body, headers={**admin, "Accept-Language": lang})
    assert response.status_code == 422
    [message] = response.get_json()["errors"]["jurisdiction"]
    assert ("区县代码" if lang == "zh" else "county code") in message
