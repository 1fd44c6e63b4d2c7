"""The aggregate response as tables: CSV (one long table) and XLSX (one sheet per table).

They are built from the same body GET /aggregates returns, so they show exactly the same
figures and hide exactly the same ones: a hidden figure is an empty cell, and its row says
suppressed. Four tables:
  groups      a row per group (the total first): n, mean, median, p25, p75
  dimensions  a row per group and dimension: mean, median, p25, p75
  maturity    a row per group and level: share
  questions   a row per group, question and option: share
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.i18n import localise
from app.scoring.maturity import LEVELS

TABLES = ("groups", "dimensions", "maturity", "questions")
KEY_HEADERS = [
    ({"zh": "分组", "en": "Group"}, 28),
    ({"zh": "地区代码", "en": "Region"}, 10),
    ({"zh": "行业代码", "en": "Industry"}, 9),
    ({"zh": "规模", "en": "Size"}, 8),
    ({"zh": "已抑制", "en": "Suppressed"}, 9),
]
HEADERS = {
    "groups": [({"zh": "企业数", "en": "Enterprises"}, 9)],
    "dimensions": [({"zh": "维度", "en": "Dimension"}, 24)],
    "maturity": [
        ({"zh": "成熟度等级", "en": "Maturity level"}, 16),
        ({"zh": "占比", "en": "Share"}, 9),
    ],
    "questions": [
        ({"zh": "题目", "en": "Question"}, 40),
        ({"zh": "选项", "en": "Option"}, 30),
        ({"zh": "占比", "en": "Share"}, 9),
    ],
}
STATS = [
    ({"zh": "平均分", "en": "Mean"}, 9),
    ({"zh": "中位数", "en": "Median"}, 9),
    ({"zh": "下四分位数", "en": "P25"}, 10),
    ({"zh": "上四分位数", "en": "P75"}, 10),
]
YES = {"zh": "是", "en": "yes"}
NAME = {"zh": "表", "en": "Table"}
TABLE_NAMES = {
    "groups": {"zh": "分组", "en": "groups"},
    "dimensions": {"zh": "维度", "en": "dimensions"},
    "maturity": {"zh": "成熟度", "en": "maturity"},
    "questions": {"zh": "答题分布", "en": "questions"},
}


def _header(table: str, lang: str) -> list[tuple[str, int]]:
    extra = [*HEADERS[table], *STATS] if table in ("groups", "dimensions") else HEADERS[table]
    return [(localise(text, lang), width) for text, width in [*KEY_HEADERS, *extra]]


def _key(group: dict, hidden: bool, lang: str) -> list:
    key = group["key"]
    flag = localise(YES, lang) if hidden else ""
    return [group["label"], key["region"] or "", key["industry"] or "", key["size"] or "", flag]


def _stats(figure: dict | None) -> list:
    figure = figure or {}
    return [figure.get(name) for name in ("mean", "median", "p25", "p75")]


def tables(body: dict, texts: dict, lang: str) -> dict[str, list[list]]:
    """Rows of the four tables (without headers); texts: question id → text and options."""
    found = {name: [] for name in TABLES}
    for group in [body["total"], *body["groups"]]:
        if group["suppressed"]:
            found["groups"].append([*_key(group, True, lang), None, None, None, None, None])
            continue
        found["groups"].append([*_key(group, False, lang), group["n"], *_stats(group["overall"])])
        for dim in group["dimensions"]:
            hidden = dim["mean"] is None
            found["dimensions"].append([*_key(group, hidden, lang), dim["title"], *_stats(dim)])
        for level, share in group["maturity"].items():
            name = f"{level} {localise(LEVELS[int(level)]['label'], lang)}"
            found["maturity"].append([*_key(group, share is None, lang), name, share])
        for question, options in group["questions"].items():
            text = texts.get(question, {"text": question, "options": {}})
            for option, share in options.items():
                label = text["options"].get(option, option)
                row = [*_key(group, share is None, lang), text["text"], label, share]
                found["questions"].append(row)
    return found


def to_csv(body: dict, texts: dict, lang: str) -> bytes:
    """One long table: the four tables one after the other, told apart by the first column."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # a BOM, so that Excel reads the file as UTF-8
    writer = csv.writer(buffer)
    rows = tables(body, texts, lang)
    width = max(len(_header(name, lang)) for name in TABLES)
    for name in TABLES:
        header = [localise(NAME, lang), *(h for h, _ in _header(name, lang))]
        writer.writerow(header + [""] * (width + 1 - len(header)))
        for row in rows[name]:
            writer.writerow(
                [localise(TABLE_NAMES[name], lang), *("" if v is None else v for v in row)]
            )
    return buffer.getvalue().encode("utf-8")


def to_xlsx(body: dict, texts: dict, lang: str) -> bytes:
    """One sheet per table: bold, frozen header; numbers stored as numbers."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    rows = tables(body, texts, lang)
    for name in TABLES:
        sheet = workbook.create_sheet(name)
        header = _header(name, lang)
        sheet.append([text for text, _ in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for index, (_, width) in enumerate(header, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for row in rows[name]:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
