"""Populations of enterprises with submitted assessments, and snapshots taken with the CLI."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from tests.fixtures.answering import complete_answers
from tests.fixtures.data import PASSWORD, new_uscc


@pytest.fixture
def population(app, definition):
    """add(**where) -> enterprise id, with a submitted assessment; resubmit(id, choice)."""
    from app.assessments.models import Assessment, Submission
    from app.assessments.service import create_assessment, submit_assessment
    from app.auth.models import Enterprise, User
    from app.auth.service import register_enterprise
    from app.db import db

    def submit(enterprise_id, questionnaire, choice, year, answers=None):
        enterprise = db.session.get(Enterprise, enterprise_id)
        user = db.session.scalar(select(User).where(User.enterprise_id == enterprise_id))
        facts = {"industry": enterprise.industry, "size": enterprise.size}
        assessment, _ = create_assessment(
            enterprise=enterprise, questionnaire_key=questionnaire, actor=user
        )
        filled = complete_answers(definition(questionnaire), facts, choice)
        assessment.answers = {**filled, **(answers or {})}
        db.session.flush()
        submission = submit_assessment(assessment=assessment, actor=user)
        if year is not None:
            moment = datetime(year, 6, 1, 4, submission.id % 60, tzinfo=UTC)
            db.session.execute(
                update(Submission).where(Submission.id == submission.id).values(submitted_at=moment)
            )
            db.session.execute(
                update(Assessment)
                .where(Assessment.id == assessment.id)
                .values(submitted_at=moment)
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
        db.session.commit()
        submit(enterprise.id, questionnaire, choice, year, answers)
        return enterprise.id

    def resubmit(enterprise_id, choice="worst", questionnaire="quality", year=None, answers=None):
        return submit(enterprise_id, questionnaire, choice, year, answers)

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
