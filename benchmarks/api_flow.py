"""Throughput of the assessment flow against a running gunicorn server, as ratios to bare Flask.

For each database (SQLite in WAL mode, and PostgreSQL when one answers locally) this starts the
real app and a bare Flask app under gunicorn with the same settings (gunicorn.conf.py), creates
enterprises, then measures, with wrk, the bare endpoint (before and after the others), saving
answers (PATCH with If-Match, the ETag carried from response to request) and reading a draft; the
one-off steps of each enterprise (create, the four save batches of a phone, submit) run from
Python client processes. Needs Debian's wrk, and Linux for the CPU figures: the CPU used per
request by wrk, the gunicorn workers and the PostgreSQL backends, which other work on the machine
does not inflate as it does requests per second.

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
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.servers import (
    bench_env,
    gunicorn,
    gunicorn_settings,
    postgres_server,
    serving_cpu,
    throwaway_database,
)

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
    from tests.fixtures.actors import COMPLETE_PROFILE, enterprise_user, give_profile, new_uscc
    from tests.fixtures.actors import facts as actor_facts
    from tests.fixtures.answering import complete_answers

    upgrade_database(env["DATABASE_URL"])
    app = create_app({"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024, "ARGON2_PARALLELISM": 1})
    people = []
    with app.app_context():
        for path in questionnaire_files():
            publish_questionnaire(path=path)
        db.session.commit()
        definition = latest_version(key="quality").definition
        facts = actor_facts("C1772", "small")  # COMPLETE_PROFILE, as given below
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
            user = enterprise_user(enterprise.id)
            give_profile(enterprise.id, user, COMPLETE_PROFILE)  # submitting needs a profile
            token = issue_tokens(user)["access_token"]
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


class Run(NamedTuple):
    rate: float  # requests per second
    errors: int  # non-2xx responses
    cpu: float  # CPU seconds per request: wrk, the server's workers, its PostgreSQL backends


def wrk_run(server, url: str, script: str, env: dict, threads: int, seconds: float) -> Run:
    """A wrk run with one connection per thread against server, and what it cost in CPU."""
    before = serving_cpu(server, url)
    process = subprocess.Popen(
        [
            "wrk",
            f"-t{threads}",
            f"-c{threads}",
            f"-d{int(seconds)}s",
            "-s",
            str(LUA / script),
            f"http://127.0.0.1:{server.port}",
        ],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status:
        raise RuntimeError(f"wrk failed: {out}")
    serving = serving_cpu(server, url) - before
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    cpu = (serving + usage.ru_utime + usage.ru_stime) / requests
    return Run(rate, int(errors.group(1)) if errors else 0, cpu)


def measure(kind: str, enterprises: int, clients: int, seconds: float) -> None:
    with throwaway_database(kind) as url:
        env = bench_env(url)
        people = prepare(env, enterprises)
        shares = [people[i::clients] for i in range(clients)]
        with (
            gunicorn("wsgi:app", env, "/healthz") as api,
            gunicorn("benchmarks.bare_app:app", env, "/bare") as bare_server,
        ):
            rows = []
            bare_env = {"BENCH_PATH": "/bare", "BENCH_TOKEN": "-"}
            # Measured before and after the others: on a shared machine one run can be unlucky.
            bare_runs = [wrk_run(bare_server, url, "get.lua", bare_env, clients, seconds)]
            with multiprocessing.Pool(clients) as pool:
                shares, row = timed_step(pool, api.port, "create", shares)
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
                save_env = {"BENCH_DRAFTS": drafts, "BENCH_BODY": body, "BENCH_VERSION": version}
                saving = wrk_run(api, url, "save.lua", save_env, clients, seconds)
                rows.append(("save (wrk)", saving))
                read_env = {
                    "BENCH_PATH": f"/api/v1/assessments/{people[-1]['id']}",
                    "BENCH_TOKEN": people[-1]["token"],
                }
                reading = wrk_run(api, url, "get.lua", read_env, clients, seconds)
                rows.append(("read (wrk)", reading))
                bare_runs.append(wrk_run(bare_server, url, "get.lua", bare_env, clients, seconds))
                shares, row = timed_step(pool, api.port, "fill", shares)
                rows.append(row)
                shares, row = timed_step(pool, api.port, "submit", shares)
                rows.append(row)
        mode = ", SQLite WAL" if kind == "sqlite" else ""
        print(
            f"\n{kind}: {enterprises} enterprises, {clients} clients,"
            f" gunicorn 2 workers ({gunicorn_settings()}){mode}"
        )
        bare = Run(*(sum(values) / len(bare_runs) for values in zip(*bare_runs, strict=True)))
        print(
            f"  {'step':<12}{'requests':>10}{'errors':>8}{'req/s':>10}{'vs bare':>10}"
            f"{'CPU/req':>10}{'vs bare':>10}"
        )
        runs = ", ".join(f"{run.rate:.0f}" for run in bare_runs)
        print(
            f"  {'bare GET':<12}{'-':>10}{0:>8}{bare.rate:>10.0f}{'100%':>10}"
            f"{bare.cpu * 1e6:>8.0f}µs{'100%':>10}   (runs: {runs} req/s)"
        )
        for name, *rest in rows:
            if isinstance(rest[0], Run):
                run = rest[0]
                print(
                    f"  {name:<12}{'-':>10}{run.errors:>8}{run.rate:>10.0f}"
                    f"{run.rate / bare.rate:>10.0%}{run.cpu * 1e6:>8.0f}µs"
                    f"{bare.cpu / run.cpu:>10.0%}"
                )
            else:
                total, errors, rate = rest
                print(f"  {name:<12}{total:>10}{errors:>8}{rate:>10.0f}{rate / bare.rate:>10.0%}")
        print(
            "  CPU/req: wrk, gunicorn workers and PostgreSQL backends per request; steadier than"
            " req/s on a busy machine, its ratio approaches the req/s ratio of an idle one"
        )


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
