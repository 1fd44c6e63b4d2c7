"""Time to import a campaign roll of 50,000 rows, beside a bulk insert of the same rows.

    .venv/bin/python benchmarks/roll_import.py [--rows 50000] [--sqlite-only]

Builds a throwaway SQLite database (and a PostgreSQL one, named bench_campaigns_*, when a server
is reachable as the tests find it), creates a 石家庄 campaign and a roll of `--rows` valid rows
over the city's counties, written as CSV and as XLSX. Then, on each database:

- floor: the same rows, already parsed, bulk-inserted into roll_entries (what any import must
  at least do), then deleted;
- the request POST /api/v1/campaigns/{id}/roll through the test client: a dry run of the CSV,
  the CSV import, the XLSX import (into a second campaign): read, every row checked, inserted,
  committed, the per-row report answered;
- the regulator's reads of the imported roll (progress, filings, non-responders, the roll's
  firms as the campaign screen lists them, the reminder history) beside a count of its rows.

Prints each time and its ratio to the floor. Asserts nothing; the issue's target is ≤ 30 s.
"""

import argparse
import csv
import io
import random
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook
from sqlalchemy import create_engine, delete, insert, text
from sqlalchemy.engine import make_url

from app import create_app
from app.auth.service import create_staff_user
from app.auth.tokens import issue_tokens
from app.campaigns.models import RollEntry
from app.campaigns.roll import INSERT_BATCH
from app.campaigns.service import create_campaign
from app.db import db, upgrade_database, utcnow
from app.questionnaires.service import publish_questionnaire, questionnaire_files
from app.reference.codes import divisions
from app.reference.uscc import complete_uscc

CITY = "130100"
HEADER = ["统一社会信用代码", "企业名称", "行业代码", "企业规模", "联系人", "联系电话"]
INDUSTRIES = ["1772", "3670", "3130", "2641", "1721", "2110", "3412", "3311"]
SIZES = ["大型", "中型", "小型", "微型"]


def roll_rows(count: int) -> list[list[str]]:
    """`count` valid, distinct rows registered in 石家庄's current counties."""
    rng = random.Random(19)
    counties = [d["code"] for d in divisions() if d["unit"] == CITY and d["status"] == "current"]
    rows = []
    for i in range(count):
        county = counties[i % len(counties)]
        uscc = complete_uscc(f"91{county}MA{i:06d}")
        rows.append(
            [
                uscc,
                f"石家庄第{i}号测试制造有限公司",
                rng.choice(INDUSTRIES),
                rng.choice(SIZES),
                "张三",
                f"0311-{8000000 + i}",
            ]
        )
    return rows


def as_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def as_xlsx(rows) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def floor(campaign_id: int, rows) -> float:
    """Seconds to bulk-insert the parsed rows as the import does, committed, then removed."""
    now = utcnow()
    values = [
        {
            "campaign_id": campaign_id,
            "uscc": r[0],
            "name": r[1],
            "division": r[0][2:8],
            "region": CITY,
            "industry": "C" + r[2],
            "size": "small",
            "contact_name": r[4],
            "contact_phone": r[5],
            "row": i + 2,
            "created_at": now,
        }
        for i, r in enumerate(rows)
    ]
    started = time.perf_counter()
    connection = db.session.connection()
    for start in range(0, len(values), INSERT_BATCH):
        connection.execute(insert(RollEntry.__table__), values[start : start + INSERT_BATCH])
    db.session.commit()
    elapsed = time.perf_counter() - started
    db.session.execute(delete(RollEntry).where(RollEntry.campaign_id == campaign_id))
    db.session.commit()
    return elapsed


