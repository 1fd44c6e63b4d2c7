"""flask demo seed: demo accounts and a synthetic province to try the service with."""

import click
from flask import current_app

from app.demo.seed import DEFAULT_ENTERPRISES, DEFAULT_SEED


@click.group("demo")
def demo_cli():
    """Demo data."""


@demo_cli.command("seed")
@click.option("--enterprises", default=DEFAULT_ENTERPRISES, show_default=True, type=int)
@click.option("--seed", "seed", default=DEFAULT_SEED, show_default=True, type=int)
@click.option("--no-reports", is_flag=True, help="Do not render the demo enterprise's reports.")
def seed_command(enterprises: int, seed: int, no_reports: bool):
    """Create the demo accounts and population if absent; print how to sign in."""
    from app.demo.showcase import seed_demo

    if current_app.config["APP_ENV"] == "production":
        raise click.ClickException("demo accounts have published passwords; not in production")
    outcome = seed_demo(seed=seed, enterprises=enterprises, render_reports=not no_reports)
    click.echo("Demo accounts (fixed demo passwords, for trying the service only):")
    for account, created in outcome.accounts:
        state = "created" if created else "exists"
        click.echo(
            f"  {account.role:<12} {account.username:<20} {account.password:<22} "
            f"{account.display_name}  [{state}]"
        )
    population = outcome.population
    click.echo(
        f"Demo population (seed {seed}): {population.enterprises} enterprises and "
        f"{population.submissions} submissions added, {population.skipped} already present; "
        f"demo enterprise: {outcome.demo_submissions} past assessments added, "
        f"{outcome.reports} reports rendered; snapshot {'taken' if outcome.snapshot else 'kept'}."
    )
    if outcome.campaign:
        click.echo(f"Demo campaign: {outcome.campaign} (the city regulator's roll, closing soon).")
    steps = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in outcome.phases.items())
    click.echo(f"demo seed took {outcome.seconds:.1f} s ({steps})")
