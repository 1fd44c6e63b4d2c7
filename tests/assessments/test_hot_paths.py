"""Reading a draft and saving answers, the requests every phone repeats: cheap, and still right."""

import contextlib

import pytest
from sqlalchemy import event

from app.assessments import service
from app.assessments.records import load_record
from app.db import db
from app.errors import ApiError
from tests.fixtures.answering import complete_answers

Q = "quality"


@contextlib.contextmanager
def statements():
    """The SQL statements run on the app's engine inside the block."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append(" ".join(statement.split()))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def save(client, actor, draft, answers, version=None):
    return client.patch(
        f"/api/v1/assessments/{draft['id']}/answers",
        json={"answers": answers},
        headers={**actor.headers, "If-Match": f'"{version or draft["version"]}"'},
    )


def test_reading_a_draft_takes_one_query_for_the_caller_and_one_for_the_draft(client, enterprise):
    draft = enterprise.create(Q)
    with statements() as seen:
        response = client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers)
    assert response.status_code == 200
    assert len(seen) == 2, seen
    assert "revoked_tokens" in seen[0] and "FROM users" in seen[0]
    assert "FROM assessments JOIN enterprises" in seen[1]


def test_saving_answers_takes_an_update_and_an_event_beyond_the_two_reads(
    client, enterprise, definition
):
    draft = enterprise.create(Q)
    first = draft["missing"][0]
    value = complete_answers(definition(Q), enterprise.facts)[first]
    with statements() as seen:
        response = save(client, enterprise, draft, {first: value})
    assert response.status_code == 200, response.get_json()
    writes = [s for s in seen if not s.startswith(("SELECT", "SET LOCAL"))]
    assert len(seen) - len(writes) <= 3, seen  # caller, draft, and PostgreSQL's SET LOCAL
    assert [w.split()[0] for w in writes] == ["UPDATE", "INSERT"], seen
    body = response.get_json()
    assert body["version"] == draft["version"] + 1
    assert body["answers"] == {first: value}
    # What the save answered is what a read now finds, timestamps included.
    again = client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers)
    assert again.get_json() == {k: v for k, v in body.items() if k != "dropped"}


def test_a_save_merged_onto_an_older_read_than_its_if_match_is_refused(
    app, client, enterprise, definition
):
    # A save reads the draft, merges, then updates where version = If-Match. Had another device
    # written between that read and the update, the merge would be based on the older answers.
    draft = enterprise.create(Q)
    answers = complete_answers(definition(Q), enterprise.facts)
    a, b = draft["missing"][0], draft["missing"][1]
    with app.test_request_context():
        before = load_record(draft["id"])
        db.session.rollback()
    phone = save(client, enterprise, draft, {a: answers[a]})
    assert phone.status_code == 200
    newer = phone.get_json()["version"]
    with app.test_request_context(), pytest.raises(ApiError) as refused:
        service.save_answers(
            assessment=before, answers={b: answers[b]}, expected_version=newer, actor=enterprise
        )
    assert refused.value.code == 412
    db.session.rollback()
    current = client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers)
    assert current.get_json()["answers"] == {a: answers[a]}


@pytest.mark.postgres_only
def test_a_draft_save_waits_for_the_disk_unless_the_operator_opted_out(
    app, client, enterprise, definition, monkeypatch
):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("synchronous_commit is PostgreSQL's")
    answers = complete_answers(definition(Q), enterprise.facts)
    draft = enterprise.create(Q)
    with statements() as durable:
        assert save(client, enterprise, draft, answers).status_code == 200
    assert not [s for s in durable if "synchronous_commit" in s]

    monkeypatch.setitem(app.config, "DRAFT_SAVE_ASYNC_COMMIT", True)
    draft = client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers)
    with statements() as saving:
        assert save(client, enterprise, draft.get_json(), answers).status_code == 200
    assert "SET LOCAL synchronous_commit TO off" in saving
    draft = client.get(f"/api/v1/assessments/{draft.get_json()['id']}", headers=enterprise.headers)
    with statements() as submitting:
        enterprise.submit(draft.get_json())
    assert not [s for s in submitting if "synchronous_commit" in s]


@pytest.mark.postgres_only
def test_reading_a_draft_runs_outside_a_transaction_and_saving_inside_one(
    app, client, enterprise, definition
):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("the saved round trips are PostgreSQL's BEGIN and ROLLBACK")
    draft = enterprise.create(Q)
    autocommit: list[bool] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        autocommit.append(conn.connection.dbapi_connection.autocommit)

    db.session.close()  # as at the start of a request in gunicorn, where each has its own
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        read = client.get(f"/api/v1/assessments/{draft['id']}", headers=enterprise.headers)
        reads, autocommit[:] = list(autocommit), []
        first = draft["missing"][0]
        value = complete_answers(definition(Q), enterprise.facts)[first]
        assert save(client, enterprise, draft, {first: value}).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert read.status_code == 200
    assert reads == [True, True]
    assert autocommit and not any(autocommit)
