"""flask demo seed: demo data for trying the service (`make run` calls it at start-up)."""

import click
from flask import current_app

from app.db import db


@click.group("demo")
def demo_cli():
    """Demo data."""


@demo_cli.command("seed")
def seed_command():
    """Create the demo accounts if absent and print how to sign in with them."""
    from app.auth.demo import seed_demo_accounts

    if current_app.config["APP_ENV"] == "production":
        raise click.ClickException("demo accounts have published passwords; not in production")
    results = seed_demo_accounts()
    db.session.commit()
    click.echo("Demo accounts (fixed demo passwords, for trying the service only):")
    for account, created in results:
        state = "created" if created else "exists"
        click.echo(
            f"  {account.role:<12} {account.username:<20} {account.password:<22} "
            f"{account.display_name}  [{state}]"
        )
