"""Deleting rows that have outlived their use, a batch at a time."""

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import InstrumentedAttribute

from app.db import db

# Small enough that one batch holds its row locks only briefly beside live requests.
BATCH = 5000


def delete_older_than(column: InstrumentedAttribute, cutoff: datetime) -> int:
    """Delete the rows whose column is before cutoff, committing each batch; how many."""
    model = column.class_
    (key,) = model.__mapper__.primary_key
    total = 0
    while True:
        batch = select(key).where(column < cutoff).limit(BATCH).scalar_subquery()
        deleted = db.session.execute(delete(model).where(key.in_(batch))).rowcount
        db.session.commit()
        total += deleted
        if deleted < BATCH:
            return total
