"""flask questionnaires check|publish|draft|versions|changes|publish-version|retire."""

import json
import sys
from pathlib import Path

import click
from sqlalchemy.exc import IntegrityError

from app.db import db
from app.errors import ApiError
from app.questionnaires import versions
from app.questionnaires.loader import check_files
from app.questionnaires.service import publish_questionnaire, questionnaire_files

questionnaires_cli = click.Group(
    "questionnaires", help="Questionnaire files and versions: the console's steps, scripted."
)


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
        except (IntegrityError, ApiError) as exc:
            if isinstance(exc, ApiError) and exc.code != 409:
                raise
            # Another process published the same key at the same moment; its version stands.
            db.session.rollback()
            click.echo(f"{path.name}: published concurrently by another process, skipped")
            continue
        state = "published as" if outcome.created else "unchanged at"
        click.echo(f"{outcome.key}: {state} version {outcome.version} ({path.name})")


def _fail(exc: ApiError) -> None:
    """Print what the API would have answered, and exit 1."""
    detail = exc.detail_text
    if isinstance(detail, dict):
        detail = detail["en"].format(**exc.params)
    click.echo(f"refused ({exc.code}): {detail}", err=True)
    for problem in exc.extra.get("problems", []):
        click.echo(
            f"line {problem['line']}: {problem['question']}: {problem['field']}: "
            f"{problem['message']}",
            err=True,
        )
    sys.exit(1)


@questionnaires_cli.command("draft")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def draft_command(path):
    """Store a file as a draft version (nothing is published); problems listed by line."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        row, created = versions.store_draft(text=text, filename=path, by=versions.CLI)
    except ApiError as exc:
        _fail(exc)
    db.session.commit()
    said = "stored as draft" if created else f"same content as the {row.state}"
    click.echo(f"{row.key}: {said} version {row.version}")


@questionnaires_cli.command("versions")
def versions_command():
    """List every version: state, drafts and submissions on it."""
    usage = versions.usage_counts()
    for row in versions.list_versions():
        drafts, submissions = usage.get(row.id, (0, 0))
        click.echo(f"{row.key} {row.version} {row.state} drafts={drafts} submissions={submissions}")


@questionnaires_cli.command("changes")
@click.argument("key")
@click.argument("version", type=int)
@click.option("--since", type=int, help="compare with this version (default: the current one)")
def changes_command(key, version, since):
    """What changed from another version to this one, as JSON."""
    try:
        _, changes = versions.version_changes(key=key, version=version, since=since)
    except ApiError as exc:
        _fail(exc)
    click.echo(json.dumps(changes, ensure_ascii=False, indent=2))


def _transition(change, key: str, version: int, done: str) -> None:
    try:
        row = change(key=key, version=version, by=versions.CLI)
    except ApiError as exc:
        _fail(exc)
    db.session.commit()
    click.echo(f"{row.key}: version {row.version} {done}")


@questionnaires_cli.command("publish-version")
@click.argument("key")
@click.argument("version", type=int)
def publish_version_command(key, version):
    """Publish a draft version: new assessments start on it."""
    _transition(versions.publish_version, key, version, "published")


@questionnaires_cli.command("retire")
@click.argument("key")
@click.argument("version", type=int)
def retire_command(key, version):
    """Retire a published version: drafts on it keep it; no new assessment starts on it."""
    _transition(versions.retire_version, key, version, "retired")
