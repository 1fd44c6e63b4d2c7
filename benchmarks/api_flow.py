"""Throughput of the assessment flow against a running gunicorn server, as ratios to bare Flask.

For each database (SQLite in WAL mode, and PostgreSQL when one answers locally) this starts the
real app and a bare Flask app under gunicorn with the same workers, creates enterprises, then
measures, with wrk, the bare endpoint, saving answers (PATCH with If-Match, the ETag carried from
response to request) and reading a draft; the one-off steps of each enterprise (create, the four
save batches of a phone, submit) run from Python client processes. Needs Debian's wrk.

    .venv/bin/python benchmarks/api_flow.py [--enterprises 100] [--clients 4] [--seconds 5]
"""

import argparse
import http.client
import json
import multiprocessing
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.servers import bench_env, gunicorn, postgres_server, throwaway_database

LUA = Path(__file__).resolve().parent / "lua"


def prepare(env: dict, count: int) -> list[dict]:
    """Migrate, publish, and create enterprises with tokens and answer batches (not timed)."""
    os.environ.update(env)
    from app import create_app
    from app.auth.service import register_enterprise
    from app.auth.tokens import issue_tokens
    from app.db import db, upgrade_database
    from app.questionnaires.service import (
        latest_version,
        publish_questionnaire,
        questionnaire_files,
    )
    from tests.fixtures.actors import enterprise_user, new_uscc
    from tests.fixtures.answering import complete_answers

    upgrade_database(env["DATABASE_URL"])
    app = create_app({"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024, "ARGON2_PARALLELISM": 1})
    people = []
    with app.app_context():
        for path in questionnaire_files():
            publish_questionnaire(path=path)
        db.session.commit()
        definition = latest_version(key="quality").definition
        facts = {"industry": "C1772", "size": "small"}
        answers = list(complete_answers(definition, facts, choice="middle").items())
        size = -(-len(answers) // 4)
        batches = [dict(answers[i : i + size]) for i in range(0, len(answers), size)]
        for _ in range(count):
            enterprise = register_enterprise(
                uscc=new_uscc(),
                name="压测企业",
                password="benchmark-password",
                industry="C1772",
                size="small",
                contact_name="张三",
                contact_phone="13912345678",
            )
            db.session.flush()
            token = issue_tokens(enterprise_user(enterprise.id))["access_token"]
            people.append({"token": token, "batches": batches})
        db.session.commit()
    return people


def _request(conn, method, path, token=None, body=None, headers=None):
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    conn.request(
        method, path, body=json.dumps(body) if body is not None else None, headers=all_headers
    )
    response = conn.getresponse()
    data = response.read()
    return response.status, response.getheader("ETag"), data


def run_step(args) -> tuple[int, int]:
    """One client process: do one step for its share of the enterprises; (requests, errors)."""
    port, step, people = args
    conn = http.client.HTTPConnection("127.0.0.1", port)
    requests = errors = 0
    for person in people:
        if person.get("wrk"):
            continue
        token = person["token"]
        if step == "create":
            status, etag, data = _request(
                conn, "POST", "/api/v1/assessments", token, {"questionnaire": "quality"}
            )
            person["id"], person["etag"] = json.loads(data)["id"], etag
            calls = [status]
        elif step == "fill":  # the four batches a phone sends, so that submit has a full draft
            calls = []
            for batch in person["batches"]:
                status, etag, _ = _request(
                    conn,
                    "PATCH",
                    f"/api/v1/assessments/{person['id']}/answers",
                    token,
                    {"answers": batch},
                    {"If-Match": person["etag"]},
                )
                person["etag"] = etag
                calls.append(status)
        else:
            calls = [
                _request(
                    conn,
                    "POST",
                    f"/api/v1/assessments/{person['id']}/submit",
                    token,
                    headers={"Idempotency-Key": str(uuid.uuid4())},
                )[0]
            ]
        requests += len(calls)
        errors += sum(1 for c in calls if c >= 400)
    conn.close()
    return requests, errors, people


def wrk_rate(url: str, script: str, env: dict, threads: int, seconds: float) -> tuple[float, int]:
    """Requests per second and non-2xx count of a wrk run with one connection per thread."""
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{threads}", f"-d{int(seconds)}s", "-s", str(LUA / script), url],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, int(errors.group(1)) if errors else 0


def measure(kind: str, enterprises: int, clients: int, seconds: float) -> None:
    with throwaway_database(kind) as url:
        env = bench_env(url)
        people = prepare(env, enterprises)
        shares = [people[i::clients] for i in range(clients)]
        with (
            gunicorn("wsgi:app", env, "/healthz") as api,
            gunicorn("benchmarks.bare_app:app", env, "/bare") as bare_port,
        ):
            rows = []
            bare, _ = wrk_rate(
                f"http://127.0.0.1:{bare_port}",
                "get.lua",
                {"BENCH_PATH": "/bare", "BENCH_TOKEN": "-"},
                clients,
                seconds,
            )
            with multiprocessing.Pool(clients) as pool:
                shares, row = timed_step(pool, api, "create", shares)
                rows.append(row)
                people = [p for share in shares for p in share]
                hammered = people[
                    :clients
                ]  # wrk rewrites these drafts; the flow goes on without them
                for person in hammered:
                    person["wrk"] = True
                version = hammered[0]["etag"].strip('"')
                drafts = ";".join(f"{p['id']},{p['token']}" for p in hammered)
                body = json.dumps({"answers": people[0]["batches"][0]}, ensure_ascii=False)
                rate, errors = wrk_rate(
                    f"http://127.0.0.1:{api}",
                    "save.lua",
                    {"BENCH_DRAFTS": drafts, "BENCH_BODY": body, "BENCH_VERSION": version},
                    clients,
                    seconds,
                )
                rows.append(("save (wrk)", "-", errors, rate))
                rate, errors = wrk_rate(
                    f"http://127.0.0.1:{api}",
                    "get.lua",
                    {
                        "BENCH_PATH": f"/api/v1/assessments/{people[-1]['id']}",
                        "BENCH_TOKEN": people[-1]["token"],
                    },
                    clients,
                    seconds,
                )
                rows.append(("read (wrk)", "-", errors, rate))
                shares, row = timed_step(pool, api, "fill", shares)
                rows.append(row)
                shares, row = timed_step(pool, api, "submit", shares)
                rows.append(row)
        mode = ", SQLite WAL" if kind == "sqlite" else ""
        print(f"\n{kind}: {enterprises} enterprises, {clients} clients, gunicorn 2 workers{mode}")
        print(f"  {'step':<12}{'requests':>10}{'errors':>8}{'req/s':>10}{'vs bare':>10}")
        print(f"  {'bare GET':<12}{'-':>10}{0:>8}{bare:>10.0f}{'100%':>10}")
        for name, total, errors, rate in rows:
            print(f"  {name:<12}{total:>10}{errors:>8}{rate:>10.0f}{rate / bare:>10.0%}")


def timed_step(pool, port: int, step: str, shares: list) -> tuple[list, tuple]:
    started = time.perf_counter()
    results = pool.map(run_step, [(port, step, share) for share in shares])
    elapsed = time.perf_counter() - started
    total, errors = sum(r[0] for r in results), sum(r[1] for r in results)
    return [r[2] for r in results], (step, total, errors, total / elapsed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enterprises", type=int, default=100)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    print(
        "targets: save ≥ 25% and read ≥ 40% of the bare endpoint (wrk, one connection per thread)"
    )
    measure("sqlite", args.enterprises, args.clients, args.seconds)
    if postgres_server():
        measure("postgresql", args.enterprises, args.clients, args.seconds)
    else:
        print("\npostgresql: skipped, no local server answers")


if __name__ == "__main__":
    main()
