"""enterprise county: the division code in the USCC, stored and indexed, derived for existing rows

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 00:10:00
"""

import sqlalchemy as sa
from alembic import op

from app.reference.codes import county_code, divisions

# The lead re-chains this after the other branches' migrations.
revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def _successors() -> dict[str, str]:
    """Old division codes and the county each names today (130182 藁城市 → 130109 藁城区)."""
    found = {}
    for entry in divisions():
        current = county_code(entry["code"])
        if current != entry["code"]:
            found[entry["code"]] = current
    return found


def upgrade() -> None:
    # The expression index of 0021 served the queue's substr() filter; the queue, the policy
    # and the dashboard now read the column, so the index moves to it (same name).
    op.drop_index("ix_enterprises_county", table_name="enterprises")
    with op.batch_alter_table("enterprises") as batch:
        batch.add_column(sa.Column("county", sa.String(length=6), nullable=True))
    # Characters 3–8 of the code the enterprise registered with (a released account keeps
    # the code it had), Hebei codes only, as app/reference/codes.py county_of_uscc does.
    code = "COALESCE(uscc, released_uscc)"
    op.execute(
        f"UPDATE enterprises SET county = substr({code}, 3, 6) "
        f"WHERE length({code}) = 18 AND substr({code}, 3, 2) = '13'"
    )
    update = sa.text("UPDATE enterprises SET county = :new WHERE county = :old")
    for old, new in _successors().items():
        op.get_bind().execute(update, {"old": old, "new": new})
    op.create_index("ix_enterprises_county", "enterprises", ["county"])


def downgrade() -> None:
    op.drop_index("ix_enterprises_county", table_name="enterprises")
    with op.batch_alter_table("enterprises") as batch:
        batch.drop_column("county")
    op.create_index("ix_enterprises_county", "enterprises", [sa.text("substr(uscc, 3, 6)")])
