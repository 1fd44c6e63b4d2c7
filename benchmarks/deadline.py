"""A filing deadline on the production shape, with faults in the middle of it.

Starts on this machine, each of its own (benchmarks/stack.py): a PostgreSQL cluster, Redis, an
S3-protocol object store (moto, when installed), gunicorn (2 workers) and 2 RQ report workers.
Prepares N enterprises, each with two drafts filled but for their last two batches of answers
(the three questionnaires in turn), then runs two bursts at a stated arrival rate (N phones over
--window seconds; each phone saves its two last batches and submits):

1. clean: no faults. Its submit latency is the figure held against the target (p95 ≤ 300 ms for
   200 firms over 2 s).
2. faults: during the burst one gunicorn worker (at 15 % of the window) and one RQ work-horse
   (mid-render, from 25 %) are killed with SIGKILL, and PostgreSQL crashes at 60 %
   (`pg_ctl stop -m immediate`, then start). Phones retry
   after a reset or a 502/503/504 with the same Idempotency-Key (submit) or If-Match (save).
   A fault window runs from the injection until /readyz answers 200 again, plus 5 s.

Then it checks, from the database and the object store, that every acknowledged save is in the
submitted answers, every submission exists exactly once, every submission has exactly one
stored report whose bytes hash to the recorded SHA-256, and no RQ job is failed or stuck; it
prints the latencies, the time from submit to report ready, the errors by status inside and
outside the fault windows and the counts checked, and exits 1 when anything was lost, duplicated
or answered 500, or a report is missing.

    .venv/bin/python benchmarks/deadline.py [--enterprises 200] [--window 2] [--no-faults]
"""

import argparse
import http.client
import json
import os
import random
import secrets
import signal
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.servers import gunicorn as bare_gunicorn_of
from benchmarks.stack import (
    children,
    gunicorn,
    object_store,
    postgres_cluster,
    redis_server,
    rq_workers,
    wait_ready,
)

KEYS = ("quality", "brand", "standards")


def bare_gunicorn(env: dict):
    """benchmarks/bare_app.py under gunicorn with the project's settings (gunicorn.conf.py)."""
    return bare_gunicorn_of("benchmarks.bare_app:app", env, "/bare")


RETRYABLE = {502, 503, 504}
CLIENT_DEADLINE = 120  # seconds a phone keeps retrying one request


@dataclass
class Draft:
    key: str
    id: int = 0
    version: int = 0
    final: list = field(default_factory=list)  # the two batches sent during the burst
    acknowledged: dict = field(default_factory=dict)  # answers the server said it saved
    submitted: dict | None = None  # the submit's 200 body
    outcome: str = ""  # the last answer the phone got, when it was not a success


@dataclass
class Phone:
    token: str
    drafts: list


@dataclass
class Attempt:
    phase: str
    kind: str  # save | submit
    start: float  # monotonic
    seconds: float
    status: int | str  # HTTP status, or "reset" for a dropped connection


class Log:
    """Every attempt of every phone, appended from many threads."""

    def __init__(self):
        self.attempts: list[Attempt] = []
        self.lock = threading.Lock()

    def add(self, attempt: Attempt) -> None:
        with self.lock:
            self.attempts.append(attempt)


def environment(database_url: str, redis_url: str, store_url: str | None, tmp: Path) -> dict:
    """The production settings of every process of the stack."""
    env = {
        **os.environ,
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "JWT_SECRET_KEY": secrets.token_hex(32),
        "PUBLIC_BASE_URL": "https://zlzp.example.gov.cn",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "REPORT_QUEUE": f"deadline-{uuid.uuid4().hex[:8]}",
        "REPORT_RETRY_INTERVALS": "1,2,5",  # seconds: a benchmark cannot wait 30 s per retry
        "REPORT_DIR": str(tmp / "reports"),
        "FONT_CACHE_DIR": str(Path(__file__).resolve().parent.parent / "instance" / "fonts"),
        "LOG_LEVEL": "WARNING",
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_KIB": "1024",
        "ARGON2_PARALLELISM": "1",
        "AGGREGATE_LAZY_SNAPSHOT": "0",
    }
    if store_url:
        env.update(
            {
                "STORAGE_URL": "s3://deadline-reports/reports",
                "STORAGE_S3_ENDPOINT_URL": store_url,
                "AWS_ACCESS_KEY_ID": "deadline",
                "AWS_SECRET_ACCESS_KEY": "deadline-secret",
                "AWS_DEFAULT_REGION": "us-east-1",
            }
        )
    return env


