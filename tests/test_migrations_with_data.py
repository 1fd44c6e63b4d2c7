"""Upgrades of a database that holds data: rebuilt tables keep their rows and references."""

import pytest
from sqlalchemy import create_engine, text

from app.db import upgrade_database

# A small realistic data set, valid from revision 0006 on (before submissions.scoring_model): an
# enterprise and its user, a regulator, an approved assessment with its submit event, the
# submission (decided by the regulator) and its report.
SMALL_DATA_SET = [
    "INSERT INTO questionnaire_versions (id, key, version, content_hash, definition, source_file,"
    " published_at) VALUES (1, 'brand', 1, 'h1', '{}', 'questionnaires/brand.yaml',"
    " '2026-11-01 08:00:00+00:00')",
    "INSERT INTO enterprises (id, uscc, name, region, industry, size, contact_name,"
    " contact_phone, contact_email, needs_attention, created_at) VALUES (1,"
    " '91130102MA0000000X', '迁移测试企业', '130102', 'C1772', 'small', '张三', '13912345678',"
    " NULL, false, '2026-11-01 08:00:00+00:00')",
    "INSERT INTO users (id, username, password_hash, role, display_name, enterprise_id,"
    " jurisdiction, industries, disabled, created_at) VALUES (1, '91130102MA0000000X', 'x',"
    " 'enterprise', '迁移测试企业', 1, NULL, NULL, false, '2026-11-01 08:00:00+00:00'),"
    " (2, 'regulator', 'x', 'regulator', '监管员', NULL, '130100', NULL, false,"
    " '2026-11-01 08:00:00+00:00')",
    "INSERT INTO assessments (id, enterprise_id, questionnaire_key, questionnaire_version_id,"
    " status, revision, version, answers, overall, maturity_level, red_flag_count, created_at,"
    " updated_at, submitted_at, decided_at) VALUES (1, 1, 'brand', 1, 'approved', 1, 3, '{}',"
    " 50.0, 3, 0, '2026-11-02 08:00:00+00:00', '2026-11-03 08:00:00+00:00',"
    " '2026-11-03 08:00:00+00:00', '2026-11-04 08:00:00+00:00')",
    "INSERT INTO assessment_events (id, assessment_id, actor_id, actor_role, action, revision,"
    " created_at) VALUES (1, 1, 1, 'enterprise', 'submit', 1, '2026-11-03 08:00:00+00:00')",
    "INSERT INTO submissions (id, assessment_id, revision, questionnaire_version_id, answers,"
    " facts, result, overall, maturity_level, has_red_flags, submitted_at, submitted_by,"
    " decision, decided_at, decided_by) VALUES (7, 1, 1, 1, '{}', '{}', '{}', 50.0, 3, false,"
    " '2026-11-03 08:00:00+00:00', 1, 'approved', '2026-11-04 08:00:00+00:00', 2)",
    "INSERT INTO reports (id, submission_id, lang, verification_code, status, attempts,"
    " created_at) VALUES (1, 7, 'zh', 'ABCD-EFGH-JKLM-NPQR', 'pending', 0,"
    " '2026-11-03 08:00:00+00:00')",
]

JOINED = text(
    "SELECT e.name, u.username, a.status, s.id, r.lang, d.username FROM submissions s"
    " JOIN assessments a ON a.id = s.assessment_id JOIN enterprises e ON e.id = a.enterprise_id"
    " JOIN users u ON u.enterprise_id = e.id AND u.id = s.submitted_by"
    " JOIN users d ON d.id = s.decided_by JOIN reports r ON r.submission_id = s.id"
)


def insert_small_data_set(url):
    """Write SMALL_DATA_SET with plain SQL, as the schema is at the revision the test chose."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for statement in SMALL_DATA_SET:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def test_upgrade_from_0009_with_data_keeps_rows_and_references(empty_database_url):
    upgrade_database(empty_database_url, "0009")
    insert_small_data_set(empty_database_url)
    # 0010 rebuilds enterprises on SQLite (batch copy and drop) while users and assessments
    # refer to it: with enforced foreign keys the drop was refused.
    upgrade_database(empty_database_url)
    engine = create_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(JOINED).all()
            events = conn.execute(text("SELECT assessment_id, actor_id FROM assessment_events"))
            verification = conn.execute(text("SELECT verification FROM enterprises")).scalar()
            if conn.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
                # Migrations turn foreign keys off on their own connection only.
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert events.all() == [(1, 1)]
    finally:
        engine.dispose()
    assert rows == [("迁移测试企业", "91130102MA0000000X", "approved", 7, "zh", "regulator")]
    assert verification == "unverified"


def test_upgrade_over_a_dangling_reference_fails_and_changes_nothing(empty_database_url):
    engine = create_engine(empty_database_url)
    upgrade_database(empty_database_url, "0009")
    insert_small_data_set(empty_database_url)
    try:
        with engine.begin() as conn:
            if conn.dialect.name != "sqlite":
                pytest.skip("PostgreSQL enforces every reference itself; the check is SQLite's")
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.execute(text("UPDATE reports SET submission_id = 99"))
        with pytest.raises(RuntimeError, match=r"1 rows refer to missing rows \(reports"):
            upgrade_database(empty_database_url)
        with engine.connect() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            tables = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
            tables = {name for (name,) in tables}
            columns = conn.exec_driver_sql("PRAGMA table_info(enterprises)").all()
    finally:
        engine.dispose()
    # The whole upgrade was one transaction: rolled back to 0009, no half-built table left.
    assert version == "0009"
    assert "profiles" not in tables and not any(name.startswith("_alembic") for name in tables)
    assert "verification" not in {column[1] for column in columns}


def test_submissions_frozen_before_the_scoring_model_column_are_model_1(empty_database_url):
    upgrade_database(empty_database_url, "0006")
    insert_small_data_set(empty_database_url)
    upgrade_database(empty_database_url)
    engine = create_engine(empty_database_url)
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT scoring_model, maturity_level FROM submissions"))
            assert row.one() == (1, 3)
    finally:
        engine.dispose()


def test_upgrade_after_a_batch_that_failed_before_the_fix_drops_its_empty_copy(empty_database_url):
    upgrade_database(empty_database_url, "0009")
    insert_small_data_set(empty_database_url)
    engine = create_engine(empty_database_url)
    try:
        with engine.begin() as conn:
            if conn.dialect.name != "sqlite":
                pytest.skip("batch copies tables on SQLite only")
            # What 0010 left on a SQLite database with data, when foreign keys refused its drop.
            conn.execute(text("CREATE TABLE _alembic_tmp_enterprises (id INTEGER NOT NULL)"))
        upgrade_database(empty_database_url)
        with engine.connect() as conn:
            tables = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
            tables = {name for (name,) in tables}
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            rows = conn.execute(JOINED).all()
    finally:
        engine.dispose()
    assert "_alembic_tmp_enterprises" not in tables
    assert version != "0009" and len(rows) == 1
