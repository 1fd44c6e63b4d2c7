"""Fixtures of the dashboard tests: those of the campaign and aggregate tests."""

from tests.aggregates.conftest import population, snapshot  # noqa: F401
from tests.campaigns.conftest import make_campaign, regulators, upload  # noqa: F401
