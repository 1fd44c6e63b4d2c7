"""aggregate members: a covering index per coarse level of the cube, ending with the score

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-06 18:30:00
"""

from alembic import op

# The lead re-chains this after the other branches' migrations.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# As app/aggregates/models.py's COARSE_LEVELS, written out: a migration does not change with
# the models.
COARSE_LEVELS = (
    ("region", "division"),
    ("region", "section", "size"),
    ("region", "section"),
    ("region", "size"),
    ("region",),
    ("division", "size"),
    ("division",),
    ("section", "size"),
    ("section",),
    ("size",),
    (),
)


def name(columns):
    return "ix_aggregate_members_by_" + ("_".join(columns) or "province")


def upgrade():
    with op.batch_alter_table("aggregate_members", schema=None) as batch_op:
        for columns in COARSE_LEVELS:
            batch_op.create_index(
                name(columns),
                ["questionnaire_key", "year", *columns, "overall_tenths", "maturity_level"],
                unique=False,
            )


def downgrade():
    with op.batch_alter_table("aggregate_members", schema=None) as batch_op:
        for columns in COARSE_LEVELS:
            batch_op.drop_index(name(columns))