def prepare_database(env: dict, count: int) -> list[Phone]:
    """Migrate, publish, register the enterprises and sign them in (not timed)."""
    os.environ.update(env)
    from app import create_app
    from app.auth.service import register_enterprise
    from app.auth.tokens import issue_tokens
    from app.db import db, upgrade_database
    from app.questionnaires.service import publish_questionnaire, questionnaire_files
    from tests.fixtures.actors import COMPLETE_PROFILE, enterprise_user, give_profile, new_uscc

    upgrade_database(env["DATABASE_URL"])
    app = create_app()
    phones = []
    with app.app_context():
        _create_bucket(app)
        for path in questionnaire_files():
            publish_questionnaire(path=path)
        db.session.commit()
        for i in range(count):
            enterprise = register_enterprise(
                uscc=new_uscc(),
                name=f"压测企业{i:04d}",
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
            drafts = [Draft(KEYS[i % 3]), Draft(KEYS[(i + 1) % 3])]
            phones.append(Phone(token, drafts))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return phones


def _create_bucket(app) -> None:
    """The bucket of the object store, as an operator creates it before the first deploy."""
    if not app.config.get("STORAGE_URL", "").startswith("s3://"):
        return
    import boto3

    bucket = app.config["STORAGE_URL"].removeprefix("s3://").split("/", 1)[0]
    boto3.client("s3", endpoint_url=app.config["STORAGE_S3_ENDPOINT_URL"]).create_bucket(
        Bucket=bucket
    )


def _answers(key: str, choice: str) -> list[dict]:
    """A complete answer set of questionnaire `key`, in four batches."""
    from app.questionnaires.service import latest_version
    from tests.fixtures.actors import facts
    from tests.fixtures.answering import complete_answers

    definition = latest_version(key=key).definition
    # The facts of the enterprises prepare_drafts makes: a small towel maker, COMPLETE_PROFILE.
    answers = complete_answers(definition, facts("C1772", "small"), choice)
    ordered = list(answers.items())
    size = -(-len(ordered) // 4)
    return [dict(ordered[i : i + size]) for i in range(0, len(ordered), size)]


def prepare_drafts(env: dict, phones: list[Phone], base_port: int) -> None:
    """Create every draft and save all but its last two batches through the API (not timed)."""
    from app import create_app

    app = create_app()
    with app.app_context():
        batches = {
            (key, choice): _answers(key, choice)
            for key in KEYS
            for choice in ("best", "middle", "worst")
        }
    conn = http.client.HTTPConnection("127.0.0.1", base_port, timeout=30)
    rng = random.Random(7)
    for phone in phones:
        for draft in phone.drafts:
            status, body = _call(conn, "POST", "/api/v1/assessments", phone.token,
                                 {"questionnaire": draft.key})  # fmt: skip
            assert status in (200, 201), (status, body)
            draft.id, draft.version = body["id"], body["version"]
            parts = batches[(draft.key, rng.choice(("best", "middle", "middle", "worst")))]
            for batch in parts[:-2]:
                status, body = _call(
                    conn, "PATCH", f"/api/v1/assessments/{draft.id}/answers", phone.token,
                    {"answers": batch}, {"If-Match": f'"{draft.version}"'},
                )  # fmt: skip
                assert status == 200, (status, body)
                draft.version = body["version"]
                draft.acknowledged.update({q: body["answers"].get(q) for q in batch})
            draft.final = parts[-2:]
    conn.close()


def _call(conn, method, path, token, body=None, headers=None):
    conn.request(
        method,
        path,
        body=json.dumps(body) if body is not None else None,
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {token}",
            **(headers or {}),
        },
    )
    response = conn.getresponse()
    data = response.read()
    return response.status, json.loads(data) if data else None


class Client:
    """One phone's connection: a request, retried after a reset or a 5xx until it is answered."""

    def __init__(self, port: int, token: str, log: Log, phase: str):
        self.port, self.token, self.log, self.phase = port, token, log, phase
        self.conn = None

    def request(self, kind: str, method: str, path: str, body=None, headers=None):
        give_up = time.monotonic() + CLIENT_DEADLINE
        while True:
            start = time.monotonic()
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                status, data = _call(self.conn, method, path, self.token, body, headers)
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                status, data = "reset", None
            self.log.add(Attempt(self.phase, kind, start, time.monotonic() - start, status))
            if (status == "reset" or status in RETRYABLE or status == 500) and (
                time.monotonic() < give_up
            ):
                time.sleep(0.2 + random.random() * 0.3)
                continue
            return status, data


def run_phone(port: int, phone: Phone, draft: Draft, log: Log, phase: str, at: float) -> None:
    """Save the last two batches, then submit once: a phone at the deadline."""
    time.sleep(max(0.0, at - time.monotonic()))
    client = Client(port, phone.token, log, phase)
    path = f"/api/v1/assessments/{draft.id}"
    for batch in draft.final:
        while True:
            status, body = client.request(
                "save", "PATCH", f"{path}/answers", {"answers": batch},
                {"If-Match": f'"{draft.version}"'},
            )  # fmt: skip
            if status == 200:
                draft.version = body["version"]
                # As the server stored them (an empty list, for one, clears an answer).
                draft.acknowledged.update({q: body["answers"].get(q) for q in batch})
                break
            if status == 412:
                # An earlier attempt was saved but its answer lost: save again on top of it
                # (the same answers; the phone's merge rule, here trivially).
                draft.version = body["current"]["version"]
                continue
            draft.outcome = f"save answered {status}: {body}"[:300]
            return  # given up: this draft's checks will say what was lost
    status, body = client.request(
        "submit", "POST", f"{path}/submit", headers={"Idempotency-Key": str(uuid.uuid4())}
    )
    if status == 200:
        draft.submitted = body
    else:
        draft.outcome = f"submit answered {status}: {body}"[:300]


def run_floor_phone(port: int, path: str, log: Log, phase: str, at: float) -> None:
    """A phone of the floor: three GETs of a trivial endpoint, as many requests as the real one."""
    time.sleep(max(0.0, at - time.monotonic()))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for kind in ("save", "save", "submit"):
        start = time.monotonic()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status = "reset"
        log.add(Attempt(phase, kind, start, time.monotonic() - start, status))
    conn.close()


def floor(port: int, path: str, count: int, window: float, log: Log, phase: str) -> None:
    """The same arrivals as a burst (count phones over window s, three requests each) on path."""
    start = time.monotonic() + 0.5
    threads = [
        threading.Thread(
            target=run_floor_phone, args=(port, path, log, phase, start + window * i / count)
        )
        for i in range(count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def burst(port, phones, index, log, phase, window, on_start=None) -> float:
    """All phones over `window` seconds, evenly spaced; the seconds until the last one is done."""
    start = time.monotonic() + 0.5
    threads = [
        threading.Thread(
            target=run_phone,
            args=(port, phone, phone.drafts[index], log, phase, start + window * i / len(phones)),
        )
        for i, phone in enumerate(phones)
    ]
    for thread in threads:
        thread.start()
    if on_start:
        on_start(start)
    for thread in threads:
        thread.join()
    return time.monotonic() - start


class Faults:
    """Kill a gunicorn worker, a work-horse mid-render, and crash PostgreSQL, during a burst."""

    def __init__(self, web, workers, cluster, window: float):
        self.web, self.workers, self.cluster, self.window = web, workers, cluster, window
        self.windows: list[tuple[str, float, float]] = []
        self.thread = None
        self.failure: str | None = None

    def start(self, at: float) -> None:
        self.thread = threading.Thread(target=self._run, args=(at,))
        self.thread.start()

    def join(self) -> None:
        if self.thread:
            self.thread.join()

    def _window(self, name: str, injected: float) -> None:
        wait_ready(self.web.base)
        self.windows.append((name, injected, time.monotonic() + 5))

    def _run(self, at: float) -> None:
        try:
            self._inject(at)
        except Exception as error:  # the run must not pass with a fault left out
            self.failure = f"fault injection failed: {type(error).__name__}: {error}"

    def _inject(self, at: float) -> None:
        """At 15 % of the window a web worker, from 25 % a work-horse, at 60 % the database."""
        time.sleep(max(0.0, at + 0.15 * self.window - time.monotonic()))
        victim = random.choice(self.web.workers())
        injected = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        self._window("gunicorn worker SIGKILL", injected)

        time.sleep(max(0.0, at + 0.25 * self.window - time.monotonic()))
        give_up = time.monotonic() + 30
        while time.monotonic() < give_up:
            horse = self._horse(seconds=give_up - time.monotonic())
            if horse is None:
                break
            time.sleep(0.2)  # mid-render: a render takes most of a second
            injected = time.monotonic()
            try:
                os.kill(horse, signal.SIGKILL)
            except ProcessLookupError:
                continue  # that render finished first: wait for the next one
            self._window("RQ work-horse SIGKILL", injected)
            break
        else:
            raise RuntimeError("no render ran long enough to be killed in 30 s")

        time.sleep(max(0.0, at + 0.6 * self.window - time.monotonic()))
        injected = time.monotonic()
        self.cluster.crash()
        self.cluster.start()
        self._window("PostgreSQL crash (stop -m immediate) and start", injected)

    def _horse(self, seconds: float) -> int | None:
        give_up = time.monotonic() + seconds
        while time.monotonic() < give_up:
            for worker in self.workers:
                # The work-horse leads a process group of its own (RQ calls setpgrp in it);
                # the worker's other child, its scheduler, does not.
                horses = [pid for pid in children(worker.pid) if _leads_group(pid)]
                if horses:
                    return horses[0]
            time.sleep(0.02)
        return None

    def inside(self, attempt: Attempt) -> bool:
        """Whether an attempt overlapped a fault window (one cut by a kill began before it)."""
        end = attempt.start + attempt.seconds
        return any(attempt.start <= w_end and end >= w_start for _, w_start, w_end in self.windows)


def _leads_group(pid: int) -> bool:
    try:
        return os.getpgid(pid) == pid
    except ProcessLookupError:
        return False


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


SWEEP_EVERY = 60  # seconds: the scheduled job's stalled-reports task, as cron would run it


def wait_for_reports(env: dict, expected: int, seconds: float) -> None:
    """Poll until every submission's report is ready (or time runs out), sweeping as scheduled.

    A report whose row was committed with the submit but whose job was never queued (a web
    worker killed between the two) is what the schedule's stalled-reports task hands on; it
    runs here every SWEEP_EVERY seconds for reports pending longer than a minute, as in
    production (docs/jobs.md), so the time until the last report is ready includes it.
    """
    from sqlalchemy import create_engine, text

    engine = create_engine(env["DATABASE_URL"])
    deadline = time.monotonic() + seconds
    next_sweep = time.monotonic() + SWEEP_EVERY
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            ready = conn.execute(text("SELECT count(*) FROM reports WHERE status = 'ready'"))
            if ready.scalar() >= expected:
                break
            conn.rollback()
            if time.monotonic() >= next_sweep:
                _sweep(env, older_than_seconds=60)
                next_sweep = time.monotonic() + SWEEP_EVERY
            time.sleep(1)
    engine.dispose()


def check(env: dict, phones: list[Phone]) -> tuple[dict, list[str]]:
    """Everything the phones were told, held against the database and the object store."""
    from sqlalchemy import func, select

    from app import create_app
    from app.assessments.models import Assessment, Submission
    from app.db import db
    from app.reports.models import Report

    problems, counts = [], Counter()
    app = create_app()
    with app.app_context():
        from app.reports import service as reports

        for phone in phones:
            for draft in phone.drafts:
                rows = db.session.scalars(
                    select(Submission).where(Submission.assessment_id == draft.id)
                ).all()
                counts["drafts"] += 1
                # The submitted answers, or the draft's when there is no submission.
                stored = rows[0].answers if rows else db.session.get(Assessment, draft.id).answers
                missing = [q for q, v in draft.acknowledged.items() if stored.get(q) != v]
                if missing:
                    problems.append(f"assessment {draft.id}: acknowledged answers lost: {missing}")
                else:
                    counts["acknowledged answers present"] += len(draft.acknowledged)
                if draft.submitted is None:
                    problems.append(f"assessment {draft.id}: no submit ({draft.outcome})")
                    continue
                if len(rows) != 1:
                    problems.append(f"assessment {draft.id}: {len(rows)} submissions, not 1")
                    continue
                counts["submissions exactly once"] += 1
                found = db.session.scalars(
                    select(Report).where(Report.submission_id == rows[0].id)
                ).all()
                if len(found) != 1:
                    problems.append(f"submission {rows[0].id}: {len(found)} reports, not 1")
                    continue
                blob = reports.open_stored(found[0])  # None unless ready and its hash matches
                if blob is None:
                    problems.append(f"report {found[0].id}: {found[0].status}, not stored intact")
                    continue
                blob.close()
                counts["reports stored, hash valid"] += 1
        total = db.session.scalar(select(func.count()).select_from(Submission))
        counts["submissions in the database"] = total
        counts.update(_queue_state(app))
    return counts, problems


def _queue_state(app) -> dict:
    from rq import Queue
    from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry

    from app.reports.queue import connection

    with app.app_context():
        queue = Queue(app.config["REPORT_QUEUE"], connection=connection())
        return {
            "jobs failed": FailedJobRegistry(queue=queue).count,
            "jobs started, not finished": StartedJobRegistry(queue=queue).count,
            "jobs scheduled for a retry": ScheduledJobRegistry(queue=queue).count,
            "jobs queued": queue.count,
        }


def report_latency(env: dict) -> list[float]:
    """Seconds from each submit to its report's stored file."""
    from sqlalchemy import create_engine, text

    engine = create_engine(env["DATABASE_URL"])
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT extract(epoch FROM r.rendered_at - s.submitted_at) FROM reports r "
                "JOIN submissions s ON s.id = r.submission_id WHERE r.rendered_at IS NOT NULL"
            )
        ).all()
    engine.dispose()
    return [float(row[0]) for row in rows]


def _answered(log: Log, phase: str, kind: str | None = None) -> list[float]:
    return [
        a.seconds
        for a in log.attempts
        if a.phase == phase and a.status == 200 and (kind is None or a.kind == kind)
    ]


def cpu_seconds(web, workers, cluster) -> dict[str, float]:
    """CPU seconds used so far by each piece: web workers, PostgreSQL, RQ, and the phones here.

    Processes that exited (a killed worker, a finished work-horse) no longer count; in a clean
    burst none do but the work-horses, whose renders are counted by what they left running.
    """
    postmaster = int((cluster.directory / "postmaster.pid").read_text().split()[0])
    horses = [child for w in workers for child in children(w.pid)]
    own = os.times()
    return {
        "web": sum(_cpu_of(pid) for pid in web.workers()),
        "PostgreSQL": sum(_cpu_of(pid) for pid in [postmaster, *children(postmaster)]),
        # A worker's finished work-horses count in its children's time once it has reaped them.
        "RQ workers": sum(_cpu_of(w.pid, reaped=True) for w in workers)
        + sum(_cpu_of(pid, reaped=True) for pid in horses),
        "phones (this process)": own.user + own.system,
    }


def _cpu_of(pid: int, reaped: bool = False) -> float:
    """User + system CPU seconds of a process so far; reaped: with its waited-for children's."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    ticks = sum(int(value) for value in fields[11 : 15 if reaped else 13])
    return ticks / os.sysconf("SC_CLK_TCK")


def cpu_line(before: dict, after: dict, seconds: float) -> str:
    used = {name: after[name] - before[name] for name in after}
    parts = ", ".join(f"{name} {value:.1f}" for name, value in used.items())
    return (
        f"  CPU seconds in the {seconds:.1f} s until the last phone was answered: {parts} "
        f"(total {sum(used.values()):.1f}; the machine has {os.cpu_count()} cores)"
    )


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg()) + " (1, 5, 15 min)"


def floor_line(log: Log, phase: str) -> str:
    done = _answered(log, phase)
    last = _answered(log, phase, "submit")
    return (
        f"{len(done)} answered 200: p50 {ms(percentile(done, 50))}, p95 "
        f"{ms(percentile(done, 95))}; each phone's third request p95 {ms(percentile(last, 95))}"
    )


def ratio_line(log: Log, phase: str) -> str:
    """The burst's submit p95 against the floors' (their third request: where a submit comes)."""
    submit = percentile(_answered(log, phase, "submit"), 95)
    parts = []
    for floor_phase, name in (("floor-bare", "bare Flask"), ("floor-healthz", "/healthz")):
        base = percentile(_answered(log, floor_phase, "submit"), 95)
        parts.append(f"{submit / base:.1f}× {name}'s {ms(base)}" if base else f"— ({name})")
    return f"  submit p95 {ms(submit)} = " + ", ".join(parts)


def summary(log: Log, phase: str, faults: Faults | None) -> list[str]:
    lines = []
    for kind in ("submit", "save"):
        done = [a.seconds for a in log.attempts if a.phase == phase and a.kind == kind
                and a.status == 200]  # fmt: skip
        lines.append(
            f"  {kind:6} {len(done):4} answered 200: p50 {ms(percentile(done, 50))}, "
            f"p95 {ms(percentile(done, 95))}, p99 {ms(percentile(done, 99))}"
        )
    errors = [a for a in log.attempts if a.phase == phase and a.status not in (200, 412)]
    inside = Counter(str(a.status) for a in errors if faults and faults.inside(a))
    outside = Counter(str(a.status) for a in errors if not (faults and faults.inside(a)))
    lines.append(f"  errors inside fault windows: {dict(inside) or 'none'}")
    lines.append(f"  errors outside fault windows: {dict(outside) or 'none'}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--enterprises", type=int, default=200)
    parser.add_argument("--window", type=float, default=2.0, help="seconds the submits arrive in")
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument("--report-wait", type=float, default=900, help="seconds to wait")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, help="threads per gunicorn worker (conf: 4)")
    parser.add_argument(
        "--worker-nice", type=int, help="the RQ workers' REPORT_WORKER_NICE (default: the app's)"
    )
    args = parser.parse_args()
    n, log = args.enterprises, Log()
    import tempfile

    with (
        tempfile.TemporaryDirectory(prefix="qa-deadline-") as tmp,
        postgres_cluster() as cluster,
        redis_server() as redis_url,
        object_store() as store_url,
    ):
        env = environment(cluster.url, redis_url, store_url, Path(tmp))
        if args.worker_nice is not None:
            env["REPORT_WORKER_NICE"] = str(args.worker_nice)
        began = time.monotonic()
        phones = prepare_database(env, n)
        web_shape = gunicorn(env, workers=args.web_workers, threads=args.threads)
        with web_shape as web, rq_workers(env, count=2) as workers:
            prepare_drafts(env, phones, web.port)
            print(f"prepared {n} enterprises, {2 * n} drafts in {time.monotonic() - began:.0f} s")
            arrival = f"over {args.window:g} s ({n / args.window:.0f}/s)" if args.window else (
                "all at once (--window 0: the drain time)")  # fmt: skip
            print(f"{n} phones {arrival}, each: 2 saves")
            print(f"and a submit; gunicorn {args.web_workers} workers × {args.threads or 4} "
                  f"threads, 2 RQ workers at nice {env.get('REPORT_WORKER_NICE', 10)}, "
                  "PostgreSQL, Redis, " +
                  ("S3 (moto)" if store_url else "local report directory"))  # fmt: skip
            print("load average before the bursts: " + load_average())
            # Floors, measured now in this run on the same machine: the burst's arrivals against
            # a bare Flask endpoint under the same gunicorn settings, and against /healthz.
            with bare_gunicorn(env) as bare:
                floor(bare.port, "/bare", n, args.window, log, "floor-bare")
            floor(web.port, "/healthz", n, args.window, log, "floor-healthz")
            cpu_before = cpu_seconds(web, workers, cluster)
            took_clean = burst(web.port, phones, 0, log, "clean", args.window)
            cpu_after = cpu_seconds(web, workers, cluster)
            print("floors (the same arrivals, 3 requests a phone, on a trivial endpoint):")
            for phase, name in (("floor-bare", "bare Flask"), ("floor-healthz", "/healthz")):
                print(f"  {name:10} {floor_line(log, phase)}")
            print("burst 1, no faults:")
            print("\n".join(summary(log, "clean", None)))
            print(ratio_line(log, "clean"))
            print(cpu_line(cpu_before, cpu_after, took_clean))
            print("load average before burst 2: " + load_average())
            faults = None if args.no_faults else Faults(web, workers, cluster, args.window)
            took = burst(web.port, phones, 1, log, "faults", args.window,
                         faults.start if faults else None)  # fmt: skip
            if faults:
                faults.join()
                print(f"burst 2, with faults (all phones answered in {took:.1f} s):")
                for name, start, end in faults.windows:
                    print(f"  fault: {name}; window {end - start:.1f} s")
                if faults.failure:
                    print(f"  {faults.failure}")
                print("\n".join(summary(log, "faults", faults)))
                print(ratio_line(log, "faults"))
            submitted = sum(1 for p in phones for d in p.drafts if d.submitted)
            wait_for_reports(env, submitted, args.report_wait)
            latency = report_latency(env)
            print(
                f"submit → report ready: p50 {percentile(latency, 50):.1f} s, "
                f"p95 {percentile(latency, 95):.1f} s, last {max(latency, default=0):.1f} s"
            )
            counts, problems = check(env, phones)
    for name, value in counts.items():
        print(f"  {name}: {value}")
    if faults and faults.failure:
        problems.append(faults.failure)
    five_hundreds = sum(1 for a in log.attempts if a.status == 500)
    if five_hundreds:
        problems.append(f"{five_hundreds} answers were 500")
    if counts["jobs failed"] or counts["jobs started, not finished"] or counts["jobs queued"]:
        problems.append("jobs left failed, stuck or queued")
    for problem in problems[:50]:
        print("PROBLEM:", problem)
    print("result:", "FAILED" if problems else "nothing lost, nothing duplicated, every report")
    return 1 if problems else 0


def _sweep(env: dict, older_than_seconds: int) -> None:
    from app import create_app
    from app.reports.service import requeue_stalled

    with create_app().app_context():
        requeue_stalled(older_than_seconds=older_than_seconds)


if __name__ == "__main__":
    sys.exit(main())
