"""Regulator review: decisions on submitted revisions, revision diffs, exports and the audit log."""
