"""How a history names who acted: display names, never login names (docs/api.md)."""

from collections.abc import Iterable

from sqlalchemy import select

from app.auth.models import ENTERPRISE, REGULATOR, User
from app.db import db
from app.i18n import current_language, localise
from app.messages import auth as messages
from app.reference.codes import county_place, is_county_code, region_name


def actor_names(user_ids: Iterable[int], *, for_enterprise: bool = False) -> dict[int, str]:
    """Display names by id, for a history the caller may read: login names are never shown.

    for_enterprise: a staff account whose only name is its login name is shown by its office,
    since that name would tell the firm which username to try; staff read each other's names.
    """
    ids = set(user_ids)
    if not ids:
        return {}
    rows = select(User.id, User.username, User.display_name, User.role, User.jurisdiction)
    found = db.session.execute(rows.where(User.id.in_(ids)))
    return {row.id: _shown_name(row) if for_enterprise else row.display_name for row in found}


def _shown_name(user) -> str:
    """The account's own name, or its office when the name is only its login name."""
    named = user.display_name and user.display_name.casefold() != user.username.casefold()
    if named or user.role == ENTERPRISE:
        return user.display_name
    lang = current_language()
    if user.role != REGULATOR:
        return localise(messages.STAFF_BY_OFFICE[user.role], lang)
    office = _office_name(user.jurisdiction, lang)
    if not office:
        return localise(messages.STAFF_BY_OFFICE["regulator_unnamed"], lang)
    return localise(messages.STAFF_BY_OFFICE["regulator"], lang).format(region=office)


def _office_name(jurisdiction: str | None, lang: str) -> str | None:
    """河北省, 石家庄市, or a county as its bureau is named (石家庄市桥西区, 正定县)."""
    if not jurisdiction:
        return None
    if is_county_code(jurisdiction):
        return county_place(jurisdiction)  # as the report's contacts name the county's bureau
    return region_name(jurisdiction, lang)
