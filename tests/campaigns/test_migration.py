"""The campaigns migration (0017) gives earlier submissions the year of their first submission."""

from datetime import UTC, datetime

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from tests.conftest import CHEAP_PASSWORD_HASHING
from tests.fixtures.actors import COMPLETE_PROFILE, new_uscc
from tests.fixtures.answering import complete_answers


def test_campaigns_migration_derives_the_year_of_existing_submissions(empty_database_url, tmp_path):
    from app import create_app
    from app.assessments.service import create_assessment
    from app.assessments.submissions import submit_assessment
    from app.auth.service import register_enterprise
    from app.db import alembic_config, db, upgrade_database
    from app.profiles.service import save_profile
    from app.questionnaires.service import (
        latest_version,
        publish_questionnaire,
        questionnaire_files,
    )
    from tests.fixtures.data import enterprise_user

    upgrade_database(empty_database_url)
    other = create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": empty_database_url,
            "REPORT_DIR": str(tmp_path / "reports"),
            "REPORT_RENDER_ON_SUBMIT": False,
            "REDIS_URL": None,
            **CHEAP_PASSWORD_HASHING,
        }
    )
    with other.app_context():
        for path in questionnaire_files():
            publish_questionnaire(path=path)
        enterprise = register_enterprise(
            uscc=new_uscc("130102"),
            name="迁移测试企业",
            password="correct-horse-battery",
            industry="C1772",
            size="small",
            contact_name="张三",
            contact_phone="13912345678",
        )
        db.session.flush()
        user = enterprise_user(enterprise)
        save_profile(enterprise_id=enterprise.id, answers=COMPLETE_PROFILE, actor=user)
        assessment, _ = create_assessment(
            enterprise=enterprise, questionnaire_key="brand", actor=user
        )
        definition = latest_version(key="brand").definition
        assessment.answers = complete_answers(definition, {"industry": "C1772", "size": "small"})
        db.session.flush()
        submit_assessment(assessment=assessment, actor=user)
        # Submitted at 2024-12-31 20:00 UTC: already 2025 in Hebei.
        db.session.execute(
            text("UPDATE submissions SET submitted_at = :when"),
            {"when": datetime(2024, 12, 31, 20, 0, tzinfo=UTC)},
        )
        db.session.commit()
        assessment_id = assessment.id
        db.session.remove()
        db.engine.dispose()
    config = alembic_config(empty_database_url)
    # The campaigns migration, by its file name: the lead may renumber it.
    campaigns = next(
        revision
        for revision in ScriptDirectory.from_config(config).walk_revisions()
        if revision.path.endswith("_campaigns.py")
    )
    command.downgrade(config, campaigns.down_revision)
    command.upgrade(config, "head")
    with other.app_context():
        year = db.session.execute(
            text("SELECT year FROM assessments WHERE id = :id"), {"id": assessment_id}
        ).scalar()
        db.session.remove()
        db.engine.dispose()
    assert year == 2025
