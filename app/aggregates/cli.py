"""flask aggregates snapshot: publish a snapshot now."""

import json
import sys

import click

from app.aggregates.snapshot.lease import acquire_lease, holder_name, take_snapshot_now
from app.aggregates.snapshot.take import latest_snapshot

aggregates_cli = click.Group("aggregates", help="Aggregates: publish snapshots.")


@aggregates_cli.command("snapshot")
def snapshot_command():
    """Take a snapshot now (the service also takes one a day by itself)."""
    holder = holder_name()
    if not acquire_lease(holder=holder):
        click.echo("another process is taking a snapshot; try again when it is done", err=True)
        sys.exit(1)
    take_snapshot_now(trigger="cli", holder=holder)
    snapshot = latest_snapshot()
    click.echo(f"snapshot {snapshot.id} taken at {snapshot.taken_at.isoformat()}")
    for part, counts in (snapshot.summary or {}).items():
        click.echo(f"  {part}: {json.dumps(counts, sort_keys=True)}")
