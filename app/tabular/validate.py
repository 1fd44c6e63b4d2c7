"""Check every row of a table against its columns; collect every error, naming row and field."""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.errors import ApiError
from app.i18n import localise
from app.messages.tabular import DUPLICATE_ROW, INVALID_ROWS, MISSING_COLUMNS, REQUIRED, TOO_LONG
from app.tabular.read import Table, formatted
from app.text import unsafe_character, unsafe_text_message


class CellError(ValueError):
    """A cell's value is wrong; `message` is a {zh, en} text saying why."""

    def __init__(self, message: dict):
        super().__init__(message.get("en", ""))
        self.message = message


@dataclass(frozen=True)
class Column:
    """A column the table may have: its key, the header texts it is known by, how to parse it.

    parse(text) returns the value or raises CellError; blank cells are None (an error when
    required). unique: a value seen on an earlier row makes this row a duplicate.
    """

    key: str
    headers: tuple[str, ...]
    required: bool = True
    max_length: int | None = None
    parse: Callable[[str], Any] | None = None
    unique: bool = False


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: dict
    value: str | None = None


@dataclass
class Report:
    """What validation found: every row counted, the valid ones parsed, every error named."""

    rows: int = 0
    format: str | None = None  # csv or xlsx: what the file was read as
    valid: list[tuple[int, dict]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def invalid(self) -> int:
        return len({error.row for error in self.errors})

    def body(self, lang: str, *, limit: int = 1000, **extra) -> dict:
        """The per-row report as the API answers it (at most `limit` errors listed)."""
        return {
            "rows": self.rows,
            "valid": len(self.valid),
            "invalid": self.invalid,
            "errors": [
                {"row": e.row, "field": e.field, "value": e.value, "message": localise(e.message)}
                for e in self.errors[:limit]
            ],
            "errors_truncated": len(self.errors) > limit,
            **extra,
        }

    def problem(self, lang: str, *, limit: int = 1000, **extra) -> ApiError:
        """422 naming each bad row and field (`rows.<row>.<field>`), the report beside them."""
        errors: dict[str, list[dict]] = {}
        for error in self.errors[:limit]:
            errors.setdefault(f"rows.{error.row}.{error.field}", []).append(error.message)
        return ApiError(
            422,
            INVALID_ROWS,
            errors=errors,
            extra={"report": self.body(lang, limit=limit, **extra)},
            problem="import-invalid",
            rows=self.rows,
            invalid=self.invalid,
        )


def normalise_header(text: str) -> str:
    """Headers compare without case, spaces, underscores or full-width forms."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch not in " _-\u3000*")


def column_positions(header: list[str], columns: list[Column]) -> dict[str, int]:
    """Where each known column stands; 422 naming the required columns the header lacks."""
    found = {normalise_header(text): index for index, text in enumerate(header)}
    positions: dict[str, int] = {}
    for column in columns:
        for name in (column.key, *column.headers):
            if normalise_header(name) in found:
                positions[column.key] = found[normalise_header(name)]
                break
    missing = [c for c in columns if c.required and c.key not in positions]
    if missing:
        names = "、".join(f"{c.headers[0]}（{c.key}）" if c.headers else c.key for c in missing)
        message = formatted(MISSING_COLUMNS, columns=names)
        raise ApiError(
            422,
            MISSING_COLUMNS,
            errors={f"columns.{c.key}": [message] for c in missing},
            columns=names,
        )
    return positions


def validate_rows(
    table: Table,
    columns: list[Column],
    *,
    check: Callable[[dict], dict[str, dict]] | None = None,
) -> Report:
    """Every row parsed and checked; check(values) adds errors by field for a complete row."""
    positions = column_positions(table.header, columns)
    report = Report(rows=len(table.rows), format=table.format)
    first_seen: dict[tuple[str, Any], int] = {}
    for number, record in table.rows:
        values, errors = {}, []
        for column in columns:
            index = positions.get(column.key)
            text = record[index] if index is not None and index < len(record) else ""
            if not text:
                if column.required:
                    errors.append(RowError(number, column.key, REQUIRED))
                values[column.key] = None
                continue
            try:
                if column.max_length and len(text) > column.max_length:
                    raise CellError(formatted(TOO_LONG, limit=column.max_length))
                if (bad := unsafe_character(text)) is not None:
                    raise CellError(unsafe_text_message(bad))
                value = column.parse(text) if column.parse else text
            except CellError as error:
                errors.append(RowError(number, column.key, error.message, text[:100]))
                continue
            if column.unique:
                first = first_seen.setdefault((column.key, value), number)
                if first != number:
                    message = formatted(DUPLICATE_ROW, first=first, column=column.key)
                    errors.append(RowError(number, column.key, message, text[:100]))
                    continue
            values[column.key] = value
        if not errors and check is not None:
            errors = [RowError(number, key, msg) for key, msg in check(values).items()]
        if errors:
            report.errors.extend(errors)
        else:
            report.valid.append((number, values))
    return report
