"""Exports: CSV, XLSX and PDF carry exactly the figures GET /aggregates shows, no more."""

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader


@pytest.fixture
def published(population, snapshot):
    # 石家庄 7 (shown), 唐山 5 (shown), 保定 2 (hidden, and a neighbour with it).
    for region, count in (("130100", 7), ("130200", 5), ("130600", 2)):
        for i in range(count):
            population(region=region, choice=("best", "worst", "middle")[i % 3])
    snapshot()


def download(client, actor, kind, **params):
    params = {"questionnaire": "quality", "industry": "C17", "group_by": "region", **params}
    return client.get(f"/api/v1/aggregates/{kind}", query_string=params, headers=actor.headers)


def test_an_association_downloads_all_three(published, client, make_staff):
    association = make_staff("association", industries=["C17"])
    for kind, mime in (
        ("export.csv", "text/csv; charset=utf-8"),
        ("export.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("report.pdf", "application/pdf"),
    ):
        response = download(client, association, kind)
        assert response.status_code == 200, response.data[:200]
        assert response.headers["Content-Type"] == mime
        assert "attachment" in response.headers["Content-Disposition"]


def test_exports_are_refused_to_enterprises(published, client, enterprise):
    for kind in ("export.csv", "export.xlsx", "report.pdf"):
        assert download(client, enterprise, kind).status_code == 403


def test_the_csv_has_a_bom_and_the_same_figures(published, client, make_staff, aggregates):
    admin = make_staff("admin")
    body = aggregates(admin, industry="C17", group_by="region").get_json()
    raw = download(client, admin, "export.csv").data
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    groups = [r for r in rows if r[0] == "分组"]
    by_label = {r[1]: r for r in groups}
    for group in [body["total"], *body["groups"]]:
        row = by_label[group["label"]]
        if group["suppressed"]:
            assert row[5] == "是" and row[6:] == ["", "", "", "", ""]
        else:
            assert int(row[6]) == group["n"] and int(row[7]) == group["overall"]["mean"]
    tables = {r[0] for r in rows[1:] if r[0] != "表"}
    assert tables == {"分组", "维度", "成熟度", "答题分布", "证明材料"}


def test_the_workbook_has_a_sheet_per_table_with_numbers(published, client, make_staff):
    raw = download(client, make_staff("admin"), "export.xlsx", lang="en").data
    workbook = load_workbook(io.BytesIO(raw))
    assert workbook.sheetnames == ["groups", "dimensions", "maturity", "questions", "evidence"]
    sheet = workbook["groups"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["F1"].value == "Enterprises"
    visible = [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[4] != "yes"]
    assert visible and all(isinstance(row[5], int) for row in visible)


def test_the_pdf_is_chinese_and_hides_what_the_json_hides(
    published, client, make_staff, aggregates
):
    admin = make_staff("admin")
    body = aggregates(admin, industry="C17", group_by="region").get_json()
    raw = download(client, admin, "report.pdf").data
    assert raw.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(raw)).pages)
    assert "质量自评汇总报告" in text
    assert "企业数过少" in text
    hidden = [g for g in body["groups"] if g["suppressed"]]
    assert hidden and all(g["label"] in text for g in hidden)


def test_the_pdf_is_an_archival_tagged_document_with_a_described_chart(
    published, client, make_staff
):
    import pikepdf

    raw = download(client, make_staff("admin"), "report.pdf", lang="en").data
    pdf = pikepdf.open(io.BytesIO(raw))
    with pdf.open_metadata() as xmp:
        assert xmp["{http://www.aiim.org/pdfa/ns/id/}part"] == "2"
    assert str(pdf.Root.Lang) == "en" and bool(pdf.Root.MarkInfo.Marked)
    with pdf.open_outline() as outline:
        assert outline.root and outline.root[0].children
    figures, pending = [], [pdf.Root.StructTreeRoot]
    while pending:
        node = pending.pop()
        if isinstance(node, pikepdf.Dictionary):
            if node.get("/S") == "/Figure":
                figures.append(str(node.get("/Alt", "")))
            kids = node.get("/K")
            pending.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    assert figures and all(alt.startswith("Mean: ") for alt in figures)
