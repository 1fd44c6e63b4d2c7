"""The tabular import on its own: a file read into rows, each row checked, errors named."""

import io

import pytest
from openpyxl import Workbook

from app.errors import ApiError
from app.tabular import Column, read_table, validate_rows
from app.tabular.validate import CellError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _number(text: str) -> int:
    if not text.isdigit():
        raise CellError({"zh": "须为数字", "en": "must be a number"})
    return int(text)


COLUMNS = [
    Column("code", ("代码",), parse=_number, unique=True),
    Column("name", ("名称",), max_length=5),
    Column("note", ("备注",), required=False),
]


def table(text: str, content_type="text/csv", **kw):
    return read_table(text.encode(kw.pop("encoding", "utf-8")), content_type, max_rows=100)


def test_rows_are_numbered_as_the_spreadsheet_shows_them():
    read = table("代码,名称\n\n1,甲\n2,乙\n")
    assert read.header == ["代码", "名称"]
    assert read.rows == [(3, ["1", "甲"]), (4, ["2", "乙"])]


def test_a_utf8_bom_and_gbk_both_read():
    assert table("\ufeff代码,名称\n1,甲\n").header == ["代码", "名称"]
    assert table("代码,名称\n1,甲\n", encoding="gbk").rows == [(2, ["1", "甲"])]


def test_xlsx_cells_come_back_as_the_text_typed():
    book = Workbook()
    book.active.append(["代码", "名称"])
    book.active.append([1772.0, "甲"])
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_table(buffer.getvalue(), XLSX, max_rows=10)
    assert (read.format, read.rows) == ("xlsx", [(2, ["1772", "甲"])])


def test_every_error_names_its_row_and_field_and_valid_rows_are_kept():
    read = table("代码,名称,备注\n1,甲\nx,乙\n1,丙\n3,太长的名称啊\n4,\n5,戊,\u202e反\n")
    report = validate_rows(read, COLUMNS)
    assert [(n, v["code"]) for n, v in report.valid] == [(2, 1)]
    assert [(e.row, e.field) for e in report.errors] == [
        (3, "code"),
        (4, "code"),
        (5, "name"),
        (6, "name"),
        (7, "note"),
    ]
    assert report.errors[1].message["zh"] == "与第 2 行重复（code相同）。"
    assert report.invalid == 5


def test_headers_match_without_case_spaces_or_full_width_forms():
    read = table("ＣＯＤＥ , Name\n1,甲\n")
    assert [v for _, v in validate_rows(read, COLUMNS).valid] == [
        {"code": 1, "name": "甲", "note": None}
    ]


def test_a_missing_required_column_is_a_422_naming_it():
    with pytest.raises(ApiError) as raised:
        validate_rows(table("名称\n甲\n"), COLUMNS)
    assert raised.value.code == 422
    assert list(raised.value.errors) == ["columns.code"]


def test_a_context_check_adds_errors_for_complete_rows_only():
    read = table("代码,名称\n1,甲\n2,乙\nx,丙\n")
    report = validate_rows(
        read,
        COLUMNS,
        check=lambda v: {"code": {"zh": "不要二", "en": "no 2"}} if v["code"] == 2 else {},
    )
    assert [(e.row, e.field) for e in report.errors] == [(3, "code"), (4, "code")]


def test_more_rows_than_allowed_is_a_422():
    with pytest.raises(ApiError) as raised:
        read_table(b"a\n1\n2\n3\n", "text/csv", max_rows=2)
    assert raised.value.code == 422


def test_the_problem_carries_the_report_and_names_rows():
    report = validate_rows(table("代码,名称\nx,甲\n"), COLUMNS)
    problem = report.problem("zh")
    assert problem.code == 422 and problem.problem == "import-invalid"
    assert list(problem.errors) == ["rows.2.code"]
    assert problem.extra["report"]["errors"][0]["row"] == 2
