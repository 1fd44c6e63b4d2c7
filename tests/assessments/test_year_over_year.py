"""Year-over-year progress: the earlier year's submission, changes, closed recommendations."""

from sqlalchemy import update

from app.assessments.models import Assessment, Submission
from app.assessments.yearly import compare_results
from app.db import db
from tests.fixtures.answering import complete_answers


def file(actor, definition, choice: str, year: int) -> dict:
    """Fill and submit the quality questionnaire, then file it under `year`."""
    draft = actor.fill("quality", complete_answers(definition("quality"), actor.facts, choice))
    submitted = actor.submit(draft)
    db.session.execute(update(Assessment).where(Assessment.id == submitted["id"]).values(year=year))
    db.session.commit()
    return submitted


def yoy(client, actor, assessment_id: int, lang: str = "zh"):
    return client.get(
        f"/api/v1/assessments/{assessment_id}/year-over-year",
        headers={**actor.headers, "Accept-Language": lang},
    )


def test_a_first_year_has_nothing_to_compare_and_says_why(client, enterprise, definition):
    only = file(enterprise, definition, "worst", 2026)
    body = yoy(client, enterprise, only["id"], "en").get_json()
    assert body["previous"] is None
    assert body["reason"]["code"] == "no_previous_year"
    assert "earlier year" in body["reason"]["message"]


def test_progress_shows_the_change_per_dimension_and_the_closed_recommendations(
    client, enterprise, definition
):
    before = file(enterprise, definition, "worst", 2025)
    after = file(enterprise, definition, "best", 2026)
    response = yoy(client, enterprise, after["id"])
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["year"] == 2026
    assert body["previous"]["assessment_id"] == before["id"]
    assert body["previous"]["year"] == 2025
    assert body["overall"]["current"] == 100
    assert body["overall"]["change"] == round(100 - before["result"]["overall"], 1)
    assert body["maturity"]["change"] == 5 - before["result"]["maturity"]["level"]
    for row in body["dimensions"]:
        assert row["change"] > 0 and row["current"] == 100
    assert body["scoring_model_changed"] is False and body["questionnaire_changed"] is False
    # Everything asked last year and answered at its best now is closed.
    last_year = {r["question"] for r in before["result"]["recommendations"]}
    closed = {r["question"] for r in body["closed_recommendations"]}
    gone = {r["question"] for r in body["not_comparable_recommendations"]}
    assert closed | gone == last_year and closed and not body["open_recommendations"]
    assert all("\u4e00" <= r["text"][0] <= "\u9fff" for r in body["closed_recommendations"])


def test_the_latest_earlier_year_is_compared_never_a_later_one(client, enterprise, definition):
    file(enterprise, definition, "worst", 2023)
    middle = file(enterprise, definition, "middle", 2024)
    current = file(enterprise, definition, "best", 2025)
    file(enterprise, definition, "worst", 2026)
    body = yoy(client, enterprise, current["id"]).get_json()
    assert body["previous"]["assessment_id"] == middle["id"]
    assert body["previous"]["year"] == 2024


def test_a_returned_assessment_of_last_year_is_not_compared(client, enterprise, definition):
    returned = file(enterprise, definition, "worst", 2025)
    current = file(enterprise, definition, "best", 2026)
    # Returned after the next year's was filed: its answers are no longer what it claims.
    db.session.execute(
        update(Assessment).where(Assessment.id == returned["id"]).values(status="returned")
    )
    db.session.commit()
    body = yoy(client, enterprise, current["id"]).get_json()
    assert body["previous"] is None


def test_only_the_enterprise_and_its_regulators_see_it(
    client, enterprise, definition, make_enterprise, make_staff
):
    file(enterprise, definition, "worst", 2025)
    current = file(enterprise, definition, "best", 2026)
    url = f"/api/v1/assessments/{current['id']}/year-over-year"
    regulator = make_staff("regulator", jurisdiction="130100")
    outsider = make_staff("regulator", jurisdiction="130600")
    other = make_enterprise(division="130200")
    association = make_staff("association", industries=["C17"])
    assert client.get(url, headers=regulator.headers).get_json()["previous"] is not None
    assert client.get(url, headers=outsider.headers).status_code == 404
    assert client.get(url, headers=other.headers).status_code == 404
    assert client.get(url, headers=association.headers).status_code == 403


def test_a_draft_never_submitted_has_no_comparison(client, enterprise):
    draft = enterprise.create("quality")
    assert yoy(client, enterprise, draft["id"]).status_code == 404


def test_a_bad_revision_names_the_field(client, enterprise, definition):
    current = file(enterprise, definition, "best", 2026)
    response = client.get(
        f"/api/v1/assessments/{current['id']}/year-over-year?revision=x",
        headers=enterprise.headers,
    )
    assert response.status_code == 422
    assert "revision" in str(response.get_json()["errors"])


def _result(overall, dims, recs, trace, level=3):
    return {
        "overall": overall,
        "maturity": {"level": level},
        "dimensions": [{"key": k, "title": k, "score": v} for k, v in dims.items()],
        "recommendations": [
            {"question": q, "question_text": q, "text": f"do {q}", "clause": ["一（一）"]}
            for q in recs
        ],
        "trace": [{"question": q, "status": s} for q, s in trace.items()],
    }


def test_compare_by_question_id_across_versions():
    previous = _result(
        40, {"a": 30, "b": 50, "gone": 10}, ["q1", "q1", "q2", "q3", "q4"], {}, level=2
    )
    current = _result(
        55.55,
        {"a": 60, "b": 45, "new": 70},
        ["q2"],
        {"q1": "answered", "q2": "answered", "q3": "hidden"},  # q4: not in this version
    )
    body = compare_results(current, previous)
    assert body["overall"] == {"current": 55.55, "previous": 40, "change": 15.6}
    assert body["maturity"] == {"current": 3, "previous": 2, "change": 1}
    changes = {d["key"]: d["change"] for d in body["dimensions"]}
    assert changes == {"a": 30, "b": -5, "new": None}
    assert [r["question"] for r in body["closed_recommendations"]] == ["q1"]
    assert [r["question"] for r in body["open_recommendations"]] == ["q2"]
    assert [r["question"] for r in body["not_comparable_recommendations"]] == ["q3", "q4"]


def test_a_change_of_scoring_model_is_said(client, enterprise, definition):
    before = file(enterprise, definition, "worst", 2025)
    db.session.execute(
        update(Submission).where(Submission.assessment_id == before["id"]).values(scoring_model=1)
    )
    db.session.commit()
    current = file(enterprise, definition, "best", 2026)
    body = yoy(client, enterprise, current["id"]).get_json()
    assert body["scoring_model_changed"] is True
    assert body["previous"]["scoring_model"] == 1
