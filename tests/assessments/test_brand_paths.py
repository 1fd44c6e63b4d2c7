"""Through the API: a supplier without a consumer brand and an own-brand firm, at their best."""

import pytest

from app.questionnaires.conditions import visible_questions
from app.questionnaires.definition import question_map
from tests.fixtures.answering import value_for


def best_answers(definition: dict, facts: dict, business_model: str) -> dict:
    """The best answer to every shown question, on the chosen brand path."""
    by_id = question_map(definition)
    answers = {"business_model": business_model}
    while missing := [q for q in visible_questions(definition, answers, facts) if q not in answers]:
        for question_id in missing:
            answers[question_id] = value_for(by_id[question_id], "best")
    return {q: answers[q] for q in visible_questions(definition, answers, facts)}


@pytest.mark.parametrize("business_model", ["own_brand", "supplier"])
def test_both_brand_paths_reach_full_marks_and_level_5(make_enterprise, definition, business_model):
    # A car-parts maker: the supplier path is the one the review found losing points four times.
    company = make_enterprise("130600", "C3670", "small")
    answers = best_answers(definition("brand"), company.facts, business_model)
    body = company.submit(company.fill("brand", answers))
    result = body["result"]
    assert result["overall"] == 100
    assert result["maturity"]["level"] == 5
    trace = {t["question"]: t["status"] for t in result["trace"]}
    on_path = "supplier_rating" if business_model == "supplier" else "own_brand_share"
    off_path = "own_brand_share" if business_model == "supplier" else "supplier_rating"
    assert (trace[on_path], trace[off_path]) == ("answered", "hidden")
