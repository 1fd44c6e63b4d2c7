"""The scheduled tasks of an app, and running them once: what a cron line calls.

Each task runs in its own transaction, and one that fails does not stop the others: the command
exits non-zero at the end, so cron mails (or the scheduler logs) the failure. A task that must
never run on two replicas at once holds a lease of its own (the aggregate snapshot does); the
pruning tasks need none, since deleting the same old rows twice deletes them once.
"""

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

import click
from flask import Flask, current_app

from app.db import db

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    task: str
    ok: bool
    summary: str  # what it did, or the error
    seconds: float


def schedule(app: Flask, name: str, run: Callable[[], str]) -> None:
    """Add a task to what run-scheduled runs; run() says in a few words what it did."""
    tasks = app.extensions.setdefault("jobs.scheduled", {})
    if name in tasks:
        raise ValueError(f"scheduled task {name!r} is registered twice")
    tasks[name] = run


def run_scheduled(only: tuple[str, ...] = ()) -> list[Outcome]:
    """Run every scheduled task (or the ones named) once, in order of registration."""
    tasks = current_app.extensions.get("jobs.scheduled", {})
    unknown = sorted(set(only) - set(tasks))
    if unknown:
        raise KeyError(f"no scheduled task {', '.join(unknown)}; known: {', '.join(tasks)}")
    outcomes = []
    for name, run in tasks.items():
        if only and name not in only:
            continue
        started = time.monotonic()
        try:
            summary, ok = run(), True
            db.session.commit()
        except Exception as error:
            db.session.rollback()
            log.exception("scheduled task %s failed", name)
            summary, ok = f"failed: {type(error).__name__}: {error}", False
        finally:
            db.session.remove()
        outcomes.append(Outcome(name, ok, summary, round(time.monotonic() - started, 3)))
        log.info("scheduled task %s: %s", name, summary)
    return outcomes


@click.group("jobs")
def jobs_cli():
    """Scheduled work (docs/jobs.md)."""


@jobs_cli.command("run-scheduled")
@click.argument("tasks", nargs=-1)
def run_scheduled_command(tasks):
    """Run the scheduled tasks once (all, or those named); for a cron line every 15 minutes."""
    try:
        outcomes = run_scheduled(tuple(tasks))
    except KeyError as error:
        raise click.UsageError(error.args[0]) from error
    for outcome in outcomes:
        mark = "ok" if outcome.ok else "FAILED"
        click.echo(f"{outcome.task:<28} {mark:<6} {outcome.seconds:>7.2f}s  {outcome.summary}")
    if not all(outcome.ok for outcome in outcomes):
        sys.exit(1)


@jobs_cli.command("list")
def list_command():
    """List the scheduled tasks in the order they run."""
    for name, run in current_app.extensions.get("jobs.scheduled", {}).items():
        click.echo(f"{name:<28} {(run.__doc__ or '').strip()}")


def init_app(app: Flask) -> None:
    """Register the jobs CLI."""
    app.extensions.setdefault("jobs.scheduled", {})
    app.cli.add_command(jobs_cli)