def run(url: str, label: str, count: int) -> None:
    upgrade_database(url)
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "LOG_LEVEL": "WARNING",
        }
    )
    rows = roll_rows(count)
    files = {"csv": as_csv(rows), "xlsx": as_xlsx(rows)}
    with app.app_context():
        for path in questionnaire_files():
            publish_questionnaire(path=path)
        regulator = create_staff_user(
            role="regulator", username="bench-sjz", password="bench-password-1", jurisdiction=CITY
        )
        db.session.flush()
        campaigns = [
            create_campaign(
                principal=regulator,
                name=f"2027年度企业质量自评 {n}",
                year=2027,
                questionnaires=["brand"],
                opens_on=date(2027, 1, 1),
                closes_on=date(2027, 3, 31),
                late_policy="accept",
            ).id
            for n in range(2)
        ]
        db.session.commit()
        with app.test_request_context():
            headers = {"Authorization": f"Bearer {issue_tokens(regulator)['access_token']}"}
        base = floor(campaigns[0], rows)
        client = app.test_client()
        print(
            f"\n{label}: {count:,} rows; CSV {len(files['csv']):,} B, XLSX {len(files['xlsx']):,} B"
        )
        print(f"{'floor: bulk insert of the parsed rows':44} {base:7.2f} s   1.0x")
        for what, campaign, fmt, query in (
            ("dry run, CSV (read + check every row)", campaigns[0], "csv", "?dry_run=true"),
            ("import, CSV", campaigns[0], "csv", ""),
            ("import, XLSX", campaigns[1], "xlsx", ""),
        ):
            db.session.remove()
            media = (
                "text/csv"
                if fmt == "csv"
                else ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            )
            started = time.perf_counter()
            response = client.post(
                f"/api/v1/campaigns/{campaign}/roll{query}",
                data=files[fmt],
                headers={**headers, "Content-Type": media},
            )
            elapsed = time.perf_counter() - started
            report = response.get_json()
            assert response.status_code == 200, str(report)[:500]
            print(
                f"{what:44} {elapsed:7.2f} s {elapsed / base:5.1f}x"
                f"   (rows {report['rows']:,}, imported {report['imported']:,})"
            )
        reads(client, headers, campaigns[0], count)
        db.session.remove()
        db.engine.dispose()


def reads(client, headers: dict, campaign: int, count: int, runs: int = 7) -> None:
    """The regulator's reads of a 50k roll, each beside a plain count of the roll's rows."""
    from sqlalchemy import func, select

    def timed(call) -> list[float]:
        times = []
        for _ in range(runs):
            db.session.remove()
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
        return sorted(times)

    count_query = select(func.count(RollEntry.id)).where(RollEntry.campaign_id == campaign)
    base = timed(lambda: db.session.scalar(count_query))
    print(f"\nreads of the {count:,}-row roll, {runs} runs each: median / worst")
    floor_ms = base[runs // 2] * 1000
    print(f"{'floor: count of the roll rows':44} {floor_ms:7.1f} / {base[-1] * 1000:.1f} ms")
    for what, url in (
        ("progress (by state, county, industry)", f"/api/v1/campaigns/{campaign}/progress"),
        (
            "filings, first page of not started",
            f"/api/v1/campaigns/{campaign}/filings?state=not_started",
        ),
        ("non-responders CSV (every row)", f"/api/v1/campaigns/{campaign}/non-responders.csv"),
        ("roll's firms, first page (with the total)", f"/api/v1/campaigns/{campaign}/roll"),
        (
            "roll's firms, not submitted in one county",
            f"/api/v1/campaigns/{campaign}/roll?state=not_started&state=draft&county=130102",
        ),
        ("roll's firms, a name search", f"/api/v1/campaigns/{campaign}/roll?q=第4999"),
        ("reminder history, first page", f"/api/v1/campaigns/{campaign}/reminders"),
    ):
        figures = timed(lambda url=url: client.get(url, headers=headers).get_data())
        median, worst = figures[runs // 2] * 1000, figures[-1] * 1000
        print(f"{what:44} {median:7.1f} / {worst:.1f} ms  {median / floor_ms:6.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{tmp}/roll-bench.db", "SQLite", args.rows)
    if args.sqlite_only:
        return
    from tests.conftest import postgres_server_url

    server = postgres_server_url()
    if server is None:
        print("\nPostgreSQL: not reachable, skipped")
        return
    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    name = f"bench_campaigns_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        run(make_url(server).set(database=name).render_as_string(False), "PostgreSQL", args.rows)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
