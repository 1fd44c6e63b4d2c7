"""Fixtures of the notification tests: a company that files, regulators, a review."""

import pytest

from tests.campaigns.conftest import make_campaign, upload  # noqa: F401  (fixtures)
from tests.fixtures.answering import complete_answers


@pytest.fixture
def regulators(make_staff):
    """Regulators of the province, 石家庄 (130100, the company's city) and 保定 (130600)."""
    return {
        "province": make_staff("regulator", jurisdiction="130000"),
        "city": make_staff("regulator", jurisdiction="130100"),
        "other_city": make_staff("regulator", jurisdiction="130600"),
    }


def file_assessment(company, definition, questionnaire="brand", key=None) -> dict:
    """A complete draft of the questionnaire, submitted: the submitted assessment."""
    answers = complete_answers(definition(questionnaire), company.facts)
    return company.submit(company.fill(questionnaire, answers), key=key)


def decide(client, regulator, assessment_id, decision, comment=None) -> dict:
    """The regulator's decision through the API: the response's body."""
    body = {"decision": decision, **({"comment": comment} if comment else {})}
    response = client.post(
        f"/api/v1/assessments/{assessment_id}/review", json=body, headers=regulator.headers
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.fixture
def filed(definition):
    """filed(company, questionnaire="brand", key=None) -> the submitted assessment."""
    return lambda company, questionnaire="brand", key=None: file_assessment(
        company, definition, questionnaire, key
    )


@pytest.fixture
def review(client):
    """review(regulator, assessment_id, decision, comment=None) -> the response's body."""
    return lambda *args, **kwargs: decide(client, *args, **kwargs)


@pytest.fixture
def inbox(client):
    """inbox(actor, lang="zh", **query) -> the body of GET /api/v1/notifications."""

    def read(actor, lang="zh", **query):
        response = client.get(
            "/api/v1/notifications",
            query_string=query,
            headers={**actor.headers, "Accept-Language": lang},
        )
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return read
