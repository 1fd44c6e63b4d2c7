"""What two ways of writing the same population are compared by."""

from sqlalchemy import select, text

from app.assessments.models import Assessment, Submission
from app.auth.models import Enterprise
from app.db import db
from tests.conftest import SESSION_TABLES


def fingerprint() -> list[tuple]:
    """Every submission with its enterprise and assessment, in a stable order."""
    return sorted(
        db.session.execute(
            select(
                Enterprise.uscc,
                Enterprise.name,
                Enterprise.industry,
                Enterprise.size,
                Assessment.questionnaire_key,
                Assessment.status,
                Submission.revision,
                Submission.overall,
                Submission.maturity_level,
                Submission.submitted_at,
                Submission.decision,
                Submission.decision_comment,
                Submission.decided_at,
                Assessment.version,
                Assessment.revision,
            )
            .join(Assessment, Assessment.enterprise_id == Enterprise.id)
            .join(Submission, Submission.assessment_id == Assessment.id)
        ).all()
    )


def empty_database() -> None:
    """Delete every row, as tests/conftest.py does after a test (past append-only triggers)."""
    db.session.commit()
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL session_replication_role = replica"))
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in SESSION_TABLES:
                conn.execute(table.delete())
