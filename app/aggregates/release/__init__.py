"""Disclosure control between snapshots (pure): which changes a new snapshot may release."""
