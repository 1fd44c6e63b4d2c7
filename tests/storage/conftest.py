"""Fixtures of the blob store tests: a store of each backend, against real servers."""

import pytest

from tests.storage.servers import storage_settings  # noqa: F401  (a fixture)


@pytest.fixture
def store(storage_settings):  # noqa: F811
    """A fresh store of each backend (local directory; S3 on the test server)."""
    from app.storage import store_from_config

    store = store_from_config({"REPORT_DIR": None, **storage_settings})
    store.ping()  # creates the local directory, as a deployment's readiness check would
    return store
