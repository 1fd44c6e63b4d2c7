"""The export's columns: headers in zh or en, value labels, widths, and the XLSX sheet setup."""

from typing import BinaryIO

from xlsxwriter import Workbook

from app.i18n import localise
from app.messages.review import COLUMN_HEADS, VERIFIED_DIMENSION

# (header, width in characters) before and after the dimension columns.
LEADING = [
    (COLUMN_HEADS["company"], 32),
    (COLUMN_HEADS["uscc"], 22),
    (COLUMN_HEADS["region"], 12),
    (COLUMN_HEADS["industry_code"], 10),
    (COLUMN_HEADS["industry"], 26),
    (COLUMN_HEADS["size"], 8),
    (COLUMN_HEADS["questionnaire"], 16),
    (COLUMN_HEADS["version"], 8),
    (COLUMN_HEADS["revision"], 8),
    (COLUMN_HEADS["status"], 10),
    (COLUMN_HEADS["overall"], 10),
    (COLUMN_HEADS["level"], 10),
]
DIMENSION_WIDTH = 16
TRAILING = [
    (COLUMN_HEADS["red_flags"], 8),
    (COLUMN_HEADS["submitted_at"], 20),
    (COLUMN_HEADS["decided_at"], 20),
    (COLUMN_HEADS["comment"], 48),
]


def headers(lang: str, dimension_headers: list[str]) -> list[str]:
    """The export's header: 「已核验」 overall and per dimension follow the dimension scores."""
    shares = [
        localise(COLUMN_HEADS["verified"], lang),
        *(localise(VERIFIED_DIMENSION, lang).format(name=h) for h in dimension_headers),
    ]
    return [
        *(localise(text, lang) for text, _ in LEADING),
        *dimension_headers,
        *shares,
        *(localise(text, lang) for text, _ in TRAILING),
    ]


def widths(dimension_count: int) -> list[int]:
    return [
        *(width for _, width in LEADING),
        *([DIMENSION_WIDTH] * dimension_count),
        *(width for _, width in TRAILING),
    ]


def new_workbook(target: BinaryIO, header: list[str], *, title: str) -> Workbook:
    """A constant-memory workbook on target whose one sheet has a frozen, bold header and widths.

    constant_memory: each row goes to a temporary file once the next one starts, strings inline.
    """
    workbook = Workbook(target, {"constant_memory": True})
    sheet = workbook.add_worksheet(title[:31])
    sheet.freeze_panes(1, 0)
    for index, width in enumerate(widths(len(header) - len(LEADING) - len(TRAILING))):
        sheet.set_column(index, index, width)
    head = workbook.add_format(
        {"bold": True, "bg_color": "#DDEBF7", "pattern": 1, "text_wrap": True, "valign": "vcenter"}
    )
    for index, text in enumerate(header):
        sheet.write_string(0, index, text, head)
    return workbook
