"""Aggregates for associations and regulators, and benchmarks for enterprises."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the snapshot command."""
    from app.aggregates.cli import aggregates_cli

    app.cli.add_command(aggregates_cli)
