"""Regulator review: decisions on submitted revisions, revision diffs and exports."""
