"""Fixtures of the review tests: submitted assessments of enterprises anywhere in Hebei."""

import pytest

from tests.fixtures.actors import COMPLETE_PROFILE
from tests.fixtures.answering import complete_answers


@pytest.fixture
def submitted(make_enterprise, definition):
    """submitted(division, ...) -> (company, its submitted assessment as the submit returned it)."""

    def make(
        division="130100",
        *,
        industry="C1772",
        size="small",
        questionnaire="quality",
        choice="best",
        name=None,
        profile=None,
    ):
        if profile is None and choice == "worst":
            # The weakest firm states the three red lines its worst answers gave while they were
            # questionnaire options (they are profile facts now, docs/profile.md).
            profile = COMPLETE_PROFILE | {
                "dishonesty_list": "listed",
                "spot_check_failure": "unrectified",
                "major_accident": "major",
            }
        company = make_enterprise(division, industry, size, name=name, profile=profile)
        answers = complete_answers(definition(questionnaire), company.facts, choice)
        return company, company.submit(company.fill(questionnaire, answers))

    return make


@pytest.fixture
def regulators(make_staff):
    """Regulators of the province, 石家庄 (130100) and 唐山 (130200)."""
    return {
        "province": make_staff("regulator", jurisdiction="130000"),
        "shijiazhuang": make_staff("regulator", jurisdiction="130100"),
        "tangshan": make_staff("regulator", jurisdiction="130200"),
    }


def review(client, actor, assessment_id, **body):
    return client.post(
        f"/api/v1/assessments/{assessment_id}/review", json=body, headers=actor.headers
    )
