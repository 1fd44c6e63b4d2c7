"""flask users …: staff accounts from the shell, through the console's service code."""

import click
from marshmallow import ValidationError

from app.accounts.service import temporary_password
from app.audit.models import ACCOUNT_CREATE, ACCOUNT_DISABLE, ACCOUNT_ENABLE
from app.audit.service import record_event
from app.auth.models import ASSOCIATION, REGULATOR, ROLES, STAFF_ROLES
from app.auth.schemas import StaffCreateSchema
from app.auth.service import AccountError, create_staff_user, list_users, set_user_disabled
from app.db import db
from app.i18n import translate_field_message

# CLI option names of the schema's fields, so that errors name what the operator typed.
_OPTIONS = {"jurisdiction": "--region", "display_name": "--name"}


@click.group("users")
def users_cli():
    """Staff accounts: regulators, associations, admins."""


def _explain(errors: dict) -> str:
    lines = []
    for field, texts in errors.items():
        option = _OPTIONS.get(field, f"--{field}")
        for text in texts if isinstance(texts, list) else [texts]:
            if isinstance(text, dict):  # a list field: {index: [messages]}
                text = next(iter(text.values()))[0]
            english, chinese = (translate_field_message(text, lang) for lang in ("en", "zh"))
            lines.append(f"{option}: {english} / {chinese}")
    return "\n".join(lines)


@users_cli.command("create")
@click.option("--role", required=True, type=click.Choice(STAFF_ROLES))
@click.option("--username", required=True)
@click.option(
    "--password",
    help="the operator's choice (it must pass the password rules); left out: a temporary "
    "password is made, printed once and changed at the first sign-in",
)
@click.option(
    "--ask-password",
    is_flag=True,
    help="ask for the password instead of --password (keeps it out of the shell history)",
)
@click.option(
    "--temporary", is_flag=True, help="the password typed must be changed at the first sign-in"
)
@click.option(
    "--region", help="regulator: 130000 (the province), a city-level code or a county code"
)
@click.option("--industries", help="association: GB/T 4754-2017 codes, e.g. C17,C18")
@click.option("--name", help="the name shown for the account")
def create_command(role, username, password, ask_password, temporary, region, industries, name):
    """Create a staff account (with a temporary password unless one is typed)."""
    if region and role != REGULATOR:
        raise click.UsageError("--region applies to a regulator only")
    if industries and role != ASSOCIATION:
        raise click.UsageError("--industries applies to an association only")
    if role == REGULATOR and not region:
        raise click.UsageError(
            "a regulator needs --region: 130000, a city-level code (130100) or a county (130102)"
        )
    if role == ASSOCIATION and not industries:
        raise click.UsageError("an association needs --industries, e.g. C17,C18")
    if ask_password and password is not None:
        raise click.UsageError("--password and --ask-password: one or the other")
    if ask_password:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    generated = password is None
    if generated and temporary:
        raise click.UsageError(
            "--temporary needs --password (a made password is temporary already)"
        )
    given = {"role": role, "username": username, "display_name": name}
    if not generated:  # a made password is random: the rules are for what people choose
        given["password"] = password
    if region:
        given["jurisdiction"] = region
    if industries:
        given["industries"] = [code.strip() for code in industries.split(",") if code.strip()]
    try:
        fields = StaffCreateSchema().load(given)
        if generated:
            fields["password"] = temporary_password()
        user = create_staff_user(**fields, must_change_password=generated or temporary)
    except ValidationError as exc:
        raise click.UsageError(_explain(exc.messages)) from exc
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    _audit(ACCOUNT_CREATE, user, {"role": user.role, "jurisdiction": user.jurisdiction})
    db.session.commit()
    click.echo(f"created {user.role} {user.username}{_scope(user)}")
    if generated:
        click.echo("temporary password (shown once; changed at the first sign-in):")
        click.echo(fields["password"])
    elif temporary:
        click.echo("the password must be changed at the first sign-in")


@users_cli.command("list")
@click.option("--role", type=click.Choice(ROLES))
def list_command(role):
    """List accounts (optionally of one role)."""
    for user in list_users(role=role):
        state = "  [disabled]" if user.disabled else ""
        click.echo(f"{user.role:<12} {user.username:<24} {user.display_name}{_scope(user)}{state}")


@users_cli.command("disable")
@click.argument("username")
def disable_command(username):
    """Disable an account; its tokens stop working at once."""
    _set_disabled(username, True)


@users_cli.command("enable")
@click.argument("username")
def enable_command(username):
    """Enable a disabled account again."""
    _set_disabled(username, False)


def _set_disabled(username: str, disabled: bool) -> None:
    try:
        user = set_user_disabled(username=username, disabled=disabled)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    _audit(ACCOUNT_DISABLE if disabled else ACCOUNT_ENABLE, user, None)
    db.session.commit()
    click.echo(f"{'disabled' if disabled else 'enabled'} {user.username}")


def _audit(action: str, user, details: dict | None) -> None:
    # The same event the console records (app/accounts/service.py), by the server's operator:
    # role "cli", no user. Committed with the change it records, or not at all.
    record_event(
        action=action,
        role="cli",
        status=200,
        in_session=True,
        details={"account": user.id, "username": user.username, **(details or {})},
    )


def _scope(user) -> str:
    if user.jurisdiction:
        return f"  jurisdiction={user.jurisdiction}"
    if user.industries:
        return f"  industries={','.join(user.industries)}"
    return ""
