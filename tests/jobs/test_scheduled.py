"""flask jobs run-scheduled: the aggregate snapshot when due, under its lease; pruning."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.aggregates.models import AggregateSnapshot
from app.aggregates.snapshot.lease import acquire_lease, release_lease
from app.assessments.models import IdempotentRequest
from app.auth.models import LoginAttempt, RevokedToken
from app.db import db, utcnow


def run(app, *tasks: str):
    result = app.test_cli_runner().invoke(args=["jobs", "run-scheduled", *tasks])
    db.session.expire_all()
    return result


def triggers() -> list[str]:
    query = select(AggregateSnapshot.trigger).order_by(AggregateSnapshot.id)
    return list(db.session.scalars(query))


def test_the_schedule_lists_the_snapshot_and_the_pruning(app):
    result = app.test_cli_runner().invoke(args=["jobs", "list"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert names == [
        "aggregate-snapshot",
        "stalled-reports",
        "prune-idempotent-requests",
        "prune-login-attempts",
        "prune-revoked-tokens",
        "prune-exports",
        "prune-audit-log",
        "webhook-deliveries",
        "campaign-reminders",
        "resend-mail",
    ]


def test_a_snapshot_is_taken_when_due_and_not_again_until_it_is_old(app):
    first = run(app, "aggregate-snapshot")
    assert first.exit_code == 0, first.output
    assert "snapshot" in first.output and "taken" in first.output
    assert triggers() == ["schedule"]

    assert "not due" in run(app, "aggregate-snapshot").output
    assert triggers() == ["schedule"]

    db.session.execute(update(AggregateSnapshot).values(taken_at=utcnow() - timedelta(hours=25)))
    db.session.commit()
    assert run(app, "aggregate-snapshot").exit_code == 0
    assert triggers() == ["schedule", "schedule"]


def test_a_replica_that_finds_the_lease_held_takes_no_snapshot(app):
    assert acquire_lease(holder="replica-1")
    try:
        result = run(app, "aggregate-snapshot")
    finally:
        release_lease(holder="replica-1")
    assert result.exit_code == 0
    assert "another process is taking it" in result.output
    assert triggers() == []


def test_pruning_deletes_what_has_outlived_its_use_and_keeps_the_rest(app, make_enterprise_account):
    _, user = make_enterprise_account()
    now = utcnow()
    days = app.config["IDEMPOTENCY_RETENTION_DAYS"]
    window = timedelta(seconds=app.config["LOGIN_WINDOW_SECONDS"])
    for key, age in (("old", timedelta(days=days, minutes=1)), ("new", timedelta(days=days - 1))):
        db.session.add(
            IdempotentRequest(
                user_id=user.id, key=key, fingerprint="f", status=200, body={}, created_at=now - age
            )
        )
    for name, age in (("old", window + timedelta(minutes=1)), ("new", window / 2)):
        db.session.add(
            LoginAttempt(username=name, address="10.0.0.1", failed=True, created_at=now - age)
        )
    db.session.add(RevokedToken(jti="expired", expires_at=now - timedelta(minutes=1)))
    db.session.add(RevokedToken(jti="live", expires_at=now + timedelta(minutes=1)))
    db.session.commit()

    result = run(app)
    assert result.exit_code == 0, result.output
    assert db.session.scalars(select(IdempotentRequest.key)).all() == ["new"]
    assert db.session.scalars(select(LoginAttempt.username)).all() == ["new"]
    assert db.session.scalars(select(RevokedToken.jti)).all() == ["live"]
    for task in ("prune-idempotent-requests", "prune-login-attempts", "prune-revoked-tokens"):
        assert f"{task}" in result.output
    assert result.output.count("1 deleted") == 3


def test_pruning_goes_through_more_rows_than_one_batch(app, monkeypatch):
    from app.jobs import prune

    monkeypatch.setattr(prune, "BATCH", 3)  # a small batch, so the loop runs several times
    expired = utcnow() - timedelta(minutes=1)
    db.session.add_all(RevokedToken(jti=f"t{n}", expires_at=expired) for n in range(7))
    db.session.commit()
    assert "7 deleted" in run(app, "prune-revoked-tokens").output
    assert db.session.scalar(select(func.count()).select_from(RevokedToken)) == 0


def test_a_failing_task_does_not_stop_the_others_and_the_command_fails(app, monkeypatch):
    def broken() -> str:
        raise RuntimeError("disk full")

    tasks = {"broken": broken, **app.extensions["jobs.scheduled"]}
    monkeypatch.setitem(app.extensions, "jobs.scheduled", tasks)
    db.session.add(RevokedToken(jti="expired", expires_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    result = run(app)
    assert result.exit_code == 1
    assert "FAILED" in result.output and "disk full" in result.output
    assert db.session.scalar(select(func.count()).select_from(RevokedToken)) == 0


def test_an_unknown_task_name_is_refused_with_the_known_ones(app):
    result = run(app, "prune-everything")
    assert result.exit_code == 2
    assert "prune-everything" in result.output and "aggregate-snapshot" in result.output


@pytest.mark.parametrize(("lazy", "expected"), [(True, ["lazy"]), (False, [])])
def test_a_read_of_aggregates_takes_a_due_snapshot_only_when_lazy(
    app, monkeypatch, make_staff, lazy, expected
):
    monkeypatch.setitem(app.config, "AGGREGATE_LAZY_SNAPSHOT", lazy)
    admin = make_staff("admin")
    response = admin.client.get(
        "/api/v1/aggregates", query_string={"questionnaire": "quality"}, headers=admin.headers
    )
    assert response.status_code == 200
    response.close()
    db.session.expire_all()
    assert triggers() == expected
