"""The dashboard's cache: served again for DASHBOARD_CACHE_SECONDS, per area, never past the
jurisdiction check; shared through Redis when REDIS_URL is set, bounded per process otherwise."""

import threading
import time
from datetime import datetime

import pytest
from redis import Redis
from redis.exceptions import RedisError

from app.assessments.filing import CHINA
from app.dashboard import cache
from tests.fixtures.answering import complete_answers

YEAR = datetime.now(CHINA).year
REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def cached(app, monkeypatch):
    """The cache on, for 60 s, empty at the start and the end of the test."""
    monkeypatch.setitem(app.config, "DASHBOARD_CACHE_SECONDS", 60)
    cache._LOCAL.clear()
    yield
    cache._LOCAL.clear()


@pytest.fixture
def shared(app, monkeypatch, cached):
    """The cache in the local Redis (skipped without one); this database's keys removed after."""
    connection = Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    monkeypatch.setitem(app.config, "REDIS_URL", REDIS_URL)
    yield connection
    with app.app_context():
        pattern = cache._name(("*",))
    for key in connection.scan_iter(match=pattern):
        connection.delete(key)


@pytest.fixture
def board(client):
    def get(actor, **query):
        response = client.get("/api/v1/dashboard", query_string=query, headers=actor.headers)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return get


@pytest.fixture
def submit(make_enterprise, definition, app, monkeypatch):
    """submit(division, questionnaire="quality"): a new enterprise there submits (no Redis)."""

    def make(division, questionnaire="quality"):
        # Submitting with REDIS_URL set would queue work on the shared Redis; not this test's.
        redis_url = app.config["REDIS_URL"]
        app.config["REDIS_URL"] = None
        try:
            company = make_enterprise(division)
            answers = complete_answers(definition(questionnaire), company.facts)
            return company.submit(company.fill(questionnaire, answers))
        finally:
            app.config["REDIS_URL"] = redis_url

    return make


def submitted_count(body) -> int:
    return body["states"]["submitted"]


def test_a_new_submission_shows_once_the_cached_figures_expire(
    app, cached, board, submit, regulators
):
    city = regulators["shijiazhuang"]
    submit("130102")
    assert submitted_count(board(city, year=YEAR, questionnaire="quality")) == 1
    submit("130104")
    # Within DASHBOARD_CACHE_SECONDS the figures computed before serve again.
    assert submitted_count(board(city, year=YEAR, questionnaire="quality")) == 1
    app.config["DASHBOARD_CACHE_SECONDS"] = 1
    time.sleep(1.0)
    assert submitted_count(board(city, year=YEAR, questionnaire="quality")) == 2


def test_with_the_cache_off_every_read_is_computed(app, board, submit, regulators):
    assert app.config["DASHBOARD_CACHE_SECONDS"] == 0  # tests/conftest.py
    city = regulators["shijiazhuang"]
    submit("130102")
    assert submitted_count(board(city, year=YEAR, questionnaire="quality")) == 1
    submit("130102")
    assert submitted_count(board(city, year=YEAR, questionnaire="quality")) == 2


def test_each_area_period_and_language_is_cached_apart(cached, board, submit, regulators):
    submit("130102")
    submit("130202")
    submit("130203")
    city = board(regulators["shijiazhuang"], year=YEAR, questionnaire="quality")
    other = board(regulators["tangshan"], year=YEAR, questionnaire="quality")
    assert (submitted_count(city), submitted_count(other)) == (1, 2)
    assert all(unit["code"][:4] == "1302" for unit in other["units"])
    province = board(regulators["province"], year=YEAR, questionnaire="quality")
    assert submitted_count(province) == 3 and province["unit_kind"] == "city"
    # The province narrowed to 唐山 is 唐山's dashboard, cached once for both.
    narrowed = board(regulators["province"], year=YEAR, questionnaire="quality", region="130200")
    assert narrowed == other
    english = board(regulators["tangshan"], year=YEAR, questionnaire="quality", lang="en")
    assert english["jurisdiction"]["name"] != other["jurisdiction"]["name"]
    assert (
        submitted_count(board(regulators["tangshan"], year=YEAR - 1, questionnaire="quality")) == 0
    )


