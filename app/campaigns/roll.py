"""A campaign's roll: the columns of the file, each row checked, imported all or nothing."""

import re

from flask import current_app
from sqlalchemy import insert, select

from app.campaigns import invitations
from app.campaigns.models import Campaign, RollEntry
from app.db import db, utcnow
from app.errors import not_found
from app.messages.campaigns import (
    ALREADY_ON_ROLL,
    BAD_PHONE,
    NOT_IN_HEBEI,
    ROLL_OUTSIDE_JURISDICTION,
    UNKNOWN_INDUSTRY,
    UNKNOWN_SIZE,
)
from app.reference.codes import (
    industry,
    region_in_jurisdiction,
    region_name,
    unit_for_division_code,
)
from app.reference.uscc import MESSAGES as USCC_MESSAGES
from app.reference.uscc import InvalidUscc, validate_uscc
from app.tabular import Column, Report, read_table, validate_rows
from app.tabular.validate import CellError

SIZES = {
    "large": "large",
    "大型": "large",
    "大": "large",
    "medium": "medium",
    "中型": "medium",
    "中": "medium",
    "small": "small",
    "小型": "small",
    "小": "small",
    "micro": "micro",
    "微型": "micro",
    "微": "micro",
}
_PHONE = re.compile(r"[0-9+\- ]{5,20}")
INSERT_BATCH = 5000


def _uscc(text: str) -> str:
    try:
        return validate_uscc(text).code
    except InvalidUscc as error:
        raise CellError(USCC_MESSAGES[error.message_key]) from error


def _industry(text: str) -> str:
    entry = industry(text)
    if entry is None or entry["level"] != "class":
        raise CellError({k: v.format(code=text[:20]) for k, v in UNKNOWN_INDUSTRY.items()})
    return entry["code"]


def _size(text: str) -> str:
    size = SIZES.get(text.strip().lower())
    if size is None:
        raise CellError(UNKNOWN_SIZE)
    return size


def _phone(text: str) -> str:
    if not _PHONE.fullmatch(text):
        raise CellError(BAD_PHONE)
    return text


# Headers as a regulator's spreadsheet has them (Chinese) or as the API names them.
COLUMNS = [
    Column("uscc", ("统一社会信用代码", "信用代码", "USCC"), parse=_uscc, unique=True),
    Column("name", ("企业名称", "单位名称", "名称"), max_length=100),
    Column("industry", ("行业代码", "国民经济行业代码", "行业"), parse=_industry),
    Column("size", ("企业规模", "规模"), parse=_size),
    Column("contact_name", ("联系人", "contact"), required=False, max_length=50),
    Column("contact_phone", ("联系电话", "电话", "phone"), required=False, parse=_phone),
]


def _formatted(text: dict, **params) -> dict:
    return {lang: value.format(**params) for lang, value in text.items()}


def _row_check(campaign: Campaign):
    """Checks that need the campaign: the region, and rows already on its roll."""
    on_roll = dict(
        db.session.execute(
            select(RollEntry.uscc, RollEntry.row).where(RollEntry.campaign_id == campaign.id)
        ).all()
    )
    jurisdiction = region_name(campaign.jurisdiction) or campaign.jurisdiction

    def check(values: dict) -> dict[str, dict]:
        code = values["uscc"]
        division = code[2:8]
        if unit_for_division_code(division) is None:
            return {"uscc": _formatted(NOT_IN_HEBEI, division=division)}
        if not region_in_jurisdiction(division, campaign.jurisdiction):
            message = _formatted(
                ROLL_OUTSIDE_JURISDICTION, division=division, jurisdiction=jurisdiction
            )
            return {"uscc": message}
        if code in on_roll:
            return {"uscc": _formatted(ALREADY_ON_ROLL, row=on_roll[code])}
        return {}

    return check


def check_roll(*, campaign: Campaign, data: bytes, content_type: str | None) -> Report:
    """Every row of the file validated against the campaign; nothing written."""
    max_rows = current_app.config["ROLL_MAX_ROWS"]
    table = read_table(data, content_type, max_rows=max_rows)
    return validate_rows(table, COLUMNS, check=_row_check(campaign))


def insert_roll(*, campaign: Campaign, report: Report) -> int:
    """Insert the report's valid rows in the request's transaction (Core, in batches)."""
    now = utcnow()
    rows = [
        {
            "campaign_id": campaign.id,
            "uscc": values["uscc"],
            "name": values["name"],
            "division": values["uscc"][2:8],
            "region": unit_for_division_code(values["uscc"][2:8]),
            "industry": values["industry"],
            "size": values["size"],
            "contact_name": values["contact_name"],
            "contact_phone": values["contact_phone"],
            "row": number,
            "created_at": now,
        }
        for number, values in report.valid
    ]
    connection = db.session.connection()
    for start in range(0, len(rows), INSERT_BATCH):
        connection.execute(insert(RollEntry.__table__), rows[start : start + INSERT_BATCH])
    return len(rows)


def remove_from_roll(*, campaign: Campaign, uscc: str) -> RollEntry:
    """Delete the firm's entry (404 when it is not on the roll); its assessments are its own."""
    entry = db.session.scalar(
        select(RollEntry).where(
            RollEntry.campaign_id == campaign.id, RollEntry.uscc == uscc.upper()
        )
    )
    if entry is None:
        raise not_found()
    db.session.delete(entry)
    db.session.flush()
    invitations.revoke_if_off_every_roll(entry.uscc)
    return entry
