"""Snapshots taken with the CLI: 4 show nothing, 5 counts and means, 10 quartiles; a sixth
enterprise leaves the published figures alone until enough others have arrived too."""

from datetime import timedelta

from sqlalchemy import select, update

from tests.aggregates.conftest import figures

QUERIES = [
    {},
    {"group_by": "region"},
    {"group_by": "industry"},
    {"group_by": "size"},
    {"industry": "C17"},
    {"industry": "C", "group_by": "industry"},
    {"region": "130100", "group_by": "size"},
    {"size": "small", "group_by": "region"},
]


def every_answer(aggregates, actor) -> list[dict]:
    return [aggregates(actor, **query).get_json() for query in QUERIES]


def test_four_enterprises_show_nothing_anywhere(population, snapshot, make_staff, aggregates):
    for _ in range(4):
        population()
    snapshot()
    for body in every_answer(aggregates, make_staff("admin")):
        for group in [body["total"], *body["groups"]]:
            assert figures(group) == {"suppressed": True}


def test_five_show_counts_and_means_but_no_quartiles_or_shares(
    population, snapshot, make_staff, aggregates
):
    for choice in ("best", "best", "worst", "middle", "middle"):
        population(choice=choice)
    snapshot()
    total = aggregates(make_staff("admin")).get_json()["total"]
    assert total["n"] == 5
    assert total["overall"]["mean"] is not None
    assert total["overall"]["median"] is None and total["overall"]["p25"] is None
    assert all(d["mean"] is not None and d["median"] is None for d in total["dimensions"])
    # Any share of five leaves fewer than five on one side of it.
    assert set(total["maturity"].values()) == {None}
    assert all(set(q.values()) == {None} for q in total["questions"].values())


def test_ten_show_quartiles_and_shares_with_five_on_each_side(
    population, snapshot, make_staff, aggregates
):
    for choice in ["best"] * 5 + ["worst"] * 5:
        population(choice=choice)
    snapshot()
    total = aggregates(make_staff("admin")).get_json()["total"]
    assert total["n"] == 10
    assert total["overall"] == {"mean": 50, "median": 50, "p25": 0, "p75": 100}
    # Levels 2-4 hold nobody: shown as 0 they would be figures under five; hidden alone, the
    # visible 0.5 + 0.5 would give them away; so one of the two full levels is hidden too.
    shown = {level: share for level, share in total["maturity"].items() if share is not None}
    assert shown in ({"1": 0.5}, {"5": 0.5})
    assert "min" not in total["overall"] and "max" not in total["overall"]


def test_a_sixth_enterprise_changes_nothing_until_enough_others_arrive(
    population, snapshot, make_staff, aggregates
):
    admin = make_staff("admin")
    for _ in range(5):
        population(choice="best")
    snapshot()
    before = every_answer(aggregates, admin)
    population(choice="worst")
    output = snapshot()
    assert '"held": 1' in output and '"released": 0' in output
    after = every_answer(aggregates, admin)
    for old, new in zip(before, after, strict=True):
        assert old["total"] == new["total"] and old["groups"] == new["groups"]
        assert new["snapshot"]["id"] > old["snapshot"]["id"]
    for _ in range(3):
        population(choice="worst")
    snapshot()
    assert aggregates(admin).get_json()["total"]["n"] == 5  # 4 changes: still held
    population(choice="worst")
    snapshot()
    total = aggregates(admin).get_json()["total"]
    assert total["n"] == 10 and total["overall"]["median"] == 50


def test_a_resubmission_is_held_like_an_arrival(population, snapshot, make_staff, aggregates):
    admin = make_staff("admin")
    firms = [population(choice="best") for _ in range(5)]
    snapshot()
    before = aggregates(admin).get_json()["total"]
    population.resubmit(firms[0], choice="worst")
    snapshot()
    assert aggregates(admin).get_json()["total"] == before
    for firm in firms[1:]:
        population.resubmit(firm, choice="worst")
    snapshot()
    assert aggregates(admin).get_json()["total"]["overall"]["mean"] == 0


