"""Time the aggregate statistics over 100,000 submitted assessments, against a plain count.

    .venv/bin/python benchmarks/aggregates.py [-n 100000] [--runs 7] [--db sqlite|postgresql|both]

Builds a throwaway database (a temporary SQLite file; a new database on the local PostgreSQL
when one is reachable), bulk-inserts synthetic enterprises across the 14 reporting units,
30 divisions and 4 sizes with one submitted quality assessment each (random answers, a result
with dimension scores), takes a snapshot, then times in the same run:

  grouped   the cube's statistics for one level (n, sum, p25/median/p75 of the overall
            score, the count at each maturity level) per region × division × size, and per
            region — the query a snapshot runs for each of its 12 levels;
  count     SELECT region, division, size, count(*) … GROUP BY the same, over the same rows.

and prints the median of each and their ratio. Asserts nothing.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
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


def measure(url: str, n: int, runs: int) -> None:
    from app import create_app
    from app.aggregates.models import AggregateMember
    from app.aggregates.snapshot.lease import acquire_lease, take_snapshot_now
    from app.aggregates.snapshot.sources import released_source
    from app.aggregates.snapshot.statistics import Grouping, overall_statistics
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
        start = time.perf_counter()
        populate(db, n, version.definition, version.id)
        loaded = time.perf_counter() - start
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text("VACUUM ANALYZE"))
        start = time.perf_counter()
        acquire_lease(holder="bench")
        take_snapshot_now(trigger="cli", holder="bench")
        snapshot = time.perf_counter() - start
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.execute(text("VACUUM ANALYZE"))
        else:
            db.session.execute(text("ANALYZE"))
        m = AggregateMember
        where = (m.questionnaire_key == "quality", m.year == 2026)
        rows = db.session.scalar(select(func.count()).where(*where))
        source = released_source("quality", 2026)
        finest = Grouping(region=True, industry="division", size=True)
        by_region = Grouping(region=True, industry=None, size=False)

        def run(statement):
            return lambda: db.session.execute(statement).all()

        figures = median_times(
            runs,
            grouped_finest=run(overall_statistics(source, finest)),
            count_finest=run(
                select(m.region, m.division, m.size, func.count())
                .where(*where)
                .group_by(m.region, m.division, m.size)
            ),
            grouped_region=run(overall_statistics(source, by_region)),
            count_region=run(select(m.region, func.count()).where(*where).group_by(m.region)),
        )
        groups = len(db.session.execute(overall_statistics(source, finest)).all())
        name = db.engine.dialect.name
        print(f"{name}: {rows} released assessments, loaded in {loaded:.1f} s, "
              f"snapshot (12 levels, dimensions, answers, suppression) "
              f"{snapshot:.1f} s")  # fmt: skip
        for level, label in (("finest", f"region×division×size ({groups} groups)"),
                             ("region", "region (14 groups)")):  # fmt: skip
            grouped, count = figures[f"grouped_{level}"], figures[f"count_{level}"]
            print(f"  {label}: grouped {grouped * 1000:.1f} ms, count(*) {count * 1000:.1f} ms, "
                  f"ratio {grouped / count:.2f}x")  # fmt: skip
        db.session.remove()
        db.engine.dispose()


def postgres_url() -> str | None:
    from tests.conftest import postgres_server_url

    return postgres_server_url()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    if args.db in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as folder:
            measure(f"sqlite:///{folder}/bench.db", args.n, args.runs)
    if args.db in ("postgresql", "both"):
        server = postgres_url()
        if server is None:
            print("postgresql: not reachable, skipped")
            return
        server = make_url(server)
        name = f"qa_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            measure(server.set(database=name).render_as_string(False), args.n, args.runs)
        finally:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
