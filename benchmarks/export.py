"""Memory of the regulator's exports: 10,000 rows against 100,000, through the real route.

    .venv/bin/python benchmarks/export.py [--rows 100000] [--small 10000] [--sqlite-only]

Builds a throwaway SQLite database (and a PostgreSQL one when a server is reachable, as the
tests find it), bulk-inserts synthetic submissions spread over the three questionnaires, then
streams GET /api/v1/assessments/export.{csv,xlsx} through the test client: as the 石家庄
regulator (whose city holds `--small` of the rows) and as the province's (all `--rows`).
After one warm-up export of each format (imports and caches that load once), it prints for each
export the tracemalloc peak (Python allocations while the response is produced and consumed),
the largest RSS growth seen between chunks, rows, bytes and time (slowed several times by
tracemalloc), and the ratio of the large export's peak to the small one's. Prints figures;
asserts nothing.

Stored results keep what an export reads (scores, dimensions, red flags) and drop the trace and
recommendations, which would make the database ~15 times larger without touching the export.
"""

import argparse
import sys
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import postgres_server, throwaway_database
from sqlalchemy import insert

from app import create_app
from app.assessments.models import Assessment, Submission
from app.auth.models import Enterprise, User
from app.auth.tokens import issue_tokens
from app.db import db, upgrade_database
from app.questionnaires.service import (
    latest_version,
    publish_questionnaire,
    questionnaire_files,
)
from app.scoring import score
from tests.fixtures.actors import facts
from tests.fixtures.answering import complete_answers

CITY, OTHERS = "130100", ["130200", "130300", "130600", "130181", "133100"]
FACTS = facts("C1772", "small")  # a small towel maker with a complete profile, no red line
KEPT = ("questionnaire", "overall", "overall_uncapped", "capped", "maturity", "dimensions")
BATCH = 5000


def templates(versions: dict) -> list[dict]:
    """One stored submission per questionnaire and answer quality, scored for real."""
    out = []
    for key, (version_id, number, definition) in versions.items():
        for choice in ("best", "middle", "worst"):
            answers = complete_answers(definition, FACTS, choice)
            result = score(definition, answers, FACTS, version=number)
            stored = {k: result[k] for k in KEPT} | {"red_flags": result["red_flags"]}
            out.append({"key": key, "version_id": version_id, "answers": answers, "result": stored})
    return out


def populate(rows: int, small: int) -> dict:
    """Enterprises, users and `rows` submitted assessments; `small` of them in 石家庄."""
    versions = {}
    for path in questionnaire_files():
        published = latest_version(key=publish_questionnaire(path=path).key)
        versions[published.key] = (published.id, published.version, published.definition)
    shapes = templates(versions)
    now = datetime.now(UTC)
    companies = 2000
    db.session.execute(
        insert(Enterprise),
        [
            {
                "id": i + 1,
                "uscc": f"91{(CITY if i < 200 else OTHERS[i % len(OTHERS)])}{i:010d}",
                "name": f"河北第{i}号测试制造有限公司",
                "region": CITY if i < 200 else OTHERS[i % len(OTHERS)],
                "industry": "C1772",
                "size": ("large", "medium", "small", "micro")[i % 4],
                "contact_name": "张三",
                "contact_phone": "13800138000",
                "verification": "verified",
                "created_at": now,
            }
            for i in range(companies)
        ],
    )
    staff = [("filler", "enterprise", None, 1), ("sjz", "regulator", CITY, None)]
    staff.append(("hebei", "regulator", "130000", None))
    db.session.execute(
        insert(User),
        [
            {
                "id": n,
                "username": u,
                "password_hash": "-",
                "role": r,
                "display_name": u,
                "jurisdiction": j,
                "enterprise_id": e,
                "created_at": now,
            }
            for n, (u, r, j, e) in enumerate(staff, 1)
        ],
    )
    for start in range(0, rows, BATCH):
        assessments, submissions = [], []
        for i in range(start, min(start + BATCH, rows)):
            shape = shapes[i % len(shapes)]
            result = shape["result"]
            company = (i % 200) if i < small else 200 + i % (companies - 200)
            when = now - timedelta(minutes=rows - i)
            # No "return": a returned assessment is open, and an enterprise has one open per key.
            decision = (None, "approve")[i % 2]
            common = {
                "questionnaire_version_id": shape["version_id"],
                "answers": shape["answers"],
                "overall": result["overall"],
                "maturity_level": result["maturity"]["level"],
                "submitted_at": when,
            }
            assessments.append(
                common
                | {
                    "id": i + 1,
                    "enterprise_id": company + 1,
                    "questionnaire_key": shape["key"],
                    "status": "approved" if decision else "submitted",
                    "revision": 1,
                    "version": 3,
                    "red_flag_count": len(result["red_flags"]),
                    "created_at": when,
                    "updated_at": when,
                }
            )
            submissions.append(
                common
                | {
                    "assessment_id": i + 1,
                    "revision": 1,
                    "facts": FACTS,
                    "result": result,
                    "has_red_flags": bool(result["red_flags"]),
                    "submitted_by": 1,
                    "decision": decision,
                    "decided_at": when + timedelta(hours=2) if decision else None,
                    "decided_by": 2 if decision else None,
                    "decision_comment": f"第{i}号：请补充检验报告"
                    if decision == "return"
                    else None,
                }
            )
        db.session.execute(insert(Assessment), assessments)
        db.session.execute(insert(Submission), submissions)
        db.session.commit()
    return {"sjz": db.session.get(User, 2), "hebei": db.session.get(User, 3)}


