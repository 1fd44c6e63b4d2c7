"""The audit log: every regulator read of an assessment and every export, visible to admins."""

from datetime import datetime, timedelta

import pytest

from app.assessments.filters import CHINA

AUDIT = "/api/v1/audit"


@pytest.fixture
def admin(make_staff):
    return make_staff("admin")


def audit(client, admin, **params) -> dict:
    response = client.get(AUDIT, query_string=params, headers=admin.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_every_regulator_read_and_export_is_recorded(client, submitted, regulators, admin):
    _, assessment = submitted("130100")
    regulator = regulators["shijiazhuang"]
    base = f"/api/v1/assessments/{assessment['id']}"
    reads = [base, f"{base}/result", f"{base}/events", f"{base}/diff"]
    for url in reads:
        assert client.get(url, headers=regulator.headers).status_code == 200, url
    client.get(
        "/api/v1/assessments/export.csv",
        query_string={"region": "130100", "min_score": 50},
        headers=regulator.headers,
    )
    items = audit(client, admin)["items"][::-1]
    assert [(i["action"], i["path"]) for i in items] == [("read", u) for u in reads] + [
        ("export", "/api/v1/assessments/export.csv")
    ]
    assert {i["user"]["username"] for i in items} == {regulator.username}
    assert {i["assessment_id"] for i in items[:4]} == {assessment["id"]}
    assert items[-1]["assessment_id"] is None
    assert items[-1]["filters"] == {"region": "130100", "min_score": "50"}
    assert all(i["status"] == 200 and i["method"] == "GET" for i in items)


def test_an_owner_reading_its_own_assessment_is_not_recorded(client, submitted, admin):
    company, assessment = submitted("130100")
    client.get(f"/api/v1/assessments/{assessment['id']}", headers=company.headers)
    client.get("/api/v1/assessments", headers=company.headers)
    assert audit(client, admin)["items"] == []


def test_filters_by_user_action_and_date_with_pages(client, submitted, regulators, admin):
    _, assessment = submitted("130100")
    url = f"/api/v1/assessments/{assessment['id']}"
    for _ in range(3):
        client.get(url, headers=regulators["province"].headers)
    client.get(url, headers=regulators["shijiazhuang"].headers)
    client.get("/api/v1/assessments/export.xlsx", headers=regulators["shijiazhuang"].headers)

    mine = audit(client, admin, user=regulators["province"].username)["items"]
    assert len(mine) == 3
    assert [i["action"] for i in audit(client, admin, action="export")["items"]] == ["export"]
    assert len(audit(client, admin, assessment=assessment["id"])["items"]) == 4
    today = datetime.now(CHINA).date()
    assert len(audit(client, admin, date_from=today, date_to=today)["items"]) == 5
    assert audit(client, admin, date_to=today - timedelta(days=1))["items"] == []

    seen, cursor = [], None
    while True:
        page = audit(client, admin, limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [i["id"] for i in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert seen == sorted(seen, reverse=True) and len(set(seen)) == 5


def test_the_audit_log_is_for_admins_only(client, submitted, regulators, make_staff):
    company, _ = submitted("130100")
    for actor in (company, regulators["province"], make_staff("association", industries=["C17"])):
        response = client.get(AUDIT, headers=actor.headers)
        assert response.status_code == 403
        assert response.content_type == "application/problem+json"
    assert client.get(AUDIT).status_code == 401
    bad = client.get(AUDIT, query_string={"action": "delete"}, headers=make_staff("admin").headers)
    assert bad.status_code == 422


def test_a_regulator_reading_the_report_is_recorded_without_code_of_its_own(
    client, submitted, regulators, admin
):
    _, assessment = submitted("130100")
    url = f"/api/v1/assessments/{assessment['id']}/report.pdf"
    response = client.get(url, headers=regulators["shijiazhuang"].headers)
    assert response.status_code in (200, 202), response.get_data(as_text=True)[:300]
    (entry,) = audit(client, admin)["items"]
    assert (entry["action"], entry["path"], entry["status"]) == (
        "read",
        url,
        response.status_code,
    )


def test_the_next_link_pages_the_log_keeping_the_filters(client, submitted, regulators, admin):
    _, assessment = submitted("130100")
    url = f"/api/v1/assessments/{assessment['id']}"
    for _ in range(3):
        client.get(url, headers=regulators["province"].headers)
    client.get(url, headers=regulators["shijiazhuang"].headers)  # filtered out below

    link, seen = f"{AUDIT}?user={regulators['province'].username}&limit=2", []
    while link:
        response = client.get(link, headers=admin.headers)
        page = response.get_json()
        seen += [i["user"]["username"] for i in page["items"]]
        link = page["next"]
        assert response.headers.get("Link") == (f'<{link}>; rel="next"' if link else None)
    assert seen == [regulators["province"].username] * 3
