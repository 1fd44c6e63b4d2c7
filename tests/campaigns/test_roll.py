"""A roll is checked row by row and imported all (or all valid rows, when asked) or not at all."""

import io

import pytest
from openpyxl import Workbook

from tests.campaigns.conftest import HEADER, roll_csv, roll_row
from tests.fixtures.actors import new_uscc

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def campaign(regulators, make_campaign):
    return make_campaign(regulators["shijiazhuang"])


@pytest.fixture
def regulator(regulators):
    return regulators["shijiazhuang"]


def bad_check_character(uscc: str) -> str:
    last = "0" if uscc[-1] != "0" else "1"
    return uscc[:-1] + last


def test_a_valid_roll_is_imported_and_reported(upload, regulator, campaign):
    rows = [roll_row() for _ in range(3)]
    response = upload(regulator, campaign["id"], roll_csv(rows))
    assert response.status_code == 200, response.get_json()
    report = response.get_json()
    assert report | {"errors": None} == {
        "rows": 3,
        "valid": 3,
        "invalid": 0,
        "imported": 3,
        "dry_run": False,
        "format": "csv",
        "roll_size": 3,
        "errors": None,
        "errors_truncated": False,
    }
    assert report["errors"] == []


def test_a_dry_run_reports_every_row_and_imports_nothing(upload, regulator, campaign):
    rows = [roll_row(), roll_row(industry="9999"), roll_row()]
    response = upload(regulator, campaign["id"], roll_csv(rows), dry_run=True)
    assert response.status_code == 200
    report = response.get_json()
    assert (report["rows"], report["valid"], report["invalid"], report["imported"]) == (3, 2, 1, 0)
    assert report["errors"][0]["row"] == 3  # the header is row 1
    assert report["errors"][0]["field"] == "industry"
    assert report["roll_size"] == 0


def test_invalid_rows_import_nothing_and_the_problem_names_row_and_field(
    upload, regulator, campaign
):
    good = roll_row()
    bad_uscc = bad_check_character(new_uscc("130102"))
    rows = [
        good,
        roll_row(bad_uscc),  # row 3: wrong check character
        roll_row(division="130203"),  # row 4: 唐山, outside 石家庄
        roll_row(good[0]),  # row 5: duplicates row 2
        roll_row(industry="C99"),  # row 6: not a class
        roll_row(new_uscc("110105")),  # row 7: Beijing
        roll_row(size="巨型"),  # row 8
        ["", "无代码企业", "1772", "小型"],  # row 9: uscc empty
    ]
    response = upload(regulator, campaign["id"], roll_csv(rows))
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    problem = response.get_json()
    assert problem["type"].endswith(":import-invalid")
    assert set(problem["errors"]) == {
        "rows.3.uscc",
        "rows.4.uscc",
        "rows.5.uscc",
        "rows.6.industry",
        "rows.7.uscc",
        "rows.8.size",
        "rows.9.uscc",
    }
    assert "校验码" in problem["errors"]["rows.3.uscc"][0]
    assert "130203" in problem["errors"]["rows.4.uscc"][0]
    assert "第 2 行" in problem["errors"]["rows.5.uscc"][0]
    assert problem["report"]["invalid"] == 7 and problem["report"]["imported"] == 0


def test_nothing_is_half_imported(client, upload, regulator, campaign):
    rows = [roll_row(), roll_row(industry="0000")]
    assert upload(regulator, campaign["id"], roll_csv(rows)).status_code == 422
    read = client.get(f"/api/v1/campaigns/{campaign['id']}", headers=regulator.headers)
    assert read.get_json()["roll_size"] == 0


def test_the_valid_rows_go_in_when_the_user_asks_for_them(upload, regulator, campaign):
    rows = [roll_row(), roll_row(industry="0000"), roll_row()]
    response = upload(regulator, campaign["id"], roll_csv(rows), skip_invalid=True)
    assert response.status_code == 200
    report = response.get_json()
    assert (report["imported"], report["invalid"], report["roll_size"]) == (2, 1, 2)
    assert [(e["row"], e["field"]) for e in report["errors"]] == [(3, "industry")]


def test_a_second_import_reports_rows_already_on_the_roll(upload, regulator, campaign):
    first = roll_row()
    assert upload(regulator, campaign["id"], roll_csv([first])).status_code == 200
    response = upload(regulator, campaign["id"], roll_csv([roll_row(), first]))
    assert response.status_code == 422
    assert "已在本活动名单中" in response.get_json()["errors"]["rows.3.uscc"][0]


