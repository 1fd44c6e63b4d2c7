"""flask users create | list | disable: staff accounts, and clear refusals of bad arguments."""

import re

import pytest
from sqlalchemy import select

from app.auth.models import User
from app.db import db

PASSWORD = "staff-password-1"


@pytest.fixture
def users(app):
    runner = app.test_cli_runner()

    def run(*args, input=None):
        return runner.invoke(args=["users", *args], input=input)

    return run


def stored(username: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def create(users, role, username, *extra):
    return users("create", "--role", role, "--username", username, "--password", PASSWORD, *extra)


@pytest.mark.parametrize("region", ["130000", "130100", "130181", "133100", "130102", "130638"])
def test_create_a_regulator_for_the_province_a_city_level_unit_or_a_county(users, region):
    result = create(users, "regulator", f"reg-{region}", "--region", region)
    assert result.exit_code == 0, result.output
    assert f"jurisdiction={region}" in result.output
    user = stored(f"reg-{region}")
    assert (user.role, user.jurisdiction, user.industries) == ("regulator", region, None)


def test_create_an_association_with_industries_and_a_name(users):
    result = create(
        users, "association", "textiles", "--industries", "C17, 18,C1772", "--name", "示例纺织协会"
    )
    assert result.exit_code == 0, result.output
    user = stored("textiles")
    assert user.industries == ["C17", "C18", "C1772"]
    assert user.display_name == "示例纺织协会"
    assert user.jurisdiction is None


def test_create_an_admin_who_can_then_sign_in(users, client):
    assert create(users, "admin", "Operator.One").exit_code == 0
    assert stored("operator.one").role == "admin"
    response = client.post(
        "/api/v1/auth/login", json={"username": "operator.one", "password": PASSWORD}
    )
    assert response.status_code == 200 and response.get_json()["role"] == "admin"


def test_create_asks_for_the_password_with_ask_password(users):
    result = users(
        "create",
        "--role",
        "admin",
        "--username",
        "asked",
        "--ask-password",
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert stored("asked").must_change_password is False


def test_without_a_password_a_temporary_one_is_made_printed_once_and_must_be_changed(users, client):
    result = users("create", "--role", "regulator", "--username", "new-desk", "--region", "130100")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "temporary password" in lines[-2]
    temporary = lines[-1]
    assert re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", temporary)
    assert stored("new-desk").must_change_password is True
    login = {"username": "new-desk", "password": temporary}
    tokens = client.post("/api/v1/auth/login", json=login).get_json()
    assert tokens["must_change_password"] is True


def test_a_typed_password_is_kept_unless_temporary_is_given(users, client):
    assert create(users, "admin", "kept").exit_code == 0
    assert stored("kept").must_change_password is False
    result = create(users, "admin", "to-change", "--temporary")
    assert result.exit_code == 0, result.output
    assert "changed at the first sign-in" in result.output
    assert PASSWORD not in result.output
    assert stored("to-change").must_change_password is True
    login = {"username": "to-change", "password": PASSWORD}
    assert client.post("/api/v1/auth/login", json=login).get_json()["must_change_password"] is True


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--temporary"], "--temporary needs --password"),
        (["--password", PASSWORD, "--ask-password"], "one or the other"),
    ],
)
def test_password_options_that_do_not_go_together_are_refused(users, args, says):
    result = users("create", "--role", "admin", "--username", "mixed", *args)
    assert result.exit_code != 0
    assert says in result.output
    assert db.session.scalar(select(User)) is None


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--role", "regulator", "--username", "r1"], "needs --region"),
        (["--role", "regulator", "--username", "r1", "--region", "130101"], "--region: Must be"),
        (["--role", "regulator", "--username", "r1", "--region", "110000"], "--region: Must be"),
        (["--role", "association", "--username", "a1"], "needs --industries"),
        (["--role", "association", "--username", "a1", "--industries", "C99"], "--industries"),
        (["--role", "association", "--username", "a1", "--industries", ","], "--industries"),
        (["--role", "admin", "--username", "x1", "--region", "130100"], "regulator only"),
        (["--role", "admin", "--username", "x1", "--industries", "C17"], "association only"),
        (["--role", "enterprise", "--username", "e1"], "--role"),
        (["--role", "admin", "--username", "no spaces"], "--username"),
        (["--role", "admin", "--username", "ab"], "--username"),
        (["--role", "admin", "--username", "91130100MA0CJH016P"], "--username"),
    ],
)
def test_create_refuses_bad_arguments_with_a_clear_message(users, args, says):
    result = users("create", *args, "--password", PASSWORD)
    assert result.exit_code != 0
    assert says in result.output
    assert db.session.scalar(select(User)) is None


