"""Export jobs: created, run in the background, polled and downloaded; scope read at run time."""

import csv
import io
import time

import pytest
from openpyxl import load_workbook

from tests.review.conftest import regulators, submitted  # noqa: F401 (fixtures)

EXPORTS = "/api/v1/exports"


def create(client, actor, **body):
    return client.post(EXPORTS, json=body, headers=actor.headers)


def wait_done(client, actor, location, timeout=60):
    """Poll the job until it is done or failed (it runs in a thread: no Redis in tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(location, headers=actor.headers).get_json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"export still {job['state']} after {timeout} s")


def download_csv(client, actor, job) -> list[dict]:
    response = client.get(job["download"], headers=actor.headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))


@pytest.fixture
def two_cities(submitted):  # noqa: F811
    submitted("130100", name="石家庄毛巾织造有限公司")
    submitted("130102", name="长安区羊绒制品有限公司", choice="worst")
    submitted("130203", industry="C3110", name="唐山钢铁有限公司")


def test_a_regulator_exports_its_jurisdiction_as_csv_in_the_background(
    client,
    two_cities,
    regulators,  # noqa: F811
):
    city = regulators["shijiazhuang"]
    response = create(client, city, kind="submissions", format="csv", filters={})
    assert response.status_code == 202, response.get_json()
    job = response.get_json()
    assert response.headers["Location"].endswith(f"/exports/{job['id']}")
    assert job["state"] in ("queued", "running", "done")
    assert job["rows_estimated"] == 2
    done = wait_done(client, city, response.headers["Location"])
    assert done["state"] == "done", done["error"]
    assert done["rows_written"] == 2 and done["size"] > 0 and len(done["sha256"]) == 64
    names = sorted(row["企业名称"] for row in download_csv(client, city, done))
    assert names == ["石家庄毛巾织造有限公司", "长安区羊绒制品有限公司"]
    listed = client.get(EXPORTS, headers=city.headers).get_json()["items"]
    assert [j["id"] for j in listed] == [job["id"]]


def test_filters_apply_and_xlsx_opens_with_chinese_text(client, two_cities, regulators):  # noqa: F811
    province = regulators["province"]
    response = create(
        client, province, kind="submissions", format="xlsx", filters={"industry": "C3110"}
    )
    done = wait_done(client, province, response.headers["Location"])
    assert done["state"] == "done", done["error"]
    raw = client.get(done["download"], headers=province.headers).data
    sheet = load_workbook(io.BytesIO(raw)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["唐山钢铁有限公司"]


def test_scope_is_read_when_the_job_runs_not_when_it_was_created(
    app,
    client,
    two_cities,
    regulators,  # noqa: F811
):
    """A regulator moved to 唐山 between asking and running gets 唐山, not 石家庄."""
    from app.auth.models import User
    from app.db import db
    from app.exports.models import ExportJob
    from app.exports.service import run_export

    city = regulators["shijiazhuang"]
    job = create(client, city, kind="submissions", format="csv", filters={}).get_json()
    wait_done(client, city, f"{EXPORTS}/{job['id']}")
    # Run the same request again as a new job, with the account moved before it runs.
    with app.app_context():
        user = db.session.get(User, city.user_id)
        user.jurisdiction = "130200"
        stored = db.session.get(ExportJob, job["id"])
        stored.state, stored.rows_written = "queued", 0
        db.session.commit()
        run_export(job["id"])
    done = client.get(f"{EXPORTS}/{job['id']}", headers=city.headers).get_json()
    assert done["state"] == "done"
    assert [row["企业名称"] for row in download_csv(client, city, done)] == ["唐山钢铁有限公司"]


def test_a_disabled_account_gets_no_file(app, client, two_cities, regulators):  # noqa: F811
    from app.auth.models import User
    from app.db import db
    from app.exports.models import ExportJob
    from app.exports.service import run_export

    city = regulators["shijiazhuang"]
    job = create(client, city, kind="submissions", format="csv", filters={}).get_json()
    wait_done(client, city, f"{EXPORTS}/{job['id']}")
    with app.app_context():
        db.session.get(User, city.user_id).disabled = True
        stored = db.session.get(ExportJob, job["id"])
        stored.state, stored.storage_key = "queued", None
        db.session.commit()
        run_export(job["id"])
        stored = db.session.get(ExportJob, job["id"])
        assert stored.state == "failed" and stored.storage_key is None
        assert "停用" in stored.error


def test_aggregates_are_exported_suppressed_like_the_screen(client, two_cities, regulators):  # noqa: F811
    province = regulators["province"]
    response = create(
        client,
        province,
        kind="aggregates",
        format="csv",
        filters={"questionnaire": "quality", "industry": "C17", "group_by": "region"},
    )
    assert response.status_code == 202, response.get_json()
    done = wait_done(client, province, response.headers["Location"])
    assert done["state"] == "done", done["error"]
    raw = client.get(done["download"], headers=province.headers).data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(raw)))
    groups = [r for r in rows if r[0] == "分组"]
    # Two towel makers in one city: a cell that small is shown suppressed, never with its figures.
    assert groups and all(r[5] == "是" and r[6:] == ["", "", "", "", ""] for r in groups)


def test_who_may_export_what(client, two_cities, regulators, make_staff, enterprise):  # noqa: F811
    association = make_staff("association", industries=["C17"])
    admin = make_staff("admin")
    submissions = {"kind": "submissions", "format": "csv", "filters": {}}
    assert create(client, enterprise, **submissions).status_code == 403
    assert create(client, association, **submissions).status_code == 403
    assert create(client, admin, **submissions).status_code == 403
    assert client.post(EXPORTS, json=submissions).status_code == 401
    # Another industry: refused when asked, as GET /aggregates refuses it.
    other = {"questionnaire": "quality", "industry": "C31"}
    screen = client.get("/api/v1/aggregates", query_string=other, headers=association.headers)
    job = create(client, association, kind="aggregates", format="csv", filters=other)
    assert job.status_code == screen.status_code and job.status_code in (403, 422)
    assert client.get(EXPORTS, headers=enterprise.headers).status_code == 403


def test_nobody_sees_another_users_job(client, two_cities, regulators):  # noqa: F811
    city, other = regulators["shijiazhuang"], regulators["tangshan"]
    response = create(client, city, kind="submissions", format="csv", filters={})
    job = wait_done(client, city, response.headers["Location"])
    for path in (f"{EXPORTS}/{job['id']}", job["download"]):
        assert client.get(path, headers=other.headers).status_code == 404
    assert client.get(EXPORTS, headers=other.headers).get_json()["items"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "everything", "format": "csv"}, "kind"),
        ({"kind": "submissions", "format": "pdf"}, "format"),
        (
            {"kind": "submissions", "format": "csv", "filters": {"region": "999999"}},
            "filters.region",
        ),
        ({"kind": "submissions", "format": "csv", "filters": {"maturity": 9}}, "filters.maturity"),
        ({"kind": "submissions", "format": "csv", "filters": {"nonsense": 1}}, "filters.nonsense"),
    ],
)
def test_bad_requests_name_the_field(client, regulators, body, field):  # noqa: F811
    response = client.post(
        EXPORTS,
        json=body,
        headers={**regulators["province"].headers, "Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"]


def test_a_job_not_done_is_a_409_and_an_expired_one_is_gone(app, client, regulators):  # noqa: F811
    from datetime import timedelta

    from app.db import db, utcnow
    from app.exports.models import ExportJob
    from app.exports.service import prune_expired

    city = regulators["shijiazhuang"]
    job = wait_done(
        client,
        city,
        create(client, city, kind="submissions", format="csv", filters={}).headers["Location"],
    )
    with app.app_context():
        stored = db.session.get(ExportJob, job["id"])
        stored.state = "running"
        db.session.commit()
    response = client.get(f"{EXPORTS}/{job['id']}/file", headers=city.headers)
    assert response.status_code == 409
    assert response.get_json()["current_status"] == "running"
    with app.app_context():
        stored = db.session.get(ExportJob, job["id"])
        stored.state, stored.expires_at = "done", utcnow() - timedelta(seconds=1)
        key = stored.storage_key
        db.session.commit()
        assert prune_expired() == "1 deleted"
        db.session.commit()
        from app.storage import current_store

        assert not current_store().exists(key)
    assert client.get(f"{EXPORTS}/{job['id']}", headers=city.headers).status_code == 404


def test_a_direct_download_above_the_limit_points_to_jobs(
    app,
    client,
    two_cities,
    regulators,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setitem(app.config, "EXPORT_STREAM_MAX_ROWS", 1)
    response = client.get(
        "/api/v1/assessments/export.csv",
        headers={**regulators["province"].headers, "Accept-Language": "en"},
    )
    assert response.status_code == 422
    body = response.get_json()
    assert body["type"].endswith(":export-too-large")
    assert body["rows"] == 3 and body["limit"] == 1 and body["jobs"] == "/api/v1/exports"
    assert "POST /api/v1/exports" in body["detail"]
