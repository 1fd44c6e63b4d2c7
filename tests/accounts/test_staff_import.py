"""Bulk staff accounts from a file: each row held to the create form's rules, all or nothing."""

import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.auth.models import User
from app.db import db

URL = "/api/v1/accounts/import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["用户名", "角色", "名称", "辖区代码", "行业代码"]
OFFICES = [
    ["sjz.desk", "监管部门", "石家庄市市场监督管理局", "130100", ""],
    ["hebei.desk", "regulator", "河北省市场监督管理局", "130000", ""],
    ["textile.assoc", "行业协会", "河北省纺织行业协会", "", "C17、C18"],
    ["ops.admin", "管理员", "运维", "", ""],
]


def csv_of(rows, header=HEADER) -> bytes:
    return "\n".join(",".join(row) for row in [header, *rows]).encode("utf-8-sig")


def xlsx_of(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def admin(make_staff_account, auth_headers):
    return auth_headers(make_staff_account("admin", username="console-admin"))


@pytest.fixture
def upload(client):
    def send(headers, data, content_type="text/csv", lang="zh", **query):
        return client.post(
            URL,
            data=data,
            query_string={k: str(v).lower() for k, v in query.items()},
            headers={**headers, "Content-Type": content_type, "Accept-Language": lang},
        )

    return send


def staff_count() -> int:
    db.session.expire_all()
    return db.session.scalar(
        select(func.count()).select_from(User).where(User.role != "enterprise")
    )


def test_a_file_of_offices_creates_each_account_with_its_own_temporary_password(
    upload, admin, client
):
    response = upload(admin, csv_of(OFFICES))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["rows"], body["valid"], body["invalid"], body["imported"]) == (4, 4, 0, 4)
    made = {row["account"]["username"]: row for row in body["created"]}
    assert made["sjz.desk"]["account"]["jurisdiction"] == "130100"
    assert made["sjz.desk"]["row"] == 2  # the header is row 1
    assert made["textile.assoc"]["account"]["industries"] == ["C17", "C18"]
    assert made["ops.admin"]["account"]["role"] == "admin"
    passwords = {row["temporary_password"] for row in body["created"]}
    assert len(passwords) == 4
    signed_in = client.post(
        "/api/v1/auth/login",
        json={"username": "sjz.desk", "password": made["sjz.desk"]["temporary_password"]},
    )
    assert signed_in.status_code == 200
    assert signed_in.get_json()["must_change_password"] is True
    events = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "account_create"))
    assert sorted(e.details["username"] for e in events) == sorted(made)


def test_an_xlsx_file_with_english_headers_works_the_same(upload, admin):
    header = ["username", "role", "display_name", "jurisdiction", "industries"]
    response = upload(admin, xlsx_of(OFFICES[:2], header), XLSX)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["format"] == "xlsx"
    assert response.get_json()["imported"] == 2


def test_bad_rows_create_nothing_and_each_is_named_by_row_and_field(upload, admin):
    before = staff_count()
    rows = [
        *OFFICES[:2],
        ["bad.region", "监管部门", "外省", "110100", ""],
        ["no.region", "监管部门", "没有辖区", "", ""],
        ["bad.role", "局长", "", "", ""],
        ["no.trade", "行业协会", "没有行业", "", ""],
        ["SJZ.Desk", "监管部门", "重复", "130100", ""],
        ["console-admin", "管理员", "已存在", "", ""],
        ["91130100MA0CJH016P", "管理员", "像信用代码", "", ""],
    ]
    response = upload(admin, csv_of(rows))
    assert response.status_code == 422
    problem = response.get_json()
    named = {(e["row"], e["field"]) for e in problem["report"]["errors"]}
    assert named == {
        (4, "jurisdiction"),
        (5, "jurisdiction"),
        (6, "role"),
        (7, "industries"),
        (8, "username"),
        (9, "username"),
        (10, "username"),
    }
    assert "rows.6.role" in problem["errors"]
    assert "监管部门" in problem["errors"]["rows.6.role"][0]
    assert staff_count() == before


def test_the_report_speaks_english_when_asked(upload, admin):
    response = upload(admin, csv_of([["bad.role", "chief", "", "", ""]]), lang="en")
    assert response.status_code == 422
    assert response.get_json()["errors"]["rows.2.role"][0].startswith("The role must be")


def test_a_dry_run_checks_every_row_and_creates_nothing(upload, admin):
    before = staff_count()
    response = upload(admin, csv_of([*OFFICES, ["bad.role", "局长", "", "", ""]]), dry_run=True)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["valid"], body["invalid"], body["imported"], body["created"]) == (4, 1, 0, [])
    assert staff_count() == before


def test_skip_invalid_creates_the_valid_rows_only(upload, admin):
    response = upload(
        admin, csv_of([OFFICES[0], ["bad.role", "局长", "", "", ""]]), skip_invalid=True
    )
    assert response.status_code == 200
    assert [row["account"]["username"] for row in response.get_json()["created"]] == ["sjz.desk"]


@pytest.mark.parametrize(
    "data, content_type, status",
    [
        (b"", "text/csv", 422),
        (csv_of([], header=["用户名", "名称"]), "text/csv", 422),
        (b"%PDF-1.7 not a table", "application/pdf", 415),
    ],
    ids=["empty", "missing role column", "not a table"],
)
def test_a_file_that_is_no_staff_table_is_refused_clearly(
    upload, admin, data, content_type, status
):
    response = upload(admin, data, content_type)
    assert response.status_code == status
    assert response.headers["Content-Type"].startswith("application/problem+json")


def test_a_file_over_the_size_limit_is_refused_with_413(app, upload, admin):
    app.config["STAFF_IMPORT_MAX_BYTES"] = 1000
    response = upload(admin, csv_of(OFFICES * 20))
    assert response.status_code == 413


def test_a_file_may_give_county_jurisdictions_and_a_wrong_county_is_its_rows_error(upload, admin):
    rows = [
        ["changan.desk", "监管部门", "长安区市场监督管理局", "130102", ""],
        ["xiongxian.desk", "监管部门", "雄县市场监督管理局", "130638", ""],
        ["old.desk", "监管部门", "藁城市（旧代码）", "130182", ""],
    ]
    refused = upload(admin, csv_of(rows), lang="en")
    assert refused.status_code == 422
    assert set(refused.get_json()["errors"]) == {"rows.4.jurisdiction"}
    assert "county code" in refused.get_json()["errors"]["rows.4.jurisdiction"][0]
    response = upload(admin, csv_of(rows[:2]))
    assert response.status_code == 200, response.get_json()
    created = response.get_json()["created"]
    made = {item["account"]["username"]: item["account"] for item in created}
    assert made["changan.desk"]["jurisdiction"] == "130102"
    assert made["xiongxian.desk"]["jurisdiction"] == "130638"
