"""Populations of enterprises with submitted assessments, and snapshots taken with the CLI."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from app.questionnaires.conditions import visible_questions
from app.questionnaires.definition import question_map
from tests.fixtures.answering import value_for
from tests.fixtures.data import PASSWORD, mark_verified, new_uscc


def fill(definition: dict, facts: dict, choice: str, given: dict) -> dict:
    """Answer every shown question as choice says, except those given."""
    by_id = question_map(definition)
    answers = dict(given)
    while shown := [q for q in visible_questions(definition, answers, facts) if q not in answers]:
        for question_id in shown:
            answers[question_id] = value_for(by_id[question_id], choice)
    visible = visible_questions(definition, answers, facts)
    return {q: v for q, v in answers.items() if q in visible}


@pytest.fixture
def population(app, definition):
    """add(**where) -> enterprise id, with a submitted assessment; resubmit(id, choice)."""
    from app.assessments.models import Assessment, Submission
    from app.assessments.service import create_assessment
    from app.assessments.submissions import submit_assessment
    from app.auth.models import Enterprise, User
    from app.auth.service import register_enterprise
    from app.db import db
    from tests.fixtures.actors import facts as actor_facts
    from tests.fixtures.actors import give_profile

    def submit(enterprise_id, questionnaire, choice, year, answers=None, filed=None):
        """year: the assessment's year; filed: the calendar year it was submitted in (year's)."""
        enterprise = db.session.get(Enterprise, enterprise_id)
        user = db.session.scalar(select(User).where(User.enterprise_id == enterprise_id))
        facts = actor_facts(enterprise.industry, enterprise.size)  # with COMPLETE_PROFILE
        assessment, _ = create_assessment(
            enterprise=enterprise, questionnaire_key=questionnaire, actor=user
        )
        assessment.answers = fill(definition(questionnaire), facts, choice, answers or {})
        db.session.flush()
        submission = submit_assessment(assessment=assessment, actor=user)
        if year is not None:
            moment = datetime(filed or year, 6, 1, 4, submission.id % 60, tzinfo=UTC)
            db.session.execute(
                update(Submission).where(Submission.id == submission.id).values(submitted_at=moment)
            )
            db.session.execute(
                update(Assessment)
                .where(Assessment.id == assessment.id)
                .values(submitted_at=moment, year=year)
            )
        db.session.commit()
        return submission.id

    def add(
        region="130100",
        industry="C1772",
        size="small",
        choice="best",
        questionnaire="quality",
        year=None,
        answers=None,
        verified=True,
        filed=None,
    ) -> int:
        enterprise = register_enterprise(
            uscc=new_uscc(region),
            name="测试企业有限公司",
            password=PASSWORD,
            industry=industry,
            size=size,
            contact_name="张三",
            contact_phone="13800138000",
        )
        if verified:
            mark_verified(enterprise)
        db.session.commit()
        give_profile(
            enterprise.id,
            db.session.scalar(select(User).where(User.enterprise_id == enterprise.id)),
        )
        submit(enterprise.id, questionnaire, choice, year, answers, filed)
        return enterprise.id

    def resubmit(
        enterprise_id, choice="worst", questionnaire="quality", year=None, answers=None, filed=None
    ):
        return submit(enterprise_id, questionnaire, choice, year, answers, filed)

    add.resubmit = resubmit
    return add


@pytest.fixture
def snapshot(app):
    """Take a snapshot with `flask aggregates snapshot`; returns its output."""

    def take() -> str:
        result = app.test_cli_runner().invoke(args=["aggregates", "snapshot"])
        assert result.exit_code == 0, result.output
        return result.output

    return take


@pytest.fixture
def aggregates(client):
    """aggregates(actor, **params) -> the response of GET /aggregates."""

    def get(actor, **params):
        params.setdefault("questionnaire", "quality")
        query = {k: str(v).lower() if isinstance(v, bool) else v for k, v in params.items()}
        return client.get("/api/v1/aggregates", query_string=query, headers=actor.headers)

    return get


def figures(group: dict) -> dict:
    """A group without its key and label: what it says about the enterprises."""
    return {k: v for k, v in group.items() if k not in ("key", "label")}


@pytest.fixture
def result_of(app, client, issue_tokens):
    """result_of(enterprise_id) -> GET /assessments/{its latest}/result, as the enterprise."""
    from app.assessments.models import Assessment
    from app.auth.models import User
    from app.db import db

    def get(enterprise_id: int) -> dict:
        user = db.session.scalar(select(User).where(User.enterprise_id == enterprise_id))
        assessment_id = db.session.scalar(
            select(Assessment.id)
            .where(Assessment.enterprise_id == enterprise_id)
            .order_by(Assessment.id.desc())
        )
        token = issue_tokens(user)["access_token"]
        response = client.get(
            f"/api/v1/assessments/{assessment_id}/result",
            headers={"Authorization": f"Bearer {token}"},
        )
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return get
