"""Fixtures of the campaign tests: regulators, a campaign, rolls written as CSV or XLSX."""

import csv
import io
from datetime import timedelta

import pytest

from app.campaigns.service import today
from tests.fixtures.actors import new_uscc

HEADER = ["统一社会信用代码", "企业名称", "行业代码", "企业规模", "联系人", "联系电话"]


def roll_csv(rows, header=HEADER, encoding="utf-8") -> bytes:
    """A roll file as a regulator's spreadsheet would save it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def roll_row(uscc=None, *, division="130102", name=None, industry="1772", size="小型"):
    uscc = uscc or new_uscc(division)
    return [uscc, name or f"企业{uscc[-6:]}", industry, size, "李四", "0311-12345678"]


def days(n: int) -> str:
    return (today() + timedelta(days=n)).isoformat()


@pytest.fixture
def regulators(make_staff):
    """Regulators of the province, 石家庄 (130100) and 唐山 (130200)."""
    return {
        "province": make_staff("regulator", jurisdiction="130000"),
        "shijiazhuang": make_staff("regulator", jurisdiction="130100"),
        "tangshan": make_staff("regulator", jurisdiction="130200"),
    }


@pytest.fixture
def make_campaign(client):
    """make_campaign(regulator, **fields) -> the created campaign's representation."""

    def make(regulator, **fields):
        body = {
            "name": "2027年度企业质量自评",
            "year": 2027,
            "questionnaires": ["brand"],
            "opens_on": days(-5),
            "closes_on": days(20),
            "late_policy": "accept",
            **fields,
        }
        response = client.post("/api/v1/campaigns", json=body, headers=regulator.headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return make


@pytest.fixture
def upload(client):
    """upload(regulator, campaign_id, data, **query) -> the response of the roll import."""

    def send(regulator, campaign_id, data, content_type="text/csv", **query):
        return client.post(
            f"/api/v1/campaigns/{campaign_id}/roll",
            data=data,
            query_string={k: str(v).lower() for k, v in query.items()},
            headers={**regulator.headers, "Content-Type": content_type},
        )

    return send
