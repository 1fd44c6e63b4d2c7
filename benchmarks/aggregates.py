"""Time the aggregate statistics, the snapshot and reads of published aggregates, against floors.

    .venv/bin/python benchmarks/aggregates.py [-n 100000] [--snapshot-n 200000] [--runs 5]
        [--db sqlite|postgresql|both] [--readers 8] [--seconds 8] [--port P] [--db-prefix P]

On each database, a throwaway one (a temporary SQLite file; a new database on the local
PostgreSQL), bulk-inserts n synthetic enterprises across the 14 reporting units, 30 divisions
and 4 sizes with one submitted quality assessment each (random answers, a result with
dimension scores), takes the first snapshot (timed), then times in the same run, per level of
the cube (each run in turn, so that they share the machine's noise; medians):

  grouped   the statistics a snapshot computes for the level: n, sum, p25/median/p75 of the
            overall score and the count at each maturity level per cell (the finest cells'
            scan and the roll-up to the level, app/aggregates/snapshot/statistics.py);
  count     SELECT <the level's columns>, count(*) … GROUP BY the same, over the same rows;
  former    the same statistics as the former SQL computed them (tests/aggregates/reference.py:
            window functions on SQLite, percentile_cont on PostgreSQL).

and all 12 levels at once (what a snapshot runs) against the 12 counts. On PostgreSQL it then
serves the app with gunicorn (gunicorn.conf.py) on that database and measures, with --readers
concurrent clients (design.md: dashboards are measured with 8), the latency of GET
/api/v1/aggregates (a province regulator's dashboard queries, in turn) between two runs of
GET /healthz (one SELECT 1) as the floor; and, in another database of --snapshot-n
enterprises, the first snapshot. Prints figures and ratios; asserts nothing.
"""

import argparse
import http.client
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

UNITS = ["130100", "130200", "130300", "130400", "130500", "130600", "130700", "130800",
         "130900", "131000", "131100", "130181", "130682", "133100"]  # fmt: skip
CLASSES = ["C1311", "C1391", "C1411", "C1511", "C1711", "C1721", "C1772", "C1811", "C1951",
           "C2110", "C2211", "C2311", "C2411", "C2511", "C2611", "C2641", "C2710", "C2911",
           "C3011", "C3110", "C3120", "C3311", "C3411", "C3511", "C3612", "C3670", "C3811",
           "C3911", "C4011", "D4411"]  # fmt: skip
SIZES = ["large", "medium", "small", "micro"]
BATCH = 5000
# A province regulator's dashboard: the province and a city, by each dimension.
DASHBOARD = [
    "questionnaire=quality&group_by=region",
    "questionnaire=quality&group_by=industry",
    "questionnaire=quality&group_by=size",
    "questionnaire=quality",
    "questionnaire=quality&region=130100&group_by=industry",
    "questionnaire=quality&industry=C17&group_by=region",
    "questionnaire=quality&industry=C&group_by=size",
    "questionnaire=quality&region=130200&size=small&group_by=industry",
]


def median_times(runs: int, **queries) -> dict[str, float]:
    """Median wall time of each callable, run in turn so they share the machine's noise."""
    times = {name: [] for name in queries}
    for _ in range(runs):
        for name, run in queries.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def populate(db, n: int, definition: dict, version_id: int) -> None:
    """Bulk-insert n enterprises, each with one submitted assessment of the questionnaire."""
    from app.assessments.models import Assessment, Submission
    from app.auth.models import Enterprise, User

    rng = random.Random(2016)
    questions = [q for s in definition["sections"] for q in s["questions"]]
    dims = [d["key"] for d in definition["dimensions"]]
    user = db.session.execute(
        insert(User)
        .values(username="bench", password_hash="-", role="admin", display_name="b")
        .returning(User.id)
    ).scalar_one()
    when = datetime(2026, 6, 1, tzinfo=UTC)
    for start in range(0, n, BATCH):
        rows = range(start, min(n, start + BATCH))
        db.session.execute(
            insert(Enterprise),
            [
                {"id": i + 1, "uscc": f"91{i:016d}", "name": f"企业{i}",
                 "region": rng.choice(UNITS),
                 "industry": rng.choice(CLASSES), "size": rng.choice(SIZES),
                 "contact_name": "张三", "contact_phone": "13800138000", "needs_attention": False,
                 "verification": "verified", "created_at": when}
                for i in rows
            ],
        )  # fmt: skip
        db.session.execute(
            insert(Assessment),
            [
                {"id": i + 1, "enterprise_id": i + 1, "questionnaire_key": definition["key"],
                 "questionnaire_version_id": version_id, "status": "submitted", "revision": 1,
                 "version": 2, "answers": {}, "red_flag_count": 0, "created_at": when,
                 "updated_at": when, "submitted_at": when}
                for i in rows
            ],
        )  # fmt: skip
        submissions = []
        for i in rows:
            answers = {}
            for q in questions:
                if q["type"] == "single":
                    answers[q["id"]] = rng.choice(q["options"])["id"]
                elif q["type"] == "multiple":
                    picked = rng.sample(q["options"], rng.randint(1, 2))
                    answers[q["id"]] = [o["id"] for o in picked]
            scores = {d: round(rng.uniform(0, 100), 1) for d in dims}
            overall = round(sum(scores.values()) / len(scores), 1)
            level = 1 + sum(overall >= t for t in (20, 40, 60, 80))
            submissions.append(
                {"id": i + 1, "assessment_id": i + 1, "revision": 1,
                 "questionnaire_version_id": version_id, "answers": answers, "facts": {},
                 "result": {"dimensions": [{"key": d, "score": s} for d, s in scores.items()]},
                 "overall": overall, "maturity_level": level, "has_red_flags": False,
                 "submitted_at": when, "submitted_by": user}
            )  # fmt: skip
        db.session.execute(insert(Submission), submissions)
        db.session.commit()


