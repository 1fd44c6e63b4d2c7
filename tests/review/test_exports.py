"""Exports: one row per submitted revision in scope, as CSV (UTF-8 BOM) and XLSX, streamed."""

import csv
import io
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.review.conftest import add_evidence, review

CSV = "/api/v1/assessments/export.csv"
XLSX = "/api/v1/assessments/export.xlsx"


def csv_rows(client, actor, **params) -> list[dict]:
    response = client.get(CSV, query_string=params, headers=actor.headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.is_streamed
    assert response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


def workbook(client, actor, **params):
    response = client.get(XLSX, query_string=params, headers=actor.headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.is_streamed
    assert "attachment" in response.headers["Content-Disposition"]
    return load_workbook(io.BytesIO(response.data)).worksheets[0]


@pytest.fixture
def two_cities(submitted, regulators):
    """石家庄: a towel maker returned once and resubmitted; 唐山: one submission; 辛集: one."""
    company, towels = submitted("130100", name="石家庄毛巾织造有限公司", choice="middle")
    review(
        client=company.client,
        actor=regulators["shijiazhuang"],
        assessment_id=towels["id"],
        decision="return",
        comment="请补充，谢谢",
    )
    own = company.client.get(f"/api/v1/assessments/{towels['id']}", headers=company.headers)
    company.submit(own.get_json())
    _, steel = submitted("130203", industry="C3110", size="large", name="唐山钢铁有限公司")
    _, xinji = submitted("130181", name="辛集皮革有限公司", choice="worst")
    return {"towels": towels, "steel": steel, "xinji": xinji}


def test_each_regulator_exports_exactly_its_jurisdiction(client, two_cities, regulators):
    names = {
        "province": ["石家庄毛巾织造有限公司"] * 2 + ["唐山钢铁有限公司", "辛集皮革有限公司"],
        "shijiazhuang": ["石家庄毛巾织造有限公司"] * 2,
        "tangshan": ["唐山钢铁有限公司"],
    }
    for who, expected in names.items():
        rows = csv_rows(client, regulators[who])
        assert sorted(r["企业名称"] for r in rows) == sorted(expected), who
        sheet = workbook(client, regulators[who])
        assert sorted(row[0] for row in sheet.iter_rows(min_row=2, values_only=True)) == sorted(
            expected
        )


def test_csv_has_one_row_per_revision_with_chinese_text_and_numbers(client, two_cities, regulators):
    rows = csv_rows(client, regulators["shijiazhuang"], questionnaire="quality")
    first, second = sorted(rows, key=lambda r: r["提交次数"])
    assert (first["提交次数"], first["状态"], first["审核意见"]) == ("1", "已退回", "请补充，谢谢")
    assert (second["提交次数"], second["状态"], second["审核意见"]) == ("2", "待审核", "")
    assert first["地区"] == "石家庄市" and first["行业代码"] == "C1772"
    assert first["行业名称"] == "毛巾类制品制造" and first["企业规模"] == "小型"
    assert first["问卷"] == "质量管理" and first["问卷版本"] == "1"
    assert float(first["总分"]) == two_cities["towels"]["result"]["overall"]
    assert 1 <= int(first["成熟度等级"]) <= 5
    dimensions = {d["title"]: d["score"] for d in two_cities["towels"]["result"]["dimensions"]}
    for title, score in dimensions.items():
        assert float(first[title]) == score
    datetime.strptime(first["提交时间（北京时间）"], "%Y-%m-%d %H:%M:%S")
    datetime.strptime(first["审核时间（北京时间）"], "%Y-%m-%d %H:%M:%S")
    assert second["审核时间（北京时间）"] == ""


def test_xlsx_has_a_frozen_bold_header_widths_and_numeric_cells(client, two_cities, regulators):
    sheet = workbook(client, regulators["province"], questionnaire="quality")
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["企业名称", "统一社会信用代码", "地区"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 30
    rows = [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert len(rows) == 4
    xinji = next(r for r in rows if r["企业名称"] == "辛集皮革有限公司")
    assert xinji["地区"] == "辛集市"
    assert xinji["总分"] == 0 and isinstance(xinji["总分"], int | float)  # 0.0 reads back as 0
    assert isinstance(xinji["成熟度等级"], int)
    assert isinstance(xinji["提交次数"], int) and xinji["红线项数"] == 3
    assert isinstance(xinji["提交时间（北京时间）"], datetime)
    assert all(isinstance(xinji[d], int | float) for d in header[12:18])


def test_without_a_questionnaire_filter_columns_are_the_union_of_questionnaires(
    client, submitted, regulators
):
    submitted("130100", questionnaire="brand")
    submitted("130100", questionnaire="quality")
    rows = csv_rows(client, regulators["province"])
    header = list(rows[0])
    brand_columns = [h for h in header if h.startswith("品牌建设·")]
    quality_columns = [h for h in header if h.startswith("质量管理·")]
    assert (
        brand_columns and quality_columns and any(h.startswith("标准自我声明公开·") for h in header)
    )
    assert header.index(brand_columns[-1]) < header.index(quality_columns[0])  # by key
    by_questionnaire = {r["问卷"]: r for r in rows}
    assert all(by_questionnaire["品牌建设"][h] for h in brand_columns)
    assert not any(by_questionnaire["品牌建设"][h] for h in quality_columns)
    assert all(by_questionnaire["质量管理"][h] for h in quality_columns)


def test_the_queue_filters_apply_to_each_revision(client, two_cities, regulators):
    province = regulators["province"]
    returned = csv_rows(client, province, status="returned")
    assert [(r["企业名称"], r["提交次数"]) for r in returned] == [("石家庄毛巾织造有限公司", "1")]
    assert [r["企业名称"] for r in csv_rows(client, province, red_flags="true")] == [
        "辛集皮革有限公司"
    ]
    assert {r["企业名称"] for r in csv_rows(client, province, industry="C31")} == {
        "唐山钢铁有限公司"
    }
    assert csv_rows(client, province, q="毛巾", status="approved") == []


def test_english_headers_and_labels(client, two_cities, regulators):
    response = client.get(CSV, query_string={"lang": "en"}, headers=regulators["tangshan"].headers)
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0]["Company"] == "唐山钢铁有限公司"
    assert rows[0]["Size"] == "Large" and rows[0]["Status"] == "Submitted"


def test_bad_filters_are_422_before_anything_streams(client, regulators):
    response = client.get(CSV, query_string={"region": "x"}, headers=regulators["province"].headers)
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"


def test_text_that_looks_like_a_formula_is_never_run(client, submitted, regulators):
    _, assessment = submitted("130100", name='=HYPERLINK("http://evil.example","点我")')
    review(client, regulators["province"], assessment["id"], decision="approve", comment="-1 分")
    row = csv_rows(client, regulators["province"])[0]
    assert row["企业名称"] == '\'=HYPERLINK("http://evil.example","点我")'
    assert row["审核意见"] == "'-1 分"
    sheet = workbook(client, regulators["province"])
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://evil.example","点我")'
    assert sheet.cell(row=2, column=len(list(sheet[1]))).value == "-1 分"


def test_verified_share_follows_the_verdicts_per_revision(client, two_cities, regulators):
    """「已核验」 overall and per dimension: verified files back their questions' points only."""
    towels = two_cities["towels"]
    company = type("Owner", (), {"user_id": regulators["shijiazhuang"].user_id})
    question = add_evidence(company, towels, revision=2)
    add_evidence(company, towels, status="rejected", revision=1)
    rows = csv_rows(client, regulators["shijiazhuang"], questionnaire="quality")
    first, second = sorted(rows, key=lambda r: r["提交次数"])
    trace = {t["question"]: t for t in towels["result"]["trace"]}
    dimension = trace[question]["dimension"]
    title = next(d["title"] for d in towels["result"]["dimensions"] if d["key"] == dimension)
    column = f"已核验占比（%）·{title}"
    assert first["已核验占比（%）"] == "0.0" and first[column] == "0.0"  # rejected backs nothing
    in_dimension = sum(t["contribution"] for t in trace.values() if t["dimension"] == dimension)
    # Revision 2 answers as revision 1 did: the same trace.
    assert float(second[column]) == round(100 * trace[question]["contribution"] / in_dimension, 1)
    overall = sum(t["contribution"] for t in trace.values())
    assert float(second["已核验占比（%）"]) == round(
        100 * trace[question]["contribution"] / overall, 1
    )
    others = [h for h in second if h.startswith("已核验占比（%）·") and h != column]
    assert others and all(second[h] in ("0.0", "") for h in others)
    sheet = workbook(client, regulators["shijiazhuang"], questionnaire="quality")
    header = [cell.value for cell in sheet[1]]
    values = [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert sorted(v[column] for v in values) == sorted([0.0, float(second[column])])
