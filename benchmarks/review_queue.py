"""The regulator's queue at 200k submissions: each filter's page and counts, beside a plain count.

    BENCH_DB_PREFIX=qa_queue_ .venv/bin/python benchmarks/review_queue.py [-n 200000]
        [--runs 20] [--db sqlite|postgresql|both]

On a throwaway database (a temporary SQLite file; a new PostgreSQL database named with
BENCH_DB_PREFIX, e.g. qa_queue_), migrated to head, bulk-inserts n submitted assessments of
n/4 enterprises spread over Hebei's 14 reporting units and their counties, 30 industry classes,
4 sizes, 3 campaigns (some late), a third unverified, with varied scores, levels and red flags.
Then, through the test client (the real route: scope, filters, one page of 20 and the counts by
state), as the province's regulator and as 石家庄's, it times GET /api/v1/assessments for each
filter, runs of each case in turn so that they share the machine's noise, and prints the p50 and
p95 beside the p95 of a plain `SELECT count(*)` of the same rows (scope and filter, nothing else)
as the floor. Prints figures; asserts nothing.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import postgres_server, throwaway_database
from sqlalchemy import func, insert, select

from app import create_app
from app.assessments.filters import filter_clauses
from app.assessments.models import Assessment, Submission
from app.assessments.queue_schemas import AssessmentListArgsSchema
from app.auth import policy
from app.auth.models import Enterprise, User
from app.auth.tokens import issue_tokens
from app.db import db, upgrade_database
from app.questionnaires.service import latest_version, publish_questionnaire, questionnaire_files
from app.reference.codes import divisions, regions
from app.reference.uscc import complete_uscc

CLASSES = ["C1311", "C1391", "C1411", "C1511", "C1711", "C1721", "C1772", "C1811", "C1951",
           "C2110", "C2211", "C2311", "C2411", "C2511", "C2611", "C2641", "C2710", "C2911",
           "C3011", "C3110", "C3120", "C3311", "C3411", "C3511", "C3612", "C3670", "C3811",
           "C3971", "F5124", "E4710"]  # fmt: skip
WORDS = ["宏达", "毛巾", "纺织", "钢铁", "机械", "食品", "化工", "建材", "电子", "制药"]
SIZES = ("large", "medium", "small", "micro")
BATCH = 5000
LIST = "/api/v1/assessments"
CASES = [
    ("no filter", {}),
    ("status=submitted", {"status": "submitted"}),
    ("q=毛巾 (name part)", {"q": "毛巾"}),
    ("q=911301 (USCC start)", {"q": "911301"}),
    ("q=<one USCC> (exact)", {"q": None}),
    ("county=130102", {"county": "130102"}),
    ("industry=C17", {"industry": "C17"}),
    ("size=micro", {"size": "micro"}),
    ("maturity=4", {"maturity": 4}),
    ("red_flags=true", {"red_flags": "true"}),
    ("late=true", {"late": "true"}),
    ("campaign=2", {"campaign": 2}),
    ("verified=false", {"verified": "false"}),
    ("sort=-score", {"sort": "-score"}),
    ("sort=score, status=approved", {"sort": "score", "status": "approved"}),
    ("county+industry+size", {"county": "130102", "industry": "C17", "size": "small"}),
]


def populate(n: int) -> tuple[dict, str]:
    """Enterprises, staff and n submitted assessments; the users and one enterprise's USCC."""
    rng = random.Random(19)
    versions = {}
    for path in questionnaire_files():
        published = latest_version(key=publish_questionnaire(path=path).key)
        versions[published.key] = published.id
    keys = sorted(versions)
    counties = {u["code"]: [] for u in regions()}
    for entry in divisions():
        if entry["code"] != entry["unit"] and entry["unit"] in counties:
            counties[entry["unit"]].append(entry["code"])
    units = [u for u in counties if counties[u]] + [u for u in counties if not counties[u]]
    now = datetime.now(UTC)
    firms = max(n // 4, 1)
    rows, taken = [], set()
    for i in range(firms):
        # 石家庄 holds a tenth of the firms, as a large city of fourteen units might.
        unit = "130100" if i % 10 == 0 else rng.choice(units)
        county = rng.choice(counties[unit] or [unit])
        while (uscc := complete_uscc(f"91{county}MA{rng.randrange(10**6):06d}")) in taken:
            pass
        taken.add(uscc)
        name = f"{rng.choice(WORDS)}{rng.choice(WORDS)}第{i}号有限公司"
        rows.append(
            {"id": i + 1, "uscc": uscc, "name": name, "region": unit, "county": county,
             "industry": rng.choice(CLASSES), "size": rng.choice(SIZES),
             "contact_name": "张三", "contact_phone": "13800138000",
             "verification": "unverified" if i % 3 == 0 else "verified", "created_at": now}
        )  # fmt: skip
    for start in range(0, firms, BATCH):
        db.session.execute(insert(Enterprise), rows[start : start + BATCH])
    staff = [("filler", "enterprise", None, 1), ("sjz", "regulator", "130100", None),
             ("hebei", "regulator", "130000", None)]  # fmt: skip
    db.session.execute(
        insert(User),
        [{"id": k, "username": u, "password_hash": "-", "role": r, "display_name": u,
          "jurisdiction": j, "enterprise_id": e, "created_at": now}
         for k, (u, r, j, e) in enumerate(staff, 1)],
    )  # fmt: skip
    for start in range(0, n, BATCH):
        assessments, submissions = [], []
        for i in range(start, min(start + BATCH, n)):
            overall = round(rng.uniform(20, 98), 1)
            level = min(5, 1 + int(overall // 20))
            flags = rng.random() < 0.08
            # Returned is open, and a firm has one open assessment per questionnaire: only
            # the first pass over the firms returns some.
            status = rng.choice(("submitted", "approved", "returned" if i < firms else "approved"))
            campaign = rng.choice((None, 1, 2, 3))
            when = now - timedelta(minutes=n - i)
            key = keys[i % len(keys)]
            common = {"questionnaire_version_id": versions[key], "answers": {}, "overall": overall,
                      "maturity_level": level, "submitted_at": when}  # fmt: skip
            assessments.append(
                common
                | {"id": i + 1, "enterprise_id": i % firms + 1, "questionnaire_key": key,
                   "status": status, "revision": 1, "version": 3,
                   "red_flag_count": 2 if flags else 0, "campaign_id": campaign,
                   "year": 2026, "late": campaign is not None and rng.random() < 0.1,
                   "created_at": when, "updated_at": when}
            )  # fmt: skip
            submissions.append(
                common
                | {"assessment_id": i + 1, "revision": 1, "facts": {}, "result": {},
                   "has_red_flags": flags, "submitted_by": 1,
                   "decision": {"approved": "approve", "returned": "return"}.get(status)}
            )  # fmt: skip
        db.session.execute(insert(Assessment), assessments)
        db.session.execute(insert(Submission), submissions)
        db.session.commit()
    return {"sjz": db.session.get(User, 2), "hebei": db.session.get(User, 3)}, rows[0]["uscc"]


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def plain_count(principal, params: dict) -> None:
    """The floor: count the same rows (scope and filter), with no page, sort or counts."""
    args = AssessmentListArgsSchema().load({k: str(v) for k, v in params.items()})
    db.session.scalar(
        select(func.count())
        .select_from(Assessment)
        .join(Enterprise, Enterprise.id == Assessment.enterprise_id)
        .where(*policy.assessment_scope(principal), *filter_clauses(args))
    )


def run(url: str, label: str, n: int, runs: int) -> None:
    upgrade_database(url)
    app = create_app(
        {"APP_ENV": "testing", "TESTING": True, "SQLALCHEMY_DATABASE_URI": url}
        | {"LOG_LEVEL": "WARNING"}
    )
    with app.app_context():
        started = time.perf_counter()
        users, one_uscc = populate(n)
        with db.engine.begin() as conn:  # the planner's statistics, as autovacuum would have
            conn.exec_driver_sql("ANALYZE")
        print(f"\n{label}: {n:,} submissions inserted in {time.perf_counter() - started:.0f} s")
        with app.test_request_context():
            tokens = {k: issue_tokens(u)["access_token"] for k, u in users.items()}
        client = app.test_client()
        cases = [(name, {**p, "q": one_uscc} if p.get("q", 0) is None else p) for name, p in CASES]
        for who in ("hebei", "sjz"):
            headers = {"Authorization": f"Bearer {tokens[who]}"}
            principal = db.session.get(User, users[who].id)
            page = {name: [] for name, _ in cases}
            floor = {name: [] for name, _ in cases}
            totals = {}
            for _ in range(runs + 1):  # the first round warms caches and is dropped
                for name, params in cases:
                    began = time.perf_counter()
                    response = client.get(LIST, query_string=params, headers=headers)
                    page[name].append(time.perf_counter() - began)
                    assert response.status_code == 200, response.get_data(as_text=True)[:300]
                    totals[name] = response.get_json()["total"]
                    with app.test_request_context():
                        began = time.perf_counter()
                        plain_count(principal, params)
                        floor[name].append(time.perf_counter() - began)
                    db.session.remove()
            print(f"\n  {label}, the {who} regulator ({runs} runs each; ms)")
            print(f"  {'case':32} {'rows':>8} {'p50':>7} {'p95':>7} {'count p95':>10}")
            for name, _ in cases:
                times, counts = page[name][1:], floor[name][1:]
                print(
                    f"  {name:32} {totals[name]:>8,} {statistics.median(times) * 1000:>7.1f}"
                    f" {p95(times) * 1000:>7.1f} {p95(counts) * 1000:>10.1f}"
                )
        db.session.remove()
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    if args.db in ("sqlite", "both"):
        with throwaway_database("sqlite", "queue") as url:
            run(url, "SQLite", args.n, args.runs)
    if args.db in ("postgresql", "both"):
        if postgres_server() is None:
            print("\nPostgreSQL: not reachable, skipped")
            return
        with throwaway_database("postgresql", "queue") as url:
            run(url, "PostgreSQL", args.n, args.runs)


if __name__ == "__main__":
    main()
