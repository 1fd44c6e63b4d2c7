"""Aggregates by year: each year's published total; a change only where no one firm makes it."""

from app.aggregates.read.years import change_allowed


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
    assert not first["suppressed"] and not second["suppressed"]
    assert second["change"] is None and second["change_withheld"] is True


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