def analyze(db) -> None:
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
    else:
        db.session.execute(text("ANALYZE"))
        db.session.commit()


@contextmanager
def loaded_app(url: str, n: int):
    """The app on url with n submissions and a first snapshot; yields (app, db, snapshot s)."""
    from app import create_app
    from app.aggregates.snapshot.lease import acquire_lease, take_snapshot_now
    from app.db import db, upgrade_database
    from app.questionnaires.service import (
        latest_version,
        publish_questionnaire,
        questionnaire_files,
    )

    upgrade_database(url)
    app = create_app({"APP_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        for path in questionnaire_files():
            publish_questionnaire(path=path)
        db.session.commit()
        version = latest_version(key="quality")
        populate(db, n, version.definition, version.id)
        analyze(db)
        start = time.perf_counter()
        acquire_lease(holder="bench")
        take_snapshot_now(trigger="cli", holder="bench")
        snapshot = time.perf_counter() - start
        analyze(db)
        try:
            yield app, db, snapshot
        finally:
            db.session.remove()
            db.engine.dispose()


def level_name(grouping) -> str:
    parts = ["region"] if grouping.region else []
    parts += [grouping.industry] if grouping.industry else []
    parts += ["size"] if grouping.size else []
    return "×".join(parts) or "province"


def measure_levels(db, runs: int) -> None:
    """Per level: the statistics against a plain count grouped the same way (and the former)."""
    from app.aggregates.models import AggregateMember as m
    from app.aggregates.snapshot.sources import released_source
    from app.aggregates.snapshot.statistics import CUBE, NO_LABELS, overall_stats
    from tests.aggregates.reference import overall_statistics

    where = (m.questionnaire_key == "quality", m.year == 2026)
    source = released_source("quality", 2026)

    def count(grouping):
        columns = [m.region] if grouping.region else []
        columns += [getattr(m, grouping.industry)] if grouping.industry else []
        columns += [m.size] if grouping.size else []
        query = select(*columns, func.count()).where(*where).group_by(*columns)
        return lambda: db.session.execute(query).all()

    def grouped(groupings):
        return lambda: overall_stats(source, [(g, NO_LABELS) for g in groupings])

    def former(grouping):
        return lambda: db.session.execute(overall_statistics(source, grouping)).all()

    print(f"  {'level':<24}{'cells':>6}{'grouped':>11}{'count(*)':>11}{'ratio':>8}"
          f"{'former':>11}{'ratio':>8}")  # fmt: skip
    all_grouped, all_counts = [], []
    for grouping in CUBE:
        t = median_times(
            runs, grouped=grouped([grouping]), count=count(grouping), former=former(grouping)
        )
        cells = len(grouped([grouping])())
        all_grouped.append(t["grouped"])
        all_counts.append(t["count"])
        print(f"  {level_name(grouping):<24}{cells:>6}{t['grouped'] * 1000:>9.1f}ms"
              f"{t['count'] * 1000:>9.1f}ms{t['grouped'] / t['count']:>7.2f}x"
              f"{t['former'] * 1000:>9.1f}ms{t['former'] / t['count']:>7.2f}x")  # fmt: skip
    every = median_times(runs, grouped=grouped(CUBE))["grouped"]
    counts = sum(all_counts)
    print(f"  all 12 levels at once: {every * 1000:.1f} ms against the 12 counts' "
          f"{counts * 1000:.1f} ms, ratio {every / counts:.2f}x")  # fmt: skip


def _reader(port: int, paths: list[str], headers: dict, until: float, out: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    index = random.randrange(len(paths))
    while time.perf_counter() < until:
        path = paths[index % len(paths)]
        index += 1
        start = time.perf_counter()
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
        out.append(time.perf_counter() - start)
    conn.close()


def load(port: int, paths: list[str], headers: dict, readers: int, seconds: float) -> dict:
    """readers clients in threads, each on its own keep-alive connection, for seconds."""
    until = time.perf_counter() + seconds
    outs = [[] for _ in range(readers)]
    threads = [
        threading.Thread(target=_reader, args=(port, paths, headers, until, out)) for out in outs
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = sorted(t for out in outs for t in out)
    return {
        "n": len(times),
        "rate": len(times) / seconds,
        "p50": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
    }


def measure_reads(url: str, db, readers: int, seconds: float, port: int) -> None:
    """p50/p95 of published aggregates' reads through the app, between two floors."""
    from benchmarks.servers import bench_env, gunicorn, gunicorn_settings

    env = bench_env(url)
    os.environ.update(env)
    from app import create_app
    from app.auth.service import create_staff_user
    from app.auth.tokens import issue_tokens

    # The server's configuration (production, its keys), so that it accepts the token.
    signer = create_app({"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024, "ARGON2_PARALLELISM": 1})
    with signer.app_context():
        user = create_staff_user(
            role="regulator",
            username="province",
            password="bench-password-1",
            jurisdiction="130000",
        )
        token = issue_tokens(user)["access_token"]
        db.session.commit()
        db.session.remove()
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    paths = [f"/api/v1/aggregates?{q}" for q in DASHBOARD]
    print(f"  reads through the app (gunicorn {gunicorn_settings()}, 2 workers), "
          f"{readers} concurrent readers:")  # fmt: skip
    with gunicorn("wsgi:app", env, "/healthz", port=port) as server:
        load(server.port, paths, headers, readers, 2)  # warm both workers
        runs = [
            ("GET /healthz (floor)", load(server.port, ["/healthz"], {}, readers, seconds)),
            ("GET /api/v1/aggregates", load(server.port, paths, headers, readers, seconds)),
            ("GET /healthz (floor)", load(server.port, ["/healthz"], {}, readers, seconds)),
        ]
    for name, r in runs:
        print(f"    {name:<24} {r['n']:>6} requests, {r['rate']:>7.0f}/s, "
              f"p50 {r['p50'] * 1000:6.1f} ms, p95 {r['p95'] * 1000:6.1f} ms")  # fmt: skip
    floor = statistics.mean([runs[0][1]["p95"], runs[2][1]["p95"]])
    print(f"    aggregates p95 / floor p95: {runs[1][1]['p95'] / floor:.1f}x")


@contextmanager
def database(kind: str, prefix: str):
    """A throwaway SQLite file or PostgreSQL database (None if no server answers)."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    from tests.conftest import postgres_server_url

    server = postgres_server_url()
    if server is None:
        yield None
        return
    server = make_url(server)
    name = f"{prefix}{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(False)
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--snapshot-n", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--port", type=int, default=None, help="for gunicorn; default: a free one")
    parser.add_argument("--db-prefix", default="qa_bench_", help="PostgreSQL database names")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for kind in ("sqlite", "postgresql"):
        if args.db not in (kind, "both"):
            continue
        with database(kind, args.db_prefix) as url:
            if url is None:
                print(f"{kind}: not reachable, skipped")
                continue
            with loaded_app(url, args.n) as (_, db, snapshot):
                print(f"{kind}: {args.n} submissions, first snapshot {snapshot:.1f} s")
                measure_levels(db, args.runs)
                if kind == "postgresql":
                    measure_reads(url, db, args.readers, args.seconds, args.port)
        if kind == "postgresql" and args.snapshot_n:
            with database(kind, args.db_prefix) as url, loaded_app(url, args.snapshot_n) as found:
                print(f"{kind}: {args.snapshot_n} submissions, first snapshot {found[2]:.1f} s")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
