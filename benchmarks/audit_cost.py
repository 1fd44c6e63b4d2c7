"""What auditing the regulator's list costs: GET /assessments with the audit write and without.

    .venv/bin/python benchmarks/audit_cost.py [--rows 2000] [--requests 300] [--sqlite-only]

Builds a throwaway database as benchmarks/export.py does (SQLite, and PostgreSQL when a server
is reachable as the tests find it), then, through the test client as the province's regulator,
times GET /api/v1/assessments?limit=50 (one page, its counts, and with auditing one INSERT in a
transaction of its own, holding the 50 firms returned). Rounds alternate between the app as it
runs and the same app with the audit hook taken out, so drift hits both alike. Prints the median
and p95 per request of each and their ratio; asserts nothing.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from export import populate
from servers import postgres_server, throwaway_database
from sqlalchemy import func, select

from app import create_app
from app.audit.models import AuditEntry
from app.auth.audit import record_request_events
from app.auth.tokens import issue_tokens
from app.db import db, upgrade_database

LIST = "/api/v1/assessments?limit=50"


def timed(client, headers: dict, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(LIST, headers=headers)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.get_data(as_text=True)[:200]
    return times


def run(url: str, label: str, rows: int, requests: int) -> None:
    upgrade_database(url)
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "LOG_LEVEL": "WARNING",
        }
    )
    hooks = app.after_request_funcs[None]
    with app.app_context():
        users = populate(rows, rows // 10)
        with app.test_request_context():
            headers = {"Authorization": f"Bearer {issue_tokens(users['hebei'])['access_token']}"}
        client = app.test_client()
        timed(client, headers, 20)  # warm up
        audited, plain = [], []
        rounds = 10
        for _ in range(rounds):
            audited += timed(client, headers, requests // rounds)
            position = hooks.index(record_request_events)
            hooks.pop(position)
            plain += timed(client, headers, requests // rounds)
            hooks.insert(position, record_request_events)
        written = db.session.scalar(select(func.count()).select_from(AuditEntry))
        db.session.remove()
        db.engine.dispose()

    def p95(values):
        return statistics.quantiles(values, n=20)[-1]

    print(f"\n{label}: {rows:,} submissions, {len(audited)} requests each way, {written} entries")
    for name, values in (("audited", audited), ("no audit", plain)):
        median, tail = statistics.median(values) * 1000, p95(values) * 1000
        print(f"{name:9} median {median:6.2f} ms   p95 {tail:6.2f} ms")
    ratio = statistics.median(audited) / statistics.median(plain)
    print(f"ratio of medians (audited / no audit): {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    with throwaway_database("sqlite", "audit") as url:
        run(url, "SQLite", args.rows, args.requests)
    if args.sqlite_only or postgres_server() is None:
        print("\nPostgreSQL: not reachable, skipped")
        return
    with throwaway_database("postgresql", "audit") as url:
        run(url, "PostgreSQL", args.rows, args.requests)


if __name__ == "__main__":
    main()
