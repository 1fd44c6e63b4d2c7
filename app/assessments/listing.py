"""Listing assessments in the caller's scope with filters and keyset (cursor) pagination."""

import base64
import json

from sqlalchemy import extract, func, select

from app.api import MAX_ID
from app.assessments.models import Assessment
from app.auth import policy
from app.db import db
from app.errors import ApiError

BAD_CURSOR = {"zh": "分页游标无效。", "en": "The cursor is not valid."}


def encode_cursor(values: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode()


def decode_cursor(cursor: str) -> dict:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(422, errors={"cursor": [BAD_CURSOR]}) from exc
    last_id = values.get("id") if isinstance(values, dict) else None
    if not isinstance(last_id, int) or isinstance(last_id, bool) or not 0 < last_id <= MAX_ID:
        raise ApiError(422, errors={"cursor": [BAD_CURSOR]})
    return values


def list_assessments(
    *, principal, status=None, questionnaire=None, year=None, cursor=None, limit=20
) -> tuple[list[Assessment], str | None]:
    """Newest first; the cursor is the last id seen, so new rows never shift a page."""
    query = select(Assessment).where(*policy.assessment_scope(principal))
    if status:
        query = query.where(Assessment.status == status)
    if questionnaire:
        query = query.where(Assessment.questionnaire_key == questionnaire)
    if year:
        when = func.coalesce(Assessment.submitted_at, Assessment.created_at)
        query = query.where(extract("year", when) == year)
    if cursor:
        query = query.where(Assessment.id < decode_cursor(cursor)["id"])
    rows = list(db.session.scalars(query.order_by(Assessment.id.desc()).limit(limit + 1)).unique())
    next_cursor = encode_cursor({"id": rows[limit - 1].id}) if len(rows) > limit else None
    return rows[:limit], next_cursor
