"""plan.csv and plan.xlsx: the improvement plan as a spreadsheet to track the actions in."""

import csv
import io
from urllib.parse import unquote

from openpyxl import load_workbook

from app.reports.plan_export import header


def get(client, company, assessment_id, name, **headers):
    return client.get(
        f"/api/v1/assessments/{assessment_id}/{name}", headers={**company.headers, **headers}
    )


def test_csv_has_a_bom_and_one_row_per_recommendation(client, submitted):
    company, body = submitted(name="河北冀华纺织有限公司")
    response = get(client, company, body["id"], "plan.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == header("zh")
    assert rows[0][-3:] == ["负责人", "完成期限", "状态"]
    recommendations = body["result"]["recommendations"]
    assert len(rows) == 1 + len(recommendations) > 1
    for row, rec in zip(rows[1:], recommendations, strict=True):
        assert row[0] == str(recommendations.index(rec) + 1)
        assert row[1] == rec["question_text"]
        assert row[2] == "、".join(rec["clause"])
        assert row[3] == rec["text"]
        assert row[4].split("、") == list(dict.fromkeys(d["dept_2016"] for d in rec["departments"]))
        # One contact a line, whom then what for; the local bureau first, as the API says.
        assert row[5].split("\n") == [f"{c['name']}（{c['why']}）" for c in rec["contacts"]]
        assert rec["contacts"][0]["level"] in ("county", "city")
        assert float(row[6]) == rec["gain"]
        assert row[7:] == ["", "", ""]
    disposition = response.headers["Content-Disposition"]
    assert f'filename="plan-{company.uscc}-quality-r1.csv"' in disposition
    expected = "河北冀华纺织有限公司-质量管理改进计划-第1次提交.csv"
    assert unquote(disposition.split("UTF-8''")[1]) == expected


def test_xlsx_has_a_bold_frozen_header_and_the_same_rows(client, submitted):
    company, body = submitted("brand")
    response = get(client, company, body["id"], "plan.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert sheet.title == "改进计划"
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == header("zh")
    assert all(c.font.bold for c in sheet[1])
    as_csv = get(client, company, body["id"], "plan.csv").data.decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(as_csv)))
    xlsx_rows = [
        ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
    ]
    gain = 6  # numbers are numbers in the workbook: compare them as numbers
    for xlsx_row, csv_row in zip(xlsx_rows[1:], csv_rows[1:], strict=True):
        assert float(xlsx_row.pop(gain)) == float(csv_row.pop(gain))
    assert xlsx_rows == csv_rows
    assert sheet.data_validations.dataValidation[0].formula1 == '"未开始,进行中,已完成"'


def test_english_plan_and_conditional_get(client, submitted):
    company, body = submitted()
    english = get(client, company, body["id"], "plan.csv", **{"Accept-Language": "en"})
    assert english.headers["Content-Language"] == "en"
    first_row = english.data.decode("utf-8-sig").splitlines()[0]
    assert first_row.startswith("Rank,Question,Clause,Action")
    etag = english.headers["ETag"]
    assert etag.startswith('W/"')
    again = get(
        client, company, body["id"], "plan.csv", **{"Accept-Language": "en", "If-None-Match": etag}
    )
    assert again.status_code == 304
    chinese = get(client, company, body["id"], "plan.csv", **{"If-None-Match": etag})
    assert chinese.status_code == 200  # another language is another representation


def test_a_plan_of_a_revision_never_submitted_is_404(client, enterprise):
    draft = enterprise.create("quality")
    assert get(client, enterprise, draft["id"], "plan.csv").status_code == 404
    assert get(client, enterprise, draft["id"], "plan.xlsx").status_code == 404