def test_a_region_corrected_for_one_enterprise_is_held(
    app, population, snapshot, make_staff, aggregates
):
    from app.auth.models import Enterprise
    from app.db import db

    admin = make_staff("admin")
    firms = [population(region="130100") for _ in range(6)]
    firms += [population(region="130200") for _ in range(5)]
    snapshot()
    before = aggregates(admin, group_by="region").get_json()
    db.session.execute(update(Enterprise).where(Enterprise.id == firms[0]).values(region="130200"))
    db.session.commit()
    snapshot()
    assert aggregates(admin, group_by="region").get_json()["groups"] == before["groups"]


def test_associations_read_the_snapshot_not_todays_submissions(
    population, snapshot, make_staff, aggregates
):
    association = make_staff("association", industries=["C17"])
    for _ in range(5):
        population()
    snapshot()
    for _ in range(5):
        population()
    assert aggregates(association).get_json()["total"]["n"] == 5


def test_the_response_says_which_snapshot_and_when(population, snapshot, make_staff, aggregates):
    population()
    output = snapshot()
    body = aggregates(make_staff("admin")).get_json()
    assert f"snapshot {body['snapshot']['id']} taken" in output
    assert len(body["snapshot"]["date"]) == 10


def test_the_first_read_of_a_new_installation_takes_a_snapshot(
    app, population, make_staff, aggregates
):
    from app.aggregates.models import AggregateSnapshot
    from app.db import db

    for _ in range(5):
        population()
    body = aggregates(make_staff("admin")).get_json()
    assert body["total"]["n"] == 5
    assert db.session.scalar(select(AggregateSnapshot.trigger)) == "lazy"


def test_a_day_old_snapshot_is_replaced_after_the_next_read(
    app, population, snapshot, make_staff, aggregates
):
    from app.aggregates.models import AggregateSnapshot
    from app.db import db

    for _ in range(5):
        population()
    snapshot()
    taken = db.session.scalar(select(AggregateSnapshot))
    taken.taken_at -= timedelta(hours=25)
    old_id = taken.id
    db.session.commit()
    response = aggregates(make_staff("admin"))
    assert response.get_json()["snapshot"]["id"] == old_id  # served from the old one, not waiting
    response.close()  # the server closes the response once sent: the snapshot is taken then
    db.session.expire_all()
    triggers = db.session.scalars(select(AggregateSnapshot.trigger).order_by(AggregateSnapshot.id))
    assert list(triggers) == ["cli", "lazy"]


def test_only_one_process_holds_the_snapshot_lease(app):
    from app.aggregates.snapshot.lease import acquire_lease, release_lease

    assert acquire_lease(holder="worker-1")
    assert not acquire_lease(holder="worker-2")
    release_lease(holder="worker-1")
    assert acquire_lease(holder="worker-2")
    release_lease(holder="worker-2")


def test_the_cli_refuses_while_another_process_takes_a_snapshot(app):
    from app.aggregates.snapshot.lease import acquire_lease, release_lease

    assert acquire_lease(holder="worker-1")
    result = app.test_cli_runner().invoke(args=["aggregates", "snapshot"])
    assert result.exit_code == 1
    assert "another process" in result.output
    release_lease(holder="worker-1")


def test_a_part_whose_figures_cannot_be_protected_keeps_them_and_holds_its_changes(
    population, snapshot, make_staff, aggregates, monkeypatch
):
    import app.aggregates.snapshot.take as snapshots
    from app.aggregates.protect.rules import Unresolvable

    admin = make_staff("admin")
    for _ in range(5):
        population()
    snapshot()
    before = aggregates(admin).get_json()["total"]
    for _ in range(5):
        population(choice="worst")

    def unprotectable(*args, **kwargs):
        raise Unresolvable("no cell left to hide")

    monkeypatch.setattr(snapshots, "build_figures", unprotectable)
    output = snapshot()
    assert '"held": 5' in output
    assert aggregates(admin).get_json()["total"] == before
