"""The export's columns: headers in zh or en, value labels, widths, and the XLSX sheet setup."""

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.i18n import localise
from app.messages.review import COLUMN_HEADS

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
    return [
        *(localise(text, lang) for text, _ in LEADING),
        *dimension_headers,
        *(localise(text, lang) for text, _ in TRAILING),
    ]


def widths(dimension_count: int) -> list[int]:
    return [
        *(width for _, width in LEADING),
        *([DIMENSION_WIDTH] * dimension_count),
        *(width for _, width in TRAILING),
    ]


def new_workbook(header: list[str], *, title: str) -> Workbook:
    """A write-only workbook whose one sheet has a frozen, bold header and set column widths."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths(len(header) - len(LEADING) - len(TRAILING)), 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cells.append(cell)
    sheet.append(cells)
    return workbook
