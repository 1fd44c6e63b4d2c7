"""`flask --app wsgi reports worker | fonts | pending`: the report worker and its chores."""

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from app.db import db

from .models import Report

reports_cli = AppGroup("reports", help="Enterprise reports: the render worker and its chores.")


@reports_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@click.option("--simple", is_flag=True, help="Run jobs in this process instead of forking.")
def worker_command(burst: bool, simple: bool):
    """Render queued reports (needs REDIS_URL)."""
    from .worker import run_worker

    if not current_app.config.get("REDIS_URL"):
        raise click.UsageError(
            "REDIS_URL is not set: without it reports are rendered in the web process, "
            "and no worker is needed"
        )
    run_worker(burst=burst, simple=simple)


@reports_cli.command("fonts")
def fonts_command():
    """Prepare the report fonts in FONT_CACHE_DIR ahead of time (deploy or image build)."""
    from .worker import prepare_fonts

    prepare_fonts()
    click.echo(f"report fonts ready in {current_app.config['FONT_CACHE_DIR']}")


@reports_cli.command("pending")
@click.option("--render", is_flag=True, help="Queue them (REDIS_URL) or render them here.")
@click.option("--failed-only", is_flag=True, help="Only the failed ones, not those pending.")
def pending_command(render: bool, failed_only: bool):
    """List reports that are not ready (pending or failed); with --render, render them again."""
    from . import queue
    from .service import render_stored

    # A pending row may have a job on its way; --failed-only leaves those to it.
    wanted = Report.status == "failed" if failed_only else Report.status != "ready"
    rows = db.session.scalars(select(Report).where(wanted).order_by(Report.id))
    pending = list(rows)
    for report in pending:
        click.echo(
            f"{report.id}\tsubmission {report.submission_id}\t{report.lang}\t{report.status}"
            f"\tattempts {report.attempts}\t{report.error or ''}"
        )
        if not render:
            continue
        if queue.queue_enabled():
            queue.enqueue_render(report.id)
        else:
            try:
                render_stored(report_id=report.id)
            except Exception as error:  # recorded on the row and logged; go on with the rest
                click.echo(f"  failed again: {error}", err=True)
    click.echo(f"{len(pending)} report(s) not ready")
