"""flask demo seed: one account per role, idempotent, each able to sign in with its password."""

import pytest

from app.auth.demo import DEMO, DEMO_ACCOUNTS
from app.reference.uscc import validate_uscc

# The accounts alone: the population and reports are tested in tests/demo.
SEED = ["demo", "seed", "--enterprises", "0", "--no-reports"]


def test_seed_creates_every_demo_account_once_and_prints_how_to_sign_in(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=SEED)
    assert first.exit_code == 0, first.output
    for account in DEMO_ACCOUNTS:
        assert account.username in first.output and account.password in first.output
    assert first.output.count("[created]") == len(DEMO_ACCOUNTS)
    again = runner.invoke(args=SEED)
    assert again.exit_code == 0
    assert again.output.count("[exists]") == len(DEMO_ACCOUNTS)


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.key)
def test_each_demo_account_signs_in_with_its_published_password(app, client, account):
    app.test_cli_runner().invoke(args=SEED)
    response = client.post(
        "/api/v1/auth/login", json={"username": account.username, "password": account.password}
    )
    assert response.status_code == 200
    me = client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {response.get_json()['access_token']}"}
    ).get_json()
    assert me["role"] == account.role
    assert me["display_name"] == account.display_name
    if account.jurisdiction:
        assert me["jurisdiction"] == account.jurisdiction
    if account.industries:
        assert me["industries"] == list(account.industries)


def test_the_demo_enterprise_is_a_towel_maker_in_shijiazhuang_with_a_valid_code(app, client):
    app.test_cli_runner().invoke(args=SEED)
    code = validate_uscc(DEMO["enterprise"].username)
    assert code.region == "130100"
    assert DEMO["enterprise"].enterprise["industry"] == "C1772"


def test_seed_refuses_to_run_in_production(app, monkeypatch):
    monkeypatch.setitem(app.config, "APP_ENV", "production")
    result = app.test_cli_runner().invoke(args=SEED)
    assert result.exit_code == 1
    assert "not in production" in result.output


def test_the_readme_lists_every_demo_account_with_its_password():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for account in DEMO_ACCOUNTS:
        assert f"`{account.username}` | `{account.password}`" in readme