@pytest.mark.parametrize(
    ("password", "says"),
    [
        ("short", "at least 10 characters"),
        ("1234567890", "common password"),
        ("weak-admin", "may not contain the username"),
    ],
)
def test_create_refuses_a_weak_password(users, password, says):
    result = users("create", "--role", "admin", "--username", "weak-admin", "--password", password)
    assert result.exit_code != 0
    assert says in result.output


def test_create_refuses_a_taken_username(users):
    assert create(users, "admin", "taken").exit_code == 0
    result = create(users, "admin", "taken")
    assert result.exit_code == 1
    assert "taken" in result.output


def test_list_shows_accounts_with_their_scope(users, make_enterprise_account):
    create(users, "regulator", "reg-sjz", "--region", "130100")
    create(users, "association", "assoc", "--industries", "C17")
    enterprise, _ = make_enterprise_account()
    result = users("list")
    assert result.exit_code == 0
    assert "reg-sjz" in result.output and "jurisdiction=130100" in result.output
    assert "industries=C17" in result.output
    assert enterprise.uscc in result.output
    only = users("list", "--role", "regulator")
    assert "reg-sjz" in only.output and "assoc" not in only.output


def test_disable_stops_sign_in_and_existing_tokens_and_enable_restores_sign_in(
    users, client, auth_headers
):
    create(users, "admin", "leaving")
    headers = auth_headers(stored("leaving"))
    result = users("disable", "leaving")
    assert result.exit_code == 0 and "disabled leaving" in result.output
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert "[disabled]" in users("list").output
    login = {"username": "leaving", "password": PASSWORD}
    assert client.post("/api/v1/auth/login", json=login).status_code == 401
    assert users("enable", "leaving").exit_code == 0
    assert client.post("/api/v1/auth/login", json=login).status_code == 200
    # The tokens of before the account was disabled stay dead.
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_disable_an_unknown_user_fails(users):
    result = users("disable", "nobody")
    assert result.exit_code == 1
    assert "no user" in result.output


def test_disable_an_enterprise_by_its_uscc_in_any_spelling(users, make_enterprise_account):
    enterprise, _ = make_enterprise_account()
    assert users("disable", enterprise.uscc.lower()).exit_code == 0
    assert stored(enterprise.uscc).disabled is True


def audit_rows(action: str) -> list:
    from app.audit.models import AuditEntry

    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


def test_create_disable_and_enable_are_audited_as_the_operator_s(users):
    assert create(users, "regulator", "reg-audited", "--region", "130100").exit_code == 0
    assert users("disable", "reg-audited").exit_code == 0
    assert users("enable", "reg-audited").exit_code == 0
    account = stored("reg-audited").id
    for action in ("account_create", "account_disable", "account_enable"):
        (entry,) = audit_rows(action)
        assert (entry.role, entry.user_id, entry.method) == ("cli", None, "CLI")
        assert entry.details["account"] == account
        assert entry.details["username"] == "reg-audited"
    (created,) = audit_rows("account_create")
    assert created.details["jurisdiction"] == "130100"


def test_a_refused_create_records_nothing(users):
    assert create(users, "regulator", "reg-refused", "--region", "999999").exit_code != 0
    assert audit_rows("account_create") == []
