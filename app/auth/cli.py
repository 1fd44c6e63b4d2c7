"""flask service-tokens …: the tokens of integrations, as the admins' API issues them."""

import click
from flask import current_app

from app.auth.models import SERVICE_SCOPES
from app.auth.service_tokens import (
    issue_service_token,
    list_service_tokens,
    revoke_service_token,
    token_state,
)
from app.db import db
from app.errors import ApiError
from app.reference.codes import PROVINCE_CODE, is_jurisdiction_code


@click.group("service-tokens")
def service_tokens_cli():
    """Service tokens of integrations: issue, list, revoke (as the admins' API does)."""


@service_tokens_cli.command("issue")
@click.option("--name", required=True, help="who holds it, e.g. 省市场监管数据平台")
@click.option("--scope", "scopes", required=True, multiple=True, type=click.Choice(SERVICE_SCOPES))
@click.option("--region", default=PROVINCE_CODE, show_default=True, help="jurisdiction it reads")
@click.option("--days", type=click.IntRange(1, 3650), help="lifetime [default: SERVICE_TOKEN_DAYS]")
def issue_token_command(name, scopes, region, days):
    """Issue a token; it is printed this once, only its hash is kept."""
    if not is_jurisdiction_code(region):
        raise click.UsageError(
            "--region: 130000 (the province), a city-level code (130100) or a county (130102)"
        )
    days = days or current_app.config["SERVICE_TOKEN_DAYS"] or None
    try:
        token, secret = issue_service_token(
            name=name.strip(), scopes=list(scopes), jurisdiction=region, days=days, issued_by=None
        )
    except ApiError as exc:  # the name is taken
        raise click.ClickException(f"a service token named {name!r} exists already") from exc
    db.session.commit()
    click.echo(f"issued service token {token.id} {token.name!r}; shown once, keep it secret:")
    click.echo(secret)


@service_tokens_cli.command("list")
def list_tokens_command():
    """Every service token: id, state, scopes, region, expiry, name."""
    for token in list_service_tokens():
        expires = f"{token.expires_at:%Y-%m-%d}" if token.expires_at else "never"
        scopes = ",".join(token.scopes)
        click.echo(
            f"{token.id:>4}  {token_state(token):<8} {scopes}  region={token.jurisdiction}"
            f"  expires={expires}  {token.name}"
        )


@service_tokens_cli.command("revoke")
@click.argument("token_id", type=int)
def revoke_token_command(token_id):
    """Revoke a service token: it stops working at once."""
    try:
        token = revoke_service_token(token_id=token_id, revoked_by=None)
    except ApiError as exc:
        raise click.ClickException(f"no service token {token_id}") from exc
    db.session.commit()
    click.echo(f"revoked service token {token.id} {token.name!r}")