def rss_bytes() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * 4096


def measure(client, headers: dict, fmt: str) -> dict:
    """Stream one export, consuming it chunk by chunk as a WSGI server would."""
    tracemalloc.start()
    base_traced, base_rss = tracemalloc.get_traced_memory()[0], rss_bytes()
    started, size, rss_peak = time.perf_counter(), 0, 0
    response = client.get(
        f"/api/v1/assessments/export.{fmt}",
        headers={**headers, "Accept-Encoding": "gzip"},
        buffered=False,
    )
    assert response.status_code == 200, response.status_code
    for chunk in response.response:
        size += len(chunk)
        rss_peak = max(rss_peak, rss_bytes() - base_rss)
    response.close()
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] - base_traced
    tracemalloc.stop()
    return {"peak": peak, "rss": rss_peak, "bytes": size, "seconds": elapsed}


def run(url: str, label: str, rows: int, small: int) -> None:
    upgrade_database(url)
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "LOG_LEVEL": "WARNING",
        }
    )
    with app.app_context():
        started = time.perf_counter()
        users = populate(rows, small)
        print(f"\n{label}: {rows:,} submissions inserted in {time.perf_counter() - started:.1f} s")
        with app.test_request_context():
            headers = {
                name: {"Authorization": f"Bearer {issue_tokens(user)['access_token']}"}
                for name, user in users.items()
            }
        client = app.test_client()
        for fmt in ("csv", "xlsx"):  # warm up: imports, code tables and caches load once
            client.get(f"/api/v1/assessments/export.{fmt}?q=none", headers=headers["sjz"])
        columns = ("format", "rows", "traced peak", "RSS growth", "bytes", "time")
        print("{:6} {:>8} {:>12} {:>11} {:>12} {:>7}".format(*columns))
        for fmt in ("csv", "xlsx"):
            figures = {}
            for name, count in (("sjz", small), ("hebei", rows)):
                db.session.remove()
                f = figures[count] = measure(client, headers[name], fmt)
                peak, rss = f["peak"] / 2**20, f["rss"] / 2**20
                print(
                    f"{fmt:6} {count:>8,} {peak:>8.2f} MiB {rss:>7.1f} MiB"
                    f" {f['bytes']:>12,} {f['seconds']:>6.1f}s"
                )
            ratio = figures[rows]["peak"] / figures[small]["peak"]
            print(f"{fmt:6} peak ratio {rows:,} / {small:,} rows: {ratio:.2f}x")
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    with throwaway_database("sqlite", "export") as url:
        run(url, "SQLite", args.rows, args.small)
    if args.sqlite_only or postgres_server() is None:
        print("\nPostgreSQL: not reachable, skipped")
        return
    with throwaway_database("postgresql", "export") as url:
        run(url, "PostgreSQL", args.rows, args.small)


if __name__ == "__main__":
    main()
