"""Cells for every CSV and XLSX we write, safe for whatever text is already stored.

Text typed before app/text.py refused controls may still hold them: openpyxl refuses a control
character (the whole export would fail) and a bidi override would display a name reversed. Such
characters become U+FFFD, so the reader sees that something was there. Text a spreadsheet would
run as a formula (a company named "=HYPERLINK(…)") is neutralised: in CSV by a leading
apostrophe (OWASP's advice), in XLSX by storing the cell as a string, never a formula (openpyxl:
the cell's type set to "s"; XlsxWriter: write_string, never a formula whatever the text is).
"""

from collections.abc import Iterable
from datetime import datetime

from openpyxl.cell import WriteOnlyCell

from app.text import refused

REPLACEMENT = "\ufffd"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """Text with each refused character (line breaks and tabs kept) replaced by U+FFFD."""
    if text.isprintable():
        return text
    return "".join(REPLACEMENT if refused(c, multiline=True) else c for c in text)


def csv_cell(value):
    """A value as a CSV cell: None empty, times to the second, text cleaned and defused."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, str):
        text = clean_text(value)
        return "'" + text if text.startswith(FORMULA_START) else text
    return value


def csv_row(values: Iterable) -> list:
    return [csv_cell(value) for value in values]


def xlsx_cell(sheet, value):
    """A value for sheet.append: text cleaned, and stored as text even when it starts with "="."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    if not text.startswith("="):
        return text
    # Cells are typed in XLSX: only a string starting with "=" would be stored as a formula.
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def xlsx_row(sheet, values: Iterable) -> list:
    return [xlsx_cell(sheet, value) for value in values]


def xlsx_write_row(sheet, row: int, values: Iterable, *, date_format) -> None:
    """One XlsxWriter row: text cleaned and written as a string, times and numbers typed."""
    for column, value in enumerate(values):
        if isinstance(value, str):
            if value:  # "" stays an empty cell
                sheet.write_string(row, column, clean_text(value))
        elif value is None:
            continue
        elif isinstance(value, datetime):
            sheet.write_datetime(row, column, value, date_format)
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value)
        else:
            sheet.write_number(row, column, value)
