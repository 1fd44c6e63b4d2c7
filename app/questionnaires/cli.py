"""flask questionnaires check|publish."""

import sys

import click
from sqlalchemy.exc import IntegrityError

from app.db import db
from app.questionnaires.loader import check_files
from app.questionnaires.service import publish_questionnaire, questionnaire_files

questionnaires_cli = click.Group("questionnaires", help="Questionnaire files: check and publish.")


@questionnaires_cli.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
def check_command(paths):
    """Validate questionnaire files; list every problem and exit 1 if there is any."""
    problems = check_files(list(paths))
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        sys.exit(1)
    click.echo(f"ok: {len(paths)} file(s)")


@questionnaires_cli.command("publish")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False))
def publish_command(paths):
    """Publish each file whose content changed as a new immutable version."""
    files = questionnaire_files(list(paths))
    problems = check_files([str(f) for f in files])
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    for path in files:
        try:
            outcome = publish_questionnaire(path=path)
            db.session.commit()
        except IntegrityError:
            # Another process published the same key at the same moment; its version stands.
            db.session.rollback()
            click.echo(f"{path.name}: published concurrently by another process, skipped")
            continue
        state = "published as" if outcome.created else "unchanged at"
        click.echo(f"{outcome.key}: {state} version {outcome.version} ({path.name})")
