"""The improvement plan as a spreadsheet a company can track its actions in (CSV and XLSX).

One row per recommendation, in the report's order, with the same columns as the report's plan,
plus empty 负责人 / 完成期限 / 状态 columns for the company to fill in.
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from app.messages.report_downloads import (
    LIST_SEPARATOR,
    PLAN_COLUMNS,
    PLAN_CONTACT,
    PLAN_SHEET,
    TRACKING_STATES,
)
from app.questionnaires.representation import localise_tree
from app.spreadsheets import csv_row, xlsx_row

# (header, width in characters); the last three are left empty for tracking.
COLUMNS = [
    (PLAN_COLUMNS["rank"], 6),
    (PLAN_COLUMNS["question"], 40),
    (PLAN_COLUMNS["clause"], 12),
    (PLAN_COLUMNS["action"], 60),
    (PLAN_COLUMNS["departments_2016"], 24),
    (PLAN_COLUMNS["contacts"], 48),
    (PLAN_COLUMNS["gain"], 10),
    (PLAN_COLUMNS["owner"], 12),
    (PLAN_COLUMNS["due"], 12),
    (PLAN_COLUMNS["status"], 10),
]


def header(lang: str) -> list[str]:
    return [localise_tree(text, lang) for text, _ in COLUMNS]


def plan_rows(result: dict, lang: str) -> list[list]:
    """The recommendations of a result (with contacts added) as rows; numbers stay numbers."""
    sep = LIST_SEPARATOR.get(lang, "、")
    contact = PLAN_CONTACT.get(lang, PLAN_CONTACT["zh"])
    rows = []
    for rank, rec in enumerate(localise_tree(result["recommendations"], lang), 1):
        departments = rec["departments"]
        rows.append(
            [
                rank,
                rec["question_text"],
                sep.join(rec["clause"]),
                rec["text"],
                sep.join(dict.fromkeys(d["dept_2016"] for d in departments)),
                # One contact a line: a cell a company can read without widening the column.
                "\n".join(contact.format(**c) for c in rec["contacts"]),
                rec["gain"],
                "",
                "",
                "",
            ]
        )
    return rows


def plan_csv(result: dict, lang: str) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly; CRLF rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header(lang))
    writer.writerows(csv_row(row) for row in plan_rows(result, lang))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def plan_xlsx(result: dict, lang: str) -> bytes:
    """One sheet: bold, frozen header; wrapped text; a status drop-down for tracking."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = localise_tree(PLAN_SHEET, lang)
    sheet.append(header(lang))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    rows = plan_rows(result, lang)
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
    for index, (_, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    if rows:
        states = TRACKING_STATES.get(lang, TRACKING_STATES["zh"])
        status = DataValidation(type="list", formula1=f'"{",".join(states)}"', allow_blank=True)
        sheet.add_data_validation(status)
        status.add(f"J2:J{len(rows) + 1}")
        sheet.auto_filter.ref = f"A1:J{len(rows) + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
