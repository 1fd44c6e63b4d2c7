"""Aggregates by year: each year's published total; a change only where no one firm makes it."""

from app.aggregates.cube import ALL, CellKey, Coord, lines
from app.aggregates.read.years import change_allowed
from app.aggregates.release.years import moved
from tests.aggregates.attacker import recover
from tests.aggregates.test_attacks import K, published_table


def by_year(client, actor, **params):
    params.setdefault("questionnaire", "quality")
    query = {k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()}
    return client.get("/api/v1/aggregates/years", query_string=query, headers=actor.headers)


def test_the_change_is_shown_when_the_same_firms_filed_both_years(
    client, population, snapshot, make_staff
):
    firms = [population(year=2025) for _ in range(6)]
    for firm in firms:
        population.resubmit(firm, choice="middle", year=2026)
    snapshot()
    association = make_staff("association", industries=["C17"])
    response = by_year(client, association)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    first, second = body["years"]
    assert (first["year"], second["year"]) == (2025, 2026)
    assert first["n"] == second["n"] == 6
    assert first["change"] is None and second["change_withheld"] is False
    change = second["change"]
    assert change["n"] == 0
    assert change["mean"] == second["overall"]["mean"] - first["overall"]["mean"] < 0


def test_one_firm_joining_never_makes_the_change(client, population, snapshot, make_staff):
    firms = [population(year=2025) for _ in range(6)]
    for firm in firms:
        population.resubmit(firm, choice="best", year=2026)
    population(year=2026, choice="worst")  # the one firm the change would be made of
    snapshot()
    association = make_staff("association", industries=["C17"])
    first, second = by_year(client, association).get_json()["years"]
    # Not even the year's own figures: read by ?year=, they would give the change as well.
    assert not first["suppressed"] and second["suppressed"]
    assert second["change"] is None


def test_a_year_is_its_assessments_year_not_the_year_it_was_sent(
    client, population, snapshot, make_staff, aggregates, result_of
):
    """A 2025 campaign's filings sent in January 2026 count in 2025 (design.md "Year")."""
    firms = [population(year=2025, filed=2026) for _ in range(6)]
    snapshot()
    association = make_staff("association", industries=["C17"])
    body = aggregates(association).get_json()
    assert body["filters"]["year"] == 2025 and body["total"]["n"] == 6
    assert aggregates(association, year=2026).get_json()["total"]["suppressed"]
    assert [row["year"] for row in by_year(client, association).get_json()["years"]] == [2025]
    regulator = make_staff("regulator", jurisdiction="130100")
    live = aggregates(regulator, live=True).get_json()
    assert live["filters"]["year"] == 2025 and live["total"]["n"] == 6
    # The enterprise's own result compares it with its assessment's year too.
    assert result_of(firms[0])["benchmark"]["n"] == 6


def test_reading_each_year_and_subtracting_gives_no_newcomer_away(
    client, population, snapshot, make_staff, aggregates
):
    """The attack: the same six towel makers of 石家庄 file the same answers in 2025 and 2026,
    and one more joins in 2026; 7 × mean(2026) − 6 × mean(2025) would be the newcomer's score,
    and a share's count its answer. Around them (唐山's towels, both cities' garment makers) every
    firm was replaced, so the province is shown both years and might be subtracted from."""
    then, now = {}, {}
    for _ in range(6):
        firm = population(year=2025, industry="C1772", choice="middle")
        population.resubmit(firm, choice="middle", year=2026)
        then[firm] = now[firm] = Coord("130100", "C17", "small")
    newcomer = population(year=2026, industry="C1772", choice="worst")
    now[newcomer] = Coord("130100", "C17", "small")
    for region, industry in (("130200", "C1772"), ("130100", "C1810"), ("130200", "C1810")):
        for year, population_of in ((2025, then), (2026, now)):
            for _ in range(6):
                firm = population(year=year, region=region, industry=industry)
                population_of[firm] = Coord(region, industry[:3], "small")
    snapshot()
    admin = make_staff("admin")
    before = published_table(aggregates, admin, year=2025)
    after = published_table(aggregates, admin, year=2026)
    changed = moved(now, then)
    small = {key for key, count in changed.items() if count < K}
    assert CellKey("130100", "C17", "small") in small
    # Every cell the newcomer alone changed is withheld in 2026, though shown in 2025...
    assert all(not before[key]["suppressed"] for key in small)
    assert all(after[key]["suppressed"] for key in small)
    # ...and a box of replaced cells holds it below the province, which stays shown.
    assert not after[CellKey(ALL, ALL, ALL)]["suppressed"]
    # Solving every published sum of both years at once recovers no such cell's change.
    known = {
        key: after[key]["n"] - before[key]["n"]
        for key in changed
        if not after[key]["suppressed"] and not before[key]["suppressed"]
    }
    solved = recover(lines(set(changed)), known, set(changed) - set(known))
    assert not small & set(solved), solved


def test_a_small_year_is_hidden_and_has_no_change(client, population, snapshot, make_staff):
    for _ in range(6):
        population(year=2025)
    for _ in range(3):
        population(year=2026)
    snapshot()
    association = make_staff("association", industries=["C17"])
    first, second = by_year(client, association).get_json()["years"]
    assert not first["suppressed"]
    assert second == {"year": 2026, "suppressed": True, "change": None, "change_withheld": False}


def test_a_regulator_reads_its_jurisdiction_live_by_year(client, population, make_staff):
    firms = [population(year=2025, choice="worst") for _ in range(5)]
    for firm in firms:
        population.resubmit(firm, choice="best", year=2026)
    population(year=2026, region="130200")  # 唐山: outside 石家庄's figures
    regulator = make_staff("regulator", jurisdiction="130100")
    body = by_year(client, regulator, live=True).get_json()
    assert body["filters"]["region"] == "130100" and body["snapshot"]["live"] is True
    first, second = body["years"]
    assert first["n"] == second["n"] == 5
    assert set(first["maturity"]) == set(second["maturity"]) == {"1", "2", "3", "4", "5"}
    assert second["change"]["mean"] > 0
    outside = by_year(client, regulator, region="130200", live=True)
    assert outside.status_code == 403


def test_an_association_cannot_read_live_or_outside_its_industries(client, make_staff):
    association = make_staff("association", industries=["C17"])
    assert by_year(client, association, live=True).status_code == 403
    assert by_year(client, association, industry="C18").status_code == 403


def test_an_unknown_questionnaire_names_the_field(client, make_staff):
    regulator = make_staff("regulator", jurisdiction="130000")
    response = by_year(client, regulator, questionnaire="nope", live=True)
    assert response.status_code == 422
    assert "questionnaire" in response.get_json()["errors"]


def test_the_rule_allows_no_change_or_at_least_k_firms():
    assert change_allowed({1, 2, 3}, {1, 2, 3}, 5)
    assert not change_allowed({1, 2, 3}, {1, 2, 3, 4}, 5)
    assert not change_allowed({1, 2, 3, 4, 5, 6}, {1, 2}, 5)
    assert change_allowed({1, 2, 3}, {4, 5, 6}, 5)
