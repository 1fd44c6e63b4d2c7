"""The roll as a list of firms: each with the state of each of its filings, filtered, paged.

One row per enterprise on the roll (the filings list, /filings, has one per enterprise and
questionnaire): the regulator's desk ticks firms to remind and takes firms off the roll, and
both act on a firm. A firm matches a state filter when any of its filings is in that state.
"""

from itertools import groupby

from sqlalchemy import ColumnElement, func, or_, select

from app.auth.models import VERIFIED
from app.campaigns.models import Campaign, RollEntry
from app.campaigns.progress import filing_rows, filings_source, filters
from app.db import db
from app.errors import ApiError
from app.messages.common import BAD_CURSOR
from app.reference.codes import region_name


def _search(text: str | None) -> list[ColumnElement[bool]]:
    """A USCC (or its start) or part of the roll's name for the firm."""
    text = (text or "").strip()
    if not text:
        return []
    upper = text.upper()
    return [
        or_(
            RollEntry.uscc.startswith(upper, autoescape=True),
            RollEntry.name.contains(text, autoescape=True),
        )
    ]


def _after(cursor: str) -> int:
    """The cursor is the last roll entry's id of the previous page."""
    if not cursor.isdigit() or len(cursor) > 18:
        raise ApiError(422, errors={"cursor": [BAD_CURSOR]})
    return int(cursor)


def list_roll(
    *, campaign: Campaign, args: dict, part: str | None = None
) -> tuple[list[dict], str | None, int]:
    """One page of the roll's firms matching args, the next page's cursor, and the match count."""
    source, state = filings_source(campaign, args.get("questionnaire"), part)
    matching = source.with_only_columns(RollEntry.id).where(
        *filters(args, state), *_search(args.get("q"))
    )
    total = db.session.scalar(select(func.count()).select_from(matching.distinct().subquery()))
    page = matching.distinct().order_by(RollEntry.id)
    if args.get("cursor"):
        page = page.where(RollEntry.id > _after(args["cursor"]))
    limit = args.get("limit", 50)
    ids = list(db.session.scalars(page.limit(limit + 1)))
    following = str(ids[limit - 1]) if len(ids) > limit else None
    ids = ids[:limit]
    if not ids:
        return [], None, total
    # Every filing of the page's firms, whatever the state filter: the row shows the firm whole.
    rows = filing_rows(campaign=campaign, args={"questionnaire": args.get("questionnaire")})
    rows = db.session.execute(rows.where(RollEntry.id.in_(ids)))
    firms = [_firm(list(group)) for _, group in groupby(rows, key=lambda row: row.entry_id)]
    return firms, following, total


def _firm(filings: list) -> dict:
    first = filings[0]
    return {
        "uscc": first.uscc,
        "name": first.name,
        "county": first.division,
        "county_name": region_name(first.division),
        "industry": first.industry,
        "size": first.size,
        "contact_name": first.contact_name,
        "contact_phone": first.contact_phone,
        "registered": first.enterprise_id is not None,
        "verified": first.verification == VERIFIED,
        "filings": [
            {
                "questionnaire": row.questionnaire,
                "state": row.state,
                "late": bool(row.late),
                # A draft is the enterprise's own business: the regulator opens submitted ones.
                "assessment_id": row.assessment_id if row.revision else None,
            }
            for row in filings
        ],
    }