def test_a_cached_dashboard_is_never_served_past_the_jurisdiction_check(
    client, cached, board, regulators, make_campaign
):
    campaign = make_campaign(regulators["shijiazhuang"], questionnaires=["brand"])
    assert board(regulators["shijiazhuang"], campaign=campaign["id"])["campaign"]["id"]
    year = {"year": YEAR, "questionnaire": "quality"}
    board(regulators["shijiazhuang"], **year)
    outsider = regulators["tangshan"].headers
    refused = client.get(
        "/api/v1/dashboard", query_string={"campaign": campaign["id"]}, headers=outsider
    )
    assert refused.status_code == 404
    narrowed = client.get("/api/v1/dashboard", query_string={**year, "region": "130100"},
                          headers=outsider)  # fmt: skip
    assert narrowed.status_code == 403


def test_the_per_process_cache_keeps_the_most_recently_used(app, cached):
    computed = []

    def compute(n):
        computed.append(n)
        return {"n": n}

    with app.test_request_context():
        for n in range(cache.LOCAL_ENTRIES + 10):
            assert cache.cached(("key", n), lambda n=n: compute(n)) == {"n": n}
        assert len(cache._LOCAL) == cache.LOCAL_ENTRIES
        # The newest is still there; the oldest was dropped and is computed again.
        newest = cache.LOCAL_ENTRIES + 9
        assert cache.cached(("key", newest), lambda: compute("again")) == {"n": newest}
        assert cache.cached(("key", 0), lambda: compute("again")) == {"n": "again"}


def test_readers_arriving_together_share_one_computation(app, cached):
    calls, answers = [], []

    def slow():
        calls.append(1)
        time.sleep(0.3)
        return {"figures": 1}

    def read():
        with app.app_context():
            answers.append(cache.cached(("together",), slow))

    threads = [threading.Thread(target=read) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and answers == [{"figures": 1}] * 6


def test_web_processes_share_the_computed_dashboard_through_redis(
    app, shared, board, submit, regulators, make_campaign, snapshot
):
    regulator = regulators["shijiazhuang"]
    campaign = make_campaign(regulator, questionnaires=["quality"], year=YEAR)
    submit("130102")
    snapshot()
    first = board(regulator, campaign=campaign["id"])
    with app.app_context():
        name = cache._name(("130100", "campaign", campaign["id"], "quality", "zh"))
    stored = shared.get(name)
    assert stored is not None and shared.ttl(name) > 60  # kept twice its freshness
    again = board(regulator, campaign=campaign["id"])
    assert shared.get(name) == stored  # served as stored, not computed and stored again
    assert again == first
    # Dates and the snapshot's time included: they round-trip through JSON.
    assert again["campaign"]["opens_on"] == campaign["opens_on"]
    assert again["dimensions"]["snapshot"]["taken_at"]


def test_an_expired_dashboard_serves_while_another_process_recomputes_it(
    app, shared, board, submit, regulators
):
    city = regulators["shijiazhuang"]
    submit("130102")
    assert submitted_count(board(city, year=YEAR, questionnaire="quality")) == 1
    submit("130104")
    with app.app_context():
        name = cache._name(("130100", "year", YEAR, "quality", "zh"))
    app.config["DASHBOARD_CACHE_SECONDS"] = 1
    time.sleep(1.0)
    elsewhere = shared.lock(f"{name}:lock", timeout=10)
    assert elsewhere.acquire(blocking=False)  # another web process is recomputing it
    try:
        assert submitted_count(board(city, year=YEAR, questionnaire="quality")) == 1
    finally:
        elsewhere.release()
    assert submitted_count(board(city, year=YEAR, questionnaire="quality")) == 2


def test_an_unreachable_redis_leaves_the_dashboard_computed(
    app, cached, monkeypatch, board, submit, regulators
):
    submit("130102")
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    body = board(regulators["shijiazhuang"], year=YEAR, questionnaire="quality")
    assert submitted_count(body) == 1
