"""Aggregates for associations and regulators, and benchmarks for enterprises."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Register the snapshot command and the benchmark that results show."""
    from app.aggregates.cli import aggregates_cli
    from app.aggregates.read.benchmark import benchmark_position

    app.cli.add_command(aggregates_cli)
    app.extensions["benchmark"] = benchmark_position
