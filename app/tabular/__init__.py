"""Tabular import: CSV/XLSX → validated rows → a per-row report → all or nothing.

One module for every import of a table (a campaign's roll, the bulk staff accounts):

    table = read_table(data, content_type)          # 415/422 for a file that is no table
    report = validate_rows(table, COLUMNS, check=…)  # every row checked, every error named
    report.raise_if_invalid()                        # 422 naming row and field, unless partial

The caller inserts report.valid itself, in the request's transaction, so the import is all
(or all valid rows, when the user asked for that) or nothing. docs/tabular.md says more.
"""

from app.tabular.read import Table, TabularError, read_table
from app.tabular.validate import Column, Report, RowError, validate_rows

__all__ = [
    "Column",
    "Report",
    "RowError",
    "Table",
    "TabularError",
    "read_table",
    "validate_rows",
]
