"""Fixtures of the report tests: submitted assessments, rendering modes, storage backends, PDFs."""

import shutil
import subprocess
import uuid

import pytest

from tests.fixtures.answering import value_for
from tests.storage.servers import storage_settings  # noqa: F401  (a fixture)

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) is not installed",
)

REDIS_URL = "redis://127.0.0.1:6379/0"
# One queue per test session, so that parallel sessions (or a developer's worker) never meet.
QUEUE = f"reports-test-{uuid.uuid4().hex[:12]}"


def realistic_answers(definition: dict, facts: dict) -> dict:
    """The middle option mostly, the weakest on every fourth question; never a red flag."""
    from app.questionnaires.conditions import visible_questions

    questions = {q["id"]: q for s in definition["sections"] for q in s["questions"]}
    order = {q: i for i, q in enumerate(questions)}
    answers: dict = {}
    while missing := [q for q in visible_questions(definition, answers, facts) if q not in answers]:
        for question_id in missing:
            question = questions[question_id]
            choice = "worst" if question["weight"] and order[question_id] % 4 == 3 else "middle"
            value = value_for(question, choice)
            flagged = {o["id"] for o in question.get("options") or () if o.get("red_flag")}
            picked = value if isinstance(value, list) else [value]
            raises_flag = any(isinstance(v, str) and v in flagged for v in picked)
            answers[question_id] = value_for(question, "middle") if raises_flag else value
    return {q: answers[q] for q in visible_questions(definition, answers, facts)}


@pytest.fixture
def submitted(make_enterprise, definition):
    """submitted(questionnaire, ...) -> (company, the submit's response body)."""

    def make(questionnaire="quality", *, division="130100", industry="C1772", name=None):
        company = make_enterprise(division, industry, "medium", name=name)
        answers = realistic_answers(definition(questionnaire), company.facts)
        return company, company.submit(company.fill(questionnaire, answers))

    return make


@pytest.fixture
def render_at_submit(app, monkeypatch):
    """In-process mode, rendering right after the submit commits (the default outside tests)."""
    monkeypatch.setitem(app.config, "REPORT_RENDER_ON_SUBMIT", True)
    monkeypatch.setitem(app.config, "REDIS_URL", None)


STORAGE_SETTINGS = ("STORAGE_URL", "STORAGE_S3_ENDPOINT_URL", "STORAGE_S3_REGION")
STORAGE_SETTINGS += ("STORAGE_S3_ADDRESSING", "STORAGE_TIMEOUT", "STORAGE_RETRY_AFTER")


@pytest.fixture
def report_storage(app, monkeypatch, storage_settings):  # noqa: F811
    """Reports stored in each backend in turn: a local directory, then the S3 test server."""
    from app.storage import current_store

    for name, value in storage_settings.items():
        monkeypatch.setitem(app.config, name, value)
    return current_store()


def storage_env(app) -> dict:
    """The app's storage settings as environment variables, for a worker subprocess."""
    return {n: str(app.config[n]) for n in STORAGE_SETTINGS if app.config.get(n) is not None}


@pytest.fixture(scope="session")
def redis_server():
    from redis import Redis
    from redis.exceptions import RedisError

    connection = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    yield connection
    for key in connection.scan_iter(f"*{QUEUE}*"):  # the queue, its registries and its jobs
        connection.delete(key)


@pytest.fixture
def queued(app, monkeypatch, redis_server):
    """Queue mode on this session's own queue; returns work() to run a burst worker here."""
    from rq import SimpleWorker

    from app.reports import queue

    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    monkeypatch.setitem(app.config, "REPORT_QUEUE", QUEUE)
    monkeypatch.setitem(app.config, "REPORT_RENDER_ON_SUBMIT", True)
    monkeypatch.setitem(app.config, "REPORT_RETRY_INTERVALS", [])  # retry at once
    queue.report_queue().empty()

    def work() -> None:
        worker = SimpleWorker([queue.report_queue()], connection=queue.connection())
        worker.work(burst=True)

    yield work
    queue.report_queue().empty()


def pdf_text(pdf: bytes, tmp_path) -> str:
    """pdftotext of the PDF, without whitespace (a line break must not hide a phrase)."""
    path = tmp_path / f"{uuid.uuid4().hex}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return "".join(out.stdout.split())


def pdf_fonts(pdf: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / f"{uuid.uuid4().hex}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]
