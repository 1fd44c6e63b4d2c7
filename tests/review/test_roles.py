"""Every review endpoint with every kind of caller: 401, 403 by role, 404 out of scope, else OK."""

import pytest

CALLERS = (
    "anonymous",
    "owner",
    "other_enterprise",
    "province",
    "city_in",
    "city_out",
    "association",
    "admin",
)


def expect(default, **overrides):
    return {caller: overrides.get(caller, default) for caller in CALLERS} | {
        "anonymous": overrides.get("anonymous", 401)
    }


ENDPOINTS = [
    ("POST", "/{id}/review", expect(403, province=200, city_in=200, city_out=404)),
    (
        "GET",
        "/{id}/diff",
        expect(403, owner=200, other_enterprise=404, province=200, city_in=200, city_out=404),
    ),
    ("GET", "/export.csv", expect(403, province=200, city_in=200, city_out=200)),
    ("GET", "/export.xlsx", expect(403, province=200, city_in=200, city_out=200)),
    ("GET", "/api/v1/audit", expect(403, admin=200)),
    (
        "GET",
        "",
        expect(403, owner=200, other_enterprise=200, province=200, city_in=200, city_out=200),
    ),
]


@pytest.fixture
def callers(submitted, make_enterprise, make_staff):
    owner, assessment = submitted("130100")
    headers = {
        "anonymous": {},
        "owner": owner.headers,
        "other_enterprise": make_enterprise("130200").headers,
        "province": make_staff("regulator", jurisdiction="130000").headers,
        "city_in": make_staff("regulator", jurisdiction="130100").headers,
        "city_out": make_staff("regulator", jurisdiction="130200").headers,
        "association": make_staff("association", industries=["C17"]).headers,
        "admin": make_staff("admin").headers,
    }
    return assessment, headers


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize(("method", "path", "statuses"), ENDPOINTS, ids=lambda v: str(v)[:30])
def test_each_caller_gets_its_status(client, callers, caller, method, path, statuses):
    assessment, headers = callers
    url = path if path.startswith("/api/") else f"/api/v1/assessments{path}"
    url = url.replace("{id}", str(assessment["id"]))
    body = {"decision": "approve"} if method == "POST" else None
    response = client.open(url, method=method, json=body, headers=headers[caller])
    assert response.status_code == statuses[caller], response.get_data(as_text=True)[:300]
    if response.status_code >= 400:
        assert response.content_type == "application/problem+json"
