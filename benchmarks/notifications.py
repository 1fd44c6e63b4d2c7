"""Time the unread badge and the first page of a provincial regulator's notifications.

    .venv/bin/python benchmarks/notifications.py [-n 200000] [--unread 500] [--runs 200]
        [--db sqlite|postgresql|both] [--db-prefix qa_notify_]

On a throwaway database (a temporary SQLite file; a new database on the local PostgreSQL),
migrated to head, it gives one regulator n notices (the newest `unread` of them unread: a
province's years of submissions, mostly read) and 20 other users n/20 each (unread), then
times, over `runs` calls each (medians and p95): the unread count (GET /unread-count's
query), the first page of 20, and the first page of unread ones. Prints figures; asserts nothing.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from benchmarks.aggregates import database


def fill(n: int, unread: int) -> int:
    from app.auth.service import create_staff_user
    from app.db import db, utcnow
    from app.notifications.models import Notification

    users = [
        create_staff_user(
            role="regulator", username=f"r{i}", password="x" * 12, jurisdiction="130000"
        )
        for i in range(21)
    ]
    db.session.commit()
    me = users[0].id
    now = utcnow()
    rows = []
    # Interleaved as they arrive in life: every 20th notice is another user's.
    for i in range(n):
        for user in users if i % 20 == 0 else users[:1]:
            mine = user.id == me
            rows.append(
                {
                    "recipient_id": user.id,
                    "kind": "submitted",
                    "assessment_id": None,
                    "revision": i,
                    "params": {
                        "enterprise": f"企业{i}",
                        "questionnaire": "品牌建设",
                        "revision": 1,
                    },
                    "created_at": now,
                    "read_at": None if (not mine or i >= n - unread) else now,
                }
            )
        if len(rows) >= 20000:
            db.session.execute(insert(Notification), rows)
            rows = []
    if rows:
        db.session.execute(insert(Notification), rows)
    db.session.commit()
    return me


def timed(runs: int, call) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def run(kind: str, url: str, args) -> None:
    from app import create_app
    from app.db import db, upgrade_database
    from app.notifications.service import count_unread, list_notifications

    upgrade_database(url)
    app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        me = fill(args.n, args.unread)
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(db.text("VACUUM ANALYZE notifications"))
        for name, call in (
            ("unread count", lambda: count_unread(user_id=me)),
            ("first page", lambda: list_notifications(user_id=me, limit=20)),
            ("first unread page", lambda: list_notifications(user_id=me, unread=True, limit=20)),
        ):
            p50, p95 = timed(args.runs, call)
            db.session.rollback()
            print(f"  {kind:<10} {name:<18} p50 {p50 * 1000:6.2f} ms, p95 {p95 * 1000:6.2f} ms")
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200_000)
    parser.add_argument("--unread", type=int, default=500)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--db-prefix", default="qa_notify_")
    args = parser.parse_args()
    others = args.n // 20
    print(f"{args.n} notices for one regulator ({args.unread} unread), {others} for 20 others each")
    for kind in ("sqlite", "postgresql"):
        if args.db not in (kind, "both"):
            continue
        with database(kind, args.db_prefix) as url:
            if url is None:
                print(f"  {kind}: no server")
                continue
            run(kind, url, args)


if __name__ == "__main__":
    main()
