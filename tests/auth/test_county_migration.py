"""The county migration (0023) derives the stored county of enterprises that exist already."""

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from app.db import alembic_config, upgrade_database

# (id, uscc, released_uscc, the county 0023 must derive)
ROWS = [
    (1, "91130102MA0000001X", None, "130102"),  # 长安区
    (2, "91130182MA0000002X", None, "130109"),  # 藁城市, now 藁城区
    (3, "91130721MA0000003X", None, "130705"),  # 宣化县, merged into 宣化区
    (4, "91130100MA0000004X", None, "130100"),  # the city's own code: kept
    (5, None, "91130104MA0000005X", "130104"),  # released: the code it had
    (6, "91110105MA0000006X", None, None),  # Beijing: no county
]


def _before_county(config) -> str:
    """The revision before the county migration, found by its file name (the lead renumbers)."""
    county = next(
        revision
        for revision in ScriptDirectory.from_config(config).walk_revisions()
        if revision.path.endswith("_enterprise_county.py")
    )
    return county.down_revision


def test_the_migration_derives_each_enterprises_county_and_indexes_it(empty_database_url):
    config = alembic_config(empty_database_url)
    upgrade_database(empty_database_url, _before_county(config))
    engine = create_engine(empty_database_url)
    with engine.begin() as connection:
        for row_id, uscc, released, _ in ROWS:
            connection.execute(
                text(
                    "INSERT INTO enterprises (id, uscc, released_uscc, name, region, industry,"
                    " size, contact_name, contact_phone, needs_attention, created_at,"
                    " verification) VALUES (:id, :uscc, :released, :name, '130100', 'C1772',"
                    " 'small', '张三', '13912345678', false, '2026-11-01 08:00:00+00:00',"
                    " 'unverified')"
                ),
                {"id": row_id, "uscc": uscc, "released": released, "name": f"企业{row_id}"},
            )
    command.upgrade(config, "head")
    with engine.connect() as connection:
        found = dict(connection.execute(text("SELECT id, county FROM enterprises")).all())
    indexes = {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("enterprises")}
    engine.dispose()
    assert found == {row_id: county for row_id, _, _, county in ROWS}
    assert indexes["ix_enterprises_county"] == ["county"]


def test_the_migration_goes_down_and_up_again(empty_database_url):
    config = alembic_config(empty_database_url)
    upgrade_database(empty_database_url)
    command.downgrade(config, _before_county(config))
    engine = create_engine(empty_database_url)
    columns = {column["name"] for column in inspect(engine).get_columns("enterprises")}
    engine.dispose()
    assert "county" not in columns
    command.upgrade(config, "head")
