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

from app.questionnaires.representation import localise_tree

# (header, width in characters); the last three are left empty for tracking.
COLUMNS = [
    ({"zh": "序号", "en": "Rank"}, 6),
    ({"zh": "问题", "en": "Question"}, 40),
    ({"zh": "依据条款", "en": "Clause"}, 12),
    ({"zh": "改进措施", "en": "Action"}, 60),
    ({"zh": "责任部门（2016年行动计划）", "en": "Departments (2016 plan)"}, 24),
    ({"zh": "现责任部门", "en": "Departments today"}, 30),
    ({"zh": "预计提升（分）", "en": "Expected gain (points)"}, 10),
    ({"zh": "负责人", "en": "Owner"}, 12),
    ({"zh": "完成期限", "en": "Due date"}, 12),
    ({"zh": "状态", "en": "Status"}, 10),
]
TRACKING_STATES = {
    "zh": ["未开始", "进行中", "已完成"],
    "en": ["Not started", "In progress", "Done"],
}
SHEET_TITLE = {"zh": "改进计划", "en": "Improvement plan"}
SEPARATOR = {"zh": "、", "en": "; "}


def header(lang: str) -> list[str]:
    return [localise_tree(text, lang) for text, _ in COLUMNS]


def plan_rows(result: dict, lang: str) -> list[list]:
    """The recommendations of a stored result as rows (numbers stay numbers)."""
    sep = SEPARATOR.get(lang, "、")
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
                sep.join(dict.fromkeys(d["dept_current"] for d in departments)),
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
    writer.writerows(plan_rows(result, lang))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def plan_xlsx(result: dict, lang: str) -> bytes:
    """One sheet: bold, frozen header; wrapped text; a status drop-down for tracking."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = localise_tree(SHEET_TITLE, lang)
    sheet.append(header(lang))
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for cell in sheet[1]:
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    rows = plan_rows(result, lang)
    for row in rows:
        sheet.append(row)
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
