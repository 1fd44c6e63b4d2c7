"""flask demo seed: demo data for trying the service (`make run` calls it at start-up).

Never in production: the demo passwords are published (README), so the seed refuses there and
sign-in refuses the demo usernames there even in a database seeded earlier for a trial.
"""

import click
from flask import current_app
from sqlalchemy import select

from app.auth.demo import DEMO_ACCOUNTS, DemoAccount
from app.auth.models import ENTERPRISE, User
from app.auth.service import create_staff_user, register_enterprise
from app.db import db


@click.group("demo")
def demo_cli():
    """Demo data."""


@demo_cli.command("seed")
def seed_command():
    """Create the demo accounts if absent and print how to sign in with them."""
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


def seed_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create the demo accounts that do not exist yet; (account, created) for each."""
    results = []
    for account in DEMO_ACCOUNTS:
        exists = _exists(account.username)
        if not exists:
            if account.role == ENTERPRISE:
                register_enterprise(
                    uscc=account.username,
                    name=account.display_name,
                    password=account.password,
                    **account.enterprise,
                )
            else:
                create_staff_user(
                    role=account.role,
                    username=account.username,
                    password=account.password,
                    display_name=account.display_name,
                    jurisdiction=account.jurisdiction,
                    industries=list(account.industries or ()),
                )
        results.append((account, not exists))
    return results


def _exists(username: str) -> bool:
    return db.session.scalar(select(User.id).where(User.username == username)) is not None
