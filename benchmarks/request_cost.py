"""Where a save's and a submit's time goes: one process, no gunicorn, profiled and counted.

    .venv/bin/python benchmarks/request_cost.py [--drafts 60] [--sqlite-only] [--profile 25]

Prepares, through the test client, `--drafts` drafts (the three questionnaires in turn, each of
its own enterprise with a complete profile) filled but for their last two batches, as
benchmarks/deadline.py does. Then, per draft, it saves the two batches and submits, timing each
request and counting the SQL statements it sends. Submits queue their report on the Redis
server the tests use (a queue of their own, deleted afterwards), as under gunicorn; without
one, on no queue (REPORT_RENDER_ON_SUBMIT off), so the figure is the submit's own work either way.

Prints per kind the median and p95 of the time in ms and the statements per request, then
cProfile's top functions by cumulative and by own time over the last `--profile` requests of
each kind. SQLite, and PostgreSQL when a server is reachable as the tests find it.
"""

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

KEYS = ("quality", "brand", "standards")


def _redis_url() -> str | None:
    try:
        from redis import Redis

        Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=1).ping()
        return "redis://127.0.0.1:6379/0"
    except Exception:
        return None


@contextmanager
def counting(engine):
    """Count the statements sent on the engine while inside."""
    counter = {"n": 0, "sql": [], "ms": []}

    def before(conn, cursor, statement, *_):
        counter["n"] += 1
        counter["sql"].append(" ".join(statement.split())[:100])
        counter["ms"].append(time.perf_counter())

    def after(*_):
        counter["ms"][-1] = (time.perf_counter() - counter["ms"][-1]) * 1000

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)


def prepare(app, count: int) -> list[dict]:
    """count enterprises, each with one draft filled but for its last two batches."""
    from app.auth.service import register_enterprise
    from app.auth.tokens import issue_tokens
    from app.db import db
    from app.questionnaires.service import (
        latest_version,
        publish_questionnaire,
        questionnaire_files,
    )
    from tests.fixtures.actors import (
        COMPLETE_PROFILE,
        enterprise_user,
        facts,
        give_profile,
        new_uscc,
    )
    from tests.fixtures.answering import complete_answers

    client = app.test_client()
    drafts = []
    with app.app_context():
        for path in questionnaire_files():
            publish_questionnaire(path=path)
        db.session.commit()
        batches = {}
        for key in KEYS:
            definition = latest_version(key=key).definition
            # The facts of the enterprises made below (profile conditions read them).
            answers = list(complete_answers(definition, facts("C1772", "small"), "middle").items())
            size = -(-len(answers) // 4)
            batches[key] = [dict(answers[i : i + size]) for i in range(0, len(answers), size)]
        for i in range(count):
            enterprise = register_enterprise(
                uscc=new_uscc(), name=f"测量企业{i:04d}", password="benchmark-password",
                industry="C1772", size="small", contact_name="张三", contact_phone="13912345678",
            )  # fmt: skip
            db.session.flush()
            user = enterprise_user(enterprise.id)
            give_profile(enterprise.id, user, COMPLETE_PROFILE)
            with app.test_request_context():
                token = issue_tokens(user)["access_token"]
            drafts.append({"key": KEYS[i % 3], "headers": {"Authorization": f"Bearer {token}"}})
        db.session.commit()
        db.session.remove()
    for draft in drafts:
        response = client.post(
            "/api/v1/assessments", json={"questionnaire": draft["key"]}, headers=draft["headers"]
        )
        body = response.get_json()
        draft["id"], draft["version"] = body["id"], body["version"]
        parts = batches[draft["key"]]
        for batch in parts[:-2]:
            draft["version"] = _save(client, draft, batch)
        draft["final"] = parts[-2:]
    return drafts


def _save(client, draft, batch) -> int:
    response = client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": batch},
        headers={**draft["headers"], "If-Match": f'"{draft["version"]}"'},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["version"]


def _submit(client, draft) -> None:
    response = client.post(
        f"/api/v1/assessments/{draft['id']}/submit",
        headers={**draft["headers"], "Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]


def run(url: str, label: str, count: int, profiled: int) -> None:
    from app import create_app
    from app.db import db, upgrade_database

    upgrade_database(url)
    redis_url = _redis_url()
    queue = f"request-cost-{uuid.uuid4().hex[:8]}"
    app = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": url,
            "LOG_LEVEL": "WARNING",
            "REDIS_URL": redis_url,
            "REPORT_QUEUE": queue,
            "REPORT_RENDER_ON_SUBMIT": redis_url is not None,
        }
    )
    drafts = prepare(app, count)
    client = app.test_client()
    times = {"save": [], "submit": []}
    statements = {"save": [], "submit": []}
    profiles = {"save": cProfile.Profile(), "submit": cProfile.Profile()}
    last_sql = {}
    with app.app_context():
        engine = db.engine
    for n, draft in enumerate(drafts):
        profile = n >= len(drafts) - profiled
        for kind, call in (
            ("save", lambda d=draft: _save_final(client, d, 0)),
            ("save", lambda d=draft: _save_final(client, d, 1)),
            ("submit", lambda d=draft: _submit(client, d)),
        ):
            with counting(engine) as counter:
                if profile:
                    profiles[kind].enable()
                started = time.perf_counter()
                call()
                times[kind].append(time.perf_counter() - started)
                if profile:
                    profiles[kind].disable()
            statements[kind].append(counter["n"])
            last_sql[kind] = [
                f"{ms:5.2f} ms {sql}" for ms, sql in zip(counter["ms"], counter["sql"], strict=True)
            ]
    print(f"\n{label}: {count} drafts, each 2 saves and a submit (queue: {redis_url or 'none'})")
    for kind in ("save", "submit"):
        values = times[kind][len(times[kind]) // 5 :]  # the first fifth warms caches
        median = statistics.median(values) * 1000
        p95 = statistics.quantiles(values, n=20)[-1] * 1000
        counts = sorted(set(statements[kind]))
        print(f"{kind:6} median {median:6.2f} ms  p95 {p95:6.2f} ms  statements {counts}")
    for kind in ("save", "submit"):
        print(f"the statements of the last {kind} (time in the driver and database):")
        print("\n".join(f"  {sql}" for sql in last_sql[kind]))
    for kind in ("submit", "save"):
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            stats = pstats.Stats(profiles[kind], stream=out)
            stats.sort_stats(order).print_stats(28)
            print(f"\n--- {label} {kind}, by {order} ({profiled} requests) ---")
            print("\n".join(out.getvalue().splitlines()[6:]))
    if redis_url:
        from redis import Redis

        redis = Redis.from_url(redis_url)
        for key in redis.scan_iter(f"rq:*{queue}*"):
            redis.delete(key)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _save_final(client, draft, index):
    draft["version"] = _save(client, draft, draft["final"][index])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=60)
    parser.add_argument("--profile", type=int, default=25, help="requests profiled per kind")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--postgresql-only", action="store_true")
    args = parser.parse_args()
    if not args.postgresql_only:
        with tempfile.TemporaryDirectory() as tmp:
            run(f"sqlite:///{tmp}/cost.db", "SQLite", args.drafts, args.profile)
    if args.sqlite_only:
        return
    from tests.conftest import postgres_server_url

    server = postgres_server_url()
    if server is None:
        print("\nPostgreSQL: not reachable, skipped")
        return
    admin = create_engine(make_url(server), isolation_level="AUTOCOMMIT")
    name = f"request_cost_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(server).set(database=name).render_as_string(False)
        run(url, "PostgreSQL", args.drafts, args.profile)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
