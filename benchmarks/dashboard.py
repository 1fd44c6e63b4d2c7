"""Time the regulator's dashboard at 200k submissions and a 50k roll on PostgreSQL.

    .venv/bin/python benchmarks/dashboard.py [-n 200000] [--roll 50000] [--readers 8]
        [--seconds 20] [--port P] [--db-prefix qa_dash_] [--cache-seconds 60]
        [--redis redis://127.0.0.1:6379/0] [--explain plans.txt]

Builds a throwaway PostgreSQL database with n synthetic enterprises, one submitted quality
assessment each (benchmarks/aggregates.py's population: 14 reporting units, 30 divisions, 4
sizes), registered in counties of their unit; 3% of them with a red line; a province campaign
whose roll names the first --roll enterprises, 80% of which filed for it; and a first
snapshot (the province's published figures). --explain writes the EXPLAIN (ANALYZE, BUFFERS)
of every query the three dashboards run and prints their times. Then serves the app with
gunicorn (gunicorn.conf.py, 2 workers) twice, the dashboard computed on every read
(DASHBOARD_CACHE_SECONDS=0: the queries) and then cached (--cache-seconds, in Redis at --redis
when it answers, else per process: what regulators get), and measures with --readers
concurrent clients (design.md: dashboards are measured with 8) GET /api/v1/dashboard as the
province regulator: the year, the campaign, and one city of the year. Beside it, the floor:
the same readers running a plain count of the same rows (SELECT count(*) of the year's
assessments joined to their enterprises) straight on the database, and GET /healthz through
the app. Prints figures; asserts nothing.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text

from benchmarks.aggregates import analyze, database, load, loaded_app

YEAR = 2026
FLAG = (
    '[{"question": "spot_check_failure", "option": "unrectified", "source": "profile", '
    '"text": {"zh": "监督抽查不合格且未整改", "en": "Failed a spot check, not rectified"}}]'
)
# Counties of each unit's enterprises (codes in app/reference/data/regions.json); 辛集, 定州
# and 雄安 are counties themselves.
COUNTY = (
    "CASE WHEN region IN ('130181', '130682', '133100') THEN region "
    "ELSE substr(region, 1, 4) || lpad(((id % 3) + 2)::text, 2, '0') END"
)
PLAIN_COUNT = text(
    "SELECT count(*) FROM assessments a JOIN enterprises e ON e.id = a.enterprise_id "
    "WHERE a.questionnaire_key = 'quality' AND a.year = :year"
)


def shape(db, roll: int) -> int:
    """Years, counties, red lines and a province campaign with its roll; the campaign's id."""
    from app.campaigns.models import Campaign, CampaignQuestionnaire

    statements = [
        f"UPDATE enterprises SET uscc = '91' || ({COUNTY}) || lpad(id::text, 10, '0')",
        f"UPDATE assessments SET year = {YEAR}",
        "UPDATE assessments SET red_flag_count = 1 WHERE id % 33 = 0",
        f"UPDATE submissions SET has_red_flags = true, result = jsonb_set(result, "
        f"'{{red_flags}}', '{FLAG}'::jsonb) WHERE assessment_id % 33 = 0",
    ]
    for statement in statements:
        db.session.execute(text(statement))
    campaign = Campaign(
        name=f"{YEAR}年度企业质量自评",
        year=YEAR,
        jurisdiction="130000",
        opens_on=date(YEAR, 3, 1),
        closes_on=date(YEAR, 6, 30),
        created_by=1,
        questionnaires=[CampaignQuestionnaire(questionnaire_key="quality")],
    )
    db.session.add(campaign)
    db.session.flush()
    db.session.execute(
        text(
            "INSERT INTO roll_entries (campaign_id, uscc, name, division, region, industry, "
            "size, row, created_at) SELECT :c, uscc, name, substr(uscc, 3, 6), region, "
            "substr(industry, 2), size, id + 1, now() FROM enterprises WHERE id <= :roll"
        ),
        {"c": campaign.id, "roll": roll},
    )
    filed = int(roll * 0.8)
    db.session.execute(
        text("UPDATE assessments SET campaign_id = :c WHERE enterprise_id <= :filed"),
        {"c": campaign.id, "filed": filed},
    )
    db.session.commit()
    return campaign.id


