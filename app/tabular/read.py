"""Read an uploaded CSV or XLSX file into a header and rows of text, or say why it is no table."""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from app.errors import ApiError
from app.messages.tabular import (
    BAD_ENCODING,
    EMPTY_TABLE,
    NO_ROWS,
    NOT_A_TABLE,
    TOO_MANY_ROWS,
    UNREADABLE,
)

CSV, XLSX = "csv", "xlsx"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What browsers and curl send for a .csv file (Windows labels it as an Excel type), and for
# any file they cannot name: those are sniffed.
CSV_TYPES = ("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel")
CONTENT_TYPES = (*CSV_TYPES, XLSX_TYPE, "application/octet-stream")
_ZIP, _OLE2 = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


def formatted(text: dict, **params) -> dict:
    """A {zh, en} text with its placeholders filled in."""
    return {lang: value.format(**params) for lang, value in text.items()}


def _error(status: int, text: dict, **params) -> "TabularError":
    # The detail is formatted by app.errors from the template (a value may hold braces).
    return TabularError(status, text, errors={"file": [formatted(text, **params)]}, **params)


class TabularError(ApiError):
    """A file that cannot be read as a table (415 for the wrong kind, 422 for a broken one)."""


@dataclass(frozen=True)
class Table:
    """A file's header and its non-blank rows; row numbers count the header as row 1."""

    format: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


def _kind(data: bytes, content_type: str | None) -> str:
    media = (content_type or "application/octet-stream").split(";")[0].strip().lower()
    if data.startswith(_ZIP) and media in (XLSX_TYPE, "application/octet-stream", *CSV_TYPES):
        return XLSX
    # An old binary .xls, a PDF, an image: nothing a CSV reader should guess at.
    sniffable = media in (*CSV_TYPES, "application/octet-stream")
    if sniffable and not data.startswith(_OLE2) and b"\x00" not in data[:4096]:
        return CSV
    raise _error(415, NOT_A_TABLE, content_type=media)


def _text(value) -> str:
    """A cell as the text the user typed: 1772.0 → "1772", a date → 2027-01-31."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _csv_records(data: bytes):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _error(422, BAD_ENCODING)
    try:
        for record in csv.reader(io.StringIO(text, newline="")):
            yield [cell.strip() for cell in record]
    except csv.Error as error:
        raise _unreadable(str(error)) from error


def _xlsx_records(data: bytes):
    """The first sheet's rows, padded with blank rows above the first used one (row numbers)."""
    import python_calamine as calamine

    failures = (
        calamine.CalamineError,
        calamine.ZipError,
        calamine.XmlError,
        calamine.PasswordError,
        calamine.WorksheetNotFound,
        ValueError,
        OSError,
    )
    try:
        sheet = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
        first_row = sheet.start[0] if sheet.start else 0
        rows = sheet.iter_rows()
        yield from ([] for _ in range(first_row))
        for record in rows:
            yield [_text(value) for value in record]
    except failures as error:
        raise _unreadable(type(error).__name__) from error


def _unreadable(reason: str) -> TabularError:
    return _error(422, UNREADABLE, reason=reason[:200])


def read_table(data: bytes, content_type: str | None, *, max_rows: int) -> Table:
    """The header (first non-blank row) and the rows after it, as stripped text."""
    if not data or not data.strip():
        raise _error(422, EMPTY_TABLE)
    kind = _kind(data, content_type)
    records = _xlsx_records(data) if kind == XLSX else _csv_records(data)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, record in enumerate(records, start=1):
        while record and not record[-1]:
            record.pop()  # trailing empty cells: XLSX pads rows to the sheet's width
        if not record:
            continue
        if header is None:
            header = record
            continue
        if len(rows) >= max_rows:
            raise _error(422, TOO_MANY_ROWS, rows=number, limit=max_rows)
        rows.append((number, record))
    if header is None:
        raise _error(422, EMPTY_TABLE)
    if not rows:
        raise _error(422, NO_ROWS)
    return Table(format=kind, header=header, rows=rows)
