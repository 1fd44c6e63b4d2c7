"""Listing assessments in the caller's scope: filters, sort orders, keyset cursors, counts.

Pages are cut by keyset on (sort value, id), never by offset, so rows that arrive while a client
pages (new submissions) never shift a page or repeat a row. The cursor carries its sort order
and is refused under another one.
"""

import base64
import json
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, and_, func, or_, select, tuple_
from sqlalchemy.orm import contains_eager

from app.api import MAX_ID
from app.assessments.filters import filter_clauses
from app.assessments.models import STATUSES, Assessment
from app.auth import policy
from app.auth.models import REGULATOR, Enterprise
from app.db import db
from app.errors import ApiError
from app.messages.assessments import CURSOR_OTHER_SORT
from app.messages.common import BAD_CURSOR

# Sort name → the column sorted on (None: creation order, which is id order).
SORT_COLUMNS = {
    "created": None,
    "submitted_at": Assessment.submitted_at,
    "score": Assessment.overall,
    # Ascending, with updated_since: an increment pull that misses no row changed while it pages.
    "updated_at": Assessment.updated_at,
}
SORTS = tuple(f"{sign}{name}" for name in SORT_COLUMNS for sign in ("-", ""))


def default_sort(principal) -> str:
    """A regulator's queue shows the latest submissions first; an enterprise its newest rows."""
    return "-submitted_at" if principal.role == REGULATOR else "-created"


def encode_cursor(values: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode()


def _bad_cursor(detail=BAD_CURSOR) -> ApiError:
    return ApiError(422, errors={"cursor": [detail]})


def decode_cursor(cursor: str, sort: str) -> tuple[object, int]:
    """The (sort value, id) a cursor holds; 422 when it is malformed or of another sort."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise _bad_cursor() from exc
    last_id = values.get("id") if isinstance(values, dict) else None
    if not isinstance(last_id, int) or isinstance(last_id, bool) or not 0 < last_id <= MAX_ID:
        raise _bad_cursor()
    # Cursors from before sorting existed carry the id alone: newest-first creation order.
    if values.get("s", "-created") != sort:
        raise _bad_cursor(CURSOR_OTHER_SORT)
    value, column = values.get("v"), sort.lstrip("-")
    if value is None or column == "created":
        return None, last_id
    if column == "score":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _bad_cursor()
        return float(value), last_id
    try:
        moment = datetime.fromisoformat(value).astimezone(UTC)
    except (TypeError, ValueError, OverflowError) as exc:
        raise _bad_cursor() from exc
    return moment, last_id


def _cursor_for(row: Assessment, sort: str) -> str:
    column = SORT_COLUMNS[sort.lstrip("-")]
    value = getattr(row, column.key) if column is not None else None
    if isinstance(value, datetime):
        value = value.isoformat()
    return encode_cursor({"s": sort, "v": value, "id": row.id})


def _order_and_after(sort: str, cursor: str | None, *, submitted_only: bool = False):
    """ORDER BY of a sort (nulls last, id breaking ties) and the keyset clause after cursor.

    submitted_only: every row has a submission, hence a date and a score, and no NULLs to
    place: plain ASC/DESC, which an index on (column, id) serves both ways on both databases.
    """
    descending = sort.startswith("-")
    column = SORT_COLUMNS[sort.lstrip("-")]
    ident = Assessment.id.desc() if descending else Assessment.id.asc()
    no_nulls = submitted_only and column is not None and column.key in ("submitted_at", "overall")
    if column is None:
        order = [ident]
    else:
        first = column.desc() if descending else column.asc()
        order = [first if no_nulls else first.nulls_last(), ident]
    if not cursor:
        return order, None
    value, last_id = decode_cursor(cursor, sort)
    beyond = (lambda c, v: c < v) if descending else (lambda c, v: c > v)
    after_id = beyond(Assessment.id, last_id)
    if column is None:
        return order, after_id
    if value is None:
        return order, and_(column.is_(None), after_id)
    if no_nulls:
        # No NULLs: a row-value comparison, which both databases walk along the index.
        return order, beyond(tuple_(column, Assessment.id), tuple_(value, last_id))
    after: ColumnElement[bool] = or_(
        beyond(column, value), and_(column == value, after_id), column.is_(None)
    )
    return order, after


def _scoped(principal, args: dict, *, with_status: bool = True):
    return (
        select(Assessment)
        .join(Enterprise, Enterprise.id == Assessment.enterprise_id)
        .where(*policy.assessment_scope(principal), *filter_clauses(args, with_status=with_status))
    )


def list_assessments(
    *, principal, cursor=None, limit=20, sort=None, **filters
) -> tuple[list[Assessment], str | None]:
    """One page of the assessments in scope matching the filters, and the next page's cursor."""
    sort = sort or default_sort(principal)
    # A regulator sees submitted assessments only (policy.assessment_scope).
    order, after = _order_and_after(sort, cursor, submitted_only=principal.role == REGULATOR)
    query = _scoped(principal, filters).options(contains_eager(Assessment.enterprise))
    if after is not None:
        query = query.where(after)
    rows = list(db.session.scalars(query.order_by(*order).limit(limit + 1)).unique())
    next_cursor = _cursor_for(rows[limit - 1], sort) if len(rows) > limit else None
    return rows[:limit], next_cursor


def count_by_status(*, principal, **filters) -> dict[str, int]:
    """How many assessments in scope match the filters, per status (the status filter aside)."""
    query = (
        _scoped(principal, filters, with_status=False)
        .with_only_columns(Assessment.status, func.count())
        .group_by(Assessment.status)
    )
    counts = dict.fromkeys(STATUSES, 0)
    counts.update(dict(db.session.execute(query).all()))
    return counts