def count_floor(url: str, readers: int, seconds: float) -> dict:
    """readers threads running the plain count, each on its own connection, for seconds."""
    engine = create_engine(url, pool_size=readers)
    until = time.perf_counter() + seconds
    outs = [[] for _ in range(readers)]

    def run(out):
        with engine.connect() as connection:
            while time.perf_counter() < until:
                start = time.perf_counter()
                connection.execute(PLAIN_COUNT, {"year": YEAR}).scalar_one()
                out.append(time.perf_counter() - start)

    threads = [threading.Thread(target=run, args=(out,)) for out in outs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    engine.dispose()
    times = sorted(t for out in outs for t in out)
    return {
        "n": len(times),
        "rate": len(times) / seconds,
        "p50": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
    }


def explain(app, headers: dict, paths: dict, to: Path) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of every query each dashboard runs, computed (no cache), to a
    file; prints each query's execution time."""
    from sqlalchemy import event

    from app.db import db

    with app.app_context():
        engine = db.engine
    seen: list = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    app.config["DASHBOARD_CACHE_SECONDS"] = 0
    client = app.test_client()
    lines = []
    event.listen(engine, "before_cursor_execute", record)
    try:
        for name, [path] in paths.items():
            seen.clear()
            assert client.get(path, headers=headers).status_code == 200
            statements = [(s, p) for s, p in seen if s.lstrip().upper().startswith("SELECT")]
            print(f"  EXPLAIN ANALYZE, dashboard: {name}")
            for statement, parameters in statements:
                with engine.connect() as connection:
                    cursor = connection.connection.driver_connection.cursor()
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
                    plan = [row[0] for row in cursor.fetchall()]
                took = next((line for line in plan if line.startswith("Execution Time")), "")
                first = " ".join(statement.split())[:90]
                print(f"    {took:<30} {first}")
                lines += [f"-- {name}", statement, str(parameters), *plan, ""]
    finally:
        event.remove(engine, "before_cursor_execute", record)
    to.write_text("\n".join(lines))
    print(f"  plans written to {to}")


def redis_reachable(url: str) -> bool:
    from redis import Redis
    from redis.exceptions import RedisError

    try:
        return bool(Redis.from_url(url, socket_connect_timeout=1).ping())
    except RedisError:
        return False


def measure(url: str, db, campaign: int, args) -> None:
    from benchmarks.servers import bench_env, gunicorn, gunicorn_settings

    readers, seconds, port = args.readers, args.seconds, args.port
    env = bench_env(url)
    env.pop("REDIS_URL", None)  # given to the cached server only
    os.environ.pop("REDIS_URL", None)
    os.environ.update(env)
    from app import create_app
    from app.auth.service import create_staff_user
    from app.auth.tokens import issue_tokens

    signer = create_app({"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024, "ARGON2_PARALLELISM": 1})
    with signer.app_context():
        user = create_staff_user(
            role="regulator", username="province", password="bench-password-1",
            jurisdiction="130000",
        )  # fmt: skip
        token = issue_tokens(user)["access_token"]
        db.session.commit()
        db.session.remove()
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    paths = {
        "year (province)": [f"/api/v1/dashboard?year={YEAR}&questionnaire=quality"],
        "campaign (50k roll)": [f"/api/v1/dashboard?campaign={campaign}"],
        "year, one city": [f"/api/v1/dashboard?year={YEAR}&questionnaire=quality&region=130100"],
    }
    if args.explain:
        explain(signer, headers, paths, Path(args.explain))
    redis_url = args.redis if args.redis and redis_reachable(args.redis) else None
    kept = f"in Redis ({redis_url})" if redis_url else "per process (no Redis)"
    servers = [
        ("computed on every read (DASHBOARD_CACHE_SECONDS=0)", {"DASHBOARD_CACHE_SECONDS": "0"}),
        (
            f"cached {args.cache_seconds} s, {kept}",
            {
                "DASHBOARD_CACHE_SECONDS": str(args.cache_seconds),
                **({"REDIS_URL": redis_url} if redis_url else {}),
            },
        ),
    ]
    print(f"  {readers} concurrent readers, gunicorn {gunicorn_settings()}, 2 workers:")
    runs = [("plain count, same rows (floor)", count_floor(url, readers, seconds))]
    everything = [p for group in paths.values() for p in group]
    for heading, settings in servers:
        runs.append((heading, None))
        with gunicorn("wsgi:app", {**env, **settings}, "/healthz", port=port) as server:
            # Warm-up: the connections, the workers' caches and, cached, the dashboards.
            load(server.port, everything, headers, readers, 3)
            runs.append(("GET /healthz", load(server.port, ["/healthz"], {}, readers, seconds)))
            for name, group in paths.items():
                runs.append((f"dashboard: {name}", load(server.port, group, headers, readers,
                                                         seconds)))  # fmt: skip
            runs.append(("dashboard: the three in turn", load(server.port, everything, headers,
                                                              readers, seconds)))  # fmt: skip
        print(f"    load average after it: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    runs.append(("plain count, same rows (floor)", count_floor(url, readers, seconds)))
    for name, r in runs:
        if r is None:
            print(f"    {name}:")
            continue
        print(f"    {name:<32} {r['n']:>6} requests, {r['rate']:>6.1f}/s, "
              f"p50 {r['p50'] * 1000:7.1f} ms, p95 {r['p95'] * 1000:7.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200_000)
    parser.add_argument("--roll", type=int, default=50_000)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--port", type=int, default=None, help="for gunicorn; default: a free one")
    parser.add_argument("--db-prefix", default="qa_dash_", help="PostgreSQL database names")
    parser.add_argument("--cache-seconds", type=int, default=60, help="the cached server's")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/0",
        help="the cached server's REDIS_URL ('' or unreachable: per process)",
    )
    parser.add_argument("--explain", help="write each query's EXPLAIN (ANALYZE, BUFFERS) here")
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with database("postgresql", args.db_prefix) as url:
        if url is None:
            print("postgresql: not reachable, skipped")
            return
        started = time.perf_counter()
        with loaded_app(url, args.n) as (_, db, snapshot):
            campaign = shape(db, args.roll)
            analyze(db)
            built = time.perf_counter() - started
            print(f"postgresql: {args.n} submissions, roll of {args.roll}; built in "
                  f"{built:.0f} s (first snapshot {snapshot:.0f} s)")  # fmt: skip
            measure(url, db, campaign, args)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
