"""The aggregate response as tables: CSV (one long table) and XLSX (one sheet per table).

They are built from the same body GET /aggregates returns, so they show exactly the same
figures and hide exactly the same ones: a hidden figure is an empty cell, and its row says
suppressed. Four tables:
  groups      a row per group (the total first): n, mean, median, p25, p75
  dimensions  a row per group and dimension: mean, median, p25, p75
  maturity    a row per group and level: share
  questions   a row per group, question and option: share
  evidence    a row per group and dimension, then per group and question taking files: the
              shares of firms with a file and with a verified one (docs/evidence.md)
"""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.i18n import localise
from app.messages.aggregates import EVIDENCE_SCOPES, TABLE_HEAD, TABLE_HEADS, TABLE_NAMES, YES
from app.scoring.maturity import LEVELS
from app.spreadsheets import csv_row, xlsx_row

TABLES = ("groups", "dimensions", "maturity", "questions", "evidence")
KEY_HEADERS = [
    (TABLE_HEADS["group"], 28),
    (TABLE_HEADS["region_code"], 10),
    (TABLE_HEADS["industry_code"], 9),
    (TABLE_HEADS["size"], 8),
    (TABLE_HEADS["suppressed"], 9),
]
HEADERS = {
    "groups": [(TABLE_HEADS["enterprises"], 9)],
    "dimensions": [(TABLE_HEADS["dimension"], 24)],
    "maturity": [
        (TABLE_HEADS["level"], 16),
        (TABLE_HEADS["share"], 9),
    ],
    "questions": [
        (TABLE_HEADS["question"], 40),
        (TABLE_HEADS["option"], 30),
        (TABLE_HEADS["share"], 9),
    ],
    "evidence": [
        (TABLE_HEADS["scope"], 8),
        (TABLE_HEADS["item"], 40),
        (TABLE_HEADS["attached"], 14),
        (TABLE_HEADS["verified"], 14),
    ],
}
STATS = [
    (TABLE_HEADS["mean"], 9),
    (TABLE_HEADS["median"], 9),
    (TABLE_HEADS["p25"], 10),
    (TABLE_HEADS["p75"], 10),
]


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
        found["evidence"].extend(_evidence(group, texts, lang))
    return found


def _evidence(group: dict, texts: dict, lang: str) -> list[list]:
    """A shown group's evidence shares, dimensions first; a withheld share is an empty cell."""
    evidence = group.get("evidence") or {}
    titles = {d["key"]: d["title"] for d in group["dimensions"]}
    rows = []
    for scope, items in (
        ("dimension", evidence.get("dimensions", {})),
        ("question", evidence.get("questions", {})),
    ):
        for key, shares in items.items():
            if scope == "dimension":
                name = titles.get(key, key)
            else:
                name = texts.get(key, {}).get("text", key)
            attached, verified = shares.get("attached"), shares.get("verified")
            hidden = attached is None or verified is None
            kind = localise(EVIDENCE_SCOPES[scope], lang)
            rows.append([*_key(group, hidden, lang), kind, name, attached, verified])
    return rows


def to_csv(body: dict, texts: dict, lang: str) -> bytes:
    """One long table: the four tables one after the other, told apart by the first column."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # a BOM, so that Excel reads the file as UTF-8
    writer = csv.writer(buffer)
    rows = tables(body, texts, lang)
    width = max(len(_header(name, lang)) for name in TABLES)
    for name in TABLES:
        header = [localise(TABLE_HEAD, lang), *(h for h, _ in _header(name, lang))]
        writer.writerow(header + [""] * (width + 1 - len(header)))
        for row in rows[name]:
            writer.writerow(csv_row([localise(TABLE_NAMES[name], lang), *row]))
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
            sheet.append(xlsx_row(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
