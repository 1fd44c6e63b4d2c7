"""The export's columns: headers in zh or en, value labels, widths, and the XLSX sheet setup."""

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.i18n import localise

# (header, width in characters) before and after the dimension columns.
LEADING = [
    ({"zh": "企业名称", "en": "Company"}, 32),
    ({"zh": "统一社会信用代码", "en": "USCC"}, 22),
    ({"zh": "地区", "en": "Region"}, 12),
    ({"zh": "行业代码", "en": "Industry code"}, 10),
    ({"zh": "行业名称", "en": "Industry"}, 26),
    ({"zh": "企业规模", "en": "Size"}, 8),
    ({"zh": "问卷", "en": "Questionnaire"}, 16),
    ({"zh": "问卷版本", "en": "Version"}, 8),
    ({"zh": "提交次数", "en": "Revision"}, 8),
    ({"zh": "状态", "en": "Status"}, 10),
    ({"zh": "总分", "en": "Overall score"}, 10),
    ({"zh": "成熟度等级", "en": "Maturity level"}, 10),
]
DIMENSION_WIDTH = 16
TRAILING = [
    ({"zh": "红线项数", "en": "Red flags"}, 8),
    ({"zh": "提交时间（北京时间）", "en": "Submitted (Beijing time)"}, 20),
    ({"zh": "审核时间（北京时间）", "en": "Decided (Beijing time)"}, 20),
    ({"zh": "审核意见", "en": "Reviewer's comment"}, 48),
]
SIZE_LABELS = {
    "large": {"zh": "大型", "en": "Large"},
    "medium": {"zh": "中型", "en": "Medium"},
    "small": {"zh": "小型", "en": "Small"},
    "micro": {"zh": "微型", "en": "Micro"},
}
STATUS_LABELS = {
    "submitted": {"zh": "待审核", "en": "Submitted"},
    "approved": {"zh": "已通过", "en": "Approved"},
    "returned": {"zh": "已退回", "en": "Returned"},
}
SHEET_TITLE = {"zh": "自评提交", "en": "Submissions"}


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