def test_a_gbk_csv_with_english_headers_is_read(upload, regulator, campaign):
    header = ["USCC", "name", "industry", "size"]
    data = roll_csv([roll_row()[:4]], header=header, encoding="gbk")
    response = upload(regulator, campaign["id"], data, content_type="application/vnd.ms-excel")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["imported"] == 1


def test_an_xlsx_roll_is_imported(upload, regulator, campaign):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    row = roll_row()
    row[2] = 1772  # a number cell, as Excel stores a code typed without a letter
    sheet.append(row)
    sheet.append([])  # blank rows at the end are ignored
    buffer = io.BytesIO()
    book.save(buffer)
    response = upload(regulator, campaign["id"], buffer.getvalue(), content_type=XLSX)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["format"] == "xlsx"
    assert response.get_json()["imported"] == 1


def test_missing_columns_are_422_naming_them(upload, regulator, campaign):
    data = roll_csv([["x", "y"]], header=["统一社会信用代码", "联系人"])
    response = upload(regulator, campaign["id"], data)
    assert response.status_code == 422
    errors = response.get_json()["errors"]
    assert set(errors) == {"columns.name", "columns.industry", "columns.size"}


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        (b"", "text/csv", 422),
        (b"\xef\xbb\xbf\r\n\r\n", "text/csv", 422),
        ("统一社会信用代码,企业名称,行业代码,企业规模\n".encode(), "text/csv", 422),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf", 415),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "application/vnd.ms-excel", 415),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "application/octet-stream", 415),
        (b"PK\x03\x04 not really a zip", XLSX, 422),
    ],
    ids=["empty", "blank", "header-only", "pdf", "xls", "png", "broken-xlsx"],
)
def test_a_file_that_is_no_roll_is_a_4xx_naming_the_file(
    upload, regulator, campaign, data, content_type, status
):
    response = upload(regulator, campaign["id"], data, content_type=content_type)
    assert response.status_code == status
    assert response.content_type == "application/problem+json"
    assert list(response.get_json()["errors"]) == ["file"]


def test_a_json_body_is_not_a_roll(client, regulator, campaign):
    response = client.post(
        f"/api/v1/campaigns/{campaign['id']}/roll", json={"rows": []}, headers=regulator.headers
    )
    assert response.status_code == 415


def test_the_roll_import_is_audited(client, upload, regulator, campaign, make_staff):
    upload(regulator, campaign["id"], roll_csv([roll_row(), roll_row()]))
    admin = make_staff("admin")
    entries = client.get("/api/v1/audit?action=roll_import", headers=admin.headers).get_json()
    assert [e["details"]["imported"] for e in entries["items"]] == [2]


def test_a_roll_larger_than_its_limit_is_413_and_json_bodies_keep_theirs(
    app, client, upload, regulator, campaign, monkeypatch
):
    data = roll_csv([roll_row() for _ in range(20)])
    monkeypatch.setitem(app.config, "ROLL_MAX_BYTES", len(data) - 1)
    response = upload(regulator, campaign["id"], data)
    assert response.status_code == 413
    assert response.content_type == "application/problem+json"
    # The roll's own limit replaces MAX_CONTENT_LENGTH, which still bounds every JSON body.
    monkeypatch.setitem(app.config, "ROLL_MAX_BYTES", len(data))
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 100)
    assert upload(regulator, campaign["id"], data).status_code == 200
    big_json = {"name": "x" * 200}
    url = f"/api/v1/campaigns/{campaign['id']}"
    assert client.patch(url, json=big_json, headers=regulator.headers).status_code == 413


def test_a_firm_taken_off_the_roll_no_longer_counts_and_may_be_put_back(
    client, upload, regulator, regulators, campaign
):
    rows = [roll_row(), roll_row()]
    assert upload(regulator, campaign["id"], roll_csv(rows)).status_code == 200
    url = f"/api/v1/campaigns/{campaign['id']}/roll/{rows[0][0]}"
    assert client.delete(url, headers=regulators["tangshan"].headers).status_code == 404
    assert client.delete(url, headers=regulator.headers).status_code == 204
    assert client.delete(url, headers=regulator.headers).status_code == 404
    shown = client.get(f"/api/v1/campaigns/{campaign['id']}", headers=regulator.headers)
    assert shown.get_json()["roll_size"] == 1
    again = upload(regulator, campaign["id"], roll_csv([rows[0]]))
    assert again.status_code == 200
    assert again.get_json()["roll_size"] == 2
