"""evidence: files on answers, frozen with submissions, verified by regulators

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 18:20:00
"""

from alembic import op
import sqlalchemy as sa

import app.db

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=64), nullable=False),
        sa.Column("upload_key", sa.String(length=128), nullable=True),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("received_sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=200), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("uploaded_by", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", app.db.UtcDateTime(timezone=True), nullable=False),
        sa.Column("first_revision", sa.Integer(), nullable=True),
        sa.Column("removed_revision", sa.Integer(), nullable=True),
        sa.Column("verification", sa.String(length=16), nullable=False),
        sa.Column("verification_reason", sa.Text(), nullable=True),
        sa.Column("verified_by", sa.Integer(), nullable=True),
        sa.Column("verified_at", app.db.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_evidence_files_assessment_id_assessments"),
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"], ["users.id"], name=op.f("fk_evidence_files_uploaded_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["verified_by"], ["users.id"], name=op.f("fk_evidence_files_verified_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
        sa.UniqueConstraint(
            "assessment_id", "upload_key", name=op.f("uq_evidence_files_assessment_id_upload_key")
        ),
    )
    op.create_index(
        "ix_evidence_files_assessment_question",
        "evidence_files",
        ["assessment_id", "question_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_evidence_files_assessment_question", table_name="evidence_files")
    op.drop_table("evidence_files")
