"""app/config: what production refuses to start with, and what each refusal says to set."""

import pytest

from app.config import ConfigError, load_config

STRONG = "k3Jx9QzP0vLm2Rt7Yw4Nb8Hc5Gd1Fs6A"
PRODUCTION = {
    "APP_ENV": "production",
    "SECRET_KEY": "s4Tq8Wm1Zx7Kc3Vb9Nh2Jd6Lf0Pr5Gy-secret",
    "JWT_SECRET_KEY": "j7Rd2Mx9Qa4Wz1Ek8Tn5Hb3Vc6Yp0Lu-jwt-key",
    "DATABASE_URL": "postgresql://quality@db.internal/quality",
    "PUBLIC_BASE_URL": "https://zlzp.example.gov.cn",
}


def refusal(env, tmp_path) -> str:
    with pytest.raises(ConfigError) as raised:
        load_config(env, instance_path=tmp_path)
    return str(raised.value)


def test_production_with_every_setting_given_starts(tmp_path):
    config = load_config(PRODUCTION, instance_path=tmp_path)
    assert config["PUBLIC_BASE_URL"] == "https://zlzp.example.gov.cn"
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
    assert not (tmp_path / "secrets.json").exists()


def test_production_refuses_to_start_without_public_base_url(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "PUBLIC_BASE_URL"}
    assert "set PUBLIC_BASE_URL" in refusal(env, tmp_path)


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:5000", "https://localhost", "http://zlzp.example.gov.cn", "zlzp.gov.cn"],
)
def test_production_refuses_a_base_url_that_is_local_or_not_https(tmp_path, url):
    assert "PUBLIC_BASE_URL must be the public https://" in refusal(
        {**PRODUCTION, "PUBLIC_BASE_URL": url}, tmp_path
    )


def test_the_base_url_loses_its_trailing_slash(tmp_path):
    env = {**PRODUCTION, "PUBLIC_BASE_URL": "https://zlzp.example.gov.cn/"}
    assert load_config(env, instance_path=tmp_path)["PUBLIC_BASE_URL"].endswith(".gov.cn")


def test_production_refuses_sqlite_unless_allowed(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "DATABASE_URL"}
    message = refusal(env, tmp_path)
    assert "set DATABASE_URL to PostgreSQL" in message
    assert "ALLOW_SQLITE_IN_PRODUCTION=1" in message
    allowed = load_config({**env, "ALLOW_SQLITE_IN_PRODUCTION": "1"}, instance_path=tmp_path)
    assert allowed["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")


def test_production_refuses_generated_keys_unless_allowed(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k not in ("SECRET_KEY", "JWT_SECRET_KEY")}
    message = refusal(env, tmp_path)
    assert "set SECRET_KEY" in message and "set JWT_SECRET_KEY" in message
    assert not (tmp_path / "secrets.json").exists()
    allowed = load_config(
        {**env, "ALLOW_GENERATED_KEYS_IN_PRODUCTION": "true"}, instance_path=tmp_path
    )
    assert len(allowed["SECRET_KEY"]) >= 32 and (tmp_path / "secrets.json").exists()


@pytest.mark.parametrize("name", ["SECRET_KEY", "JWT_SECRET_KEY"])
def test_production_refuses_a_key_shorter_than_32_bytes(tmp_path, name):
    message = refusal({**PRODUCTION, name: "k" * 31}, tmp_path)
    assert f"{name} is shorter than 32 bytes" in message
    # 11 Chinese characters are 33 bytes of UTF-8: bytes count, not characters.
    load_config({**PRODUCTION, name: "质量自评河北省贯彻实施纲"}, instance_path=tmp_path)


@pytest.mark.parametrize("key", ["changeme" * 4, "a" * 64, "01" * 32])
def test_production_refuses_a_placeholder_key(tmp_path, key):
    message = refusal({**PRODUCTION, "JWT_SECRET_KEY": key}, tmp_path)
    assert "JWT_SECRET_KEY looks like a placeholder" in message


def test_production_refuses_one_key_for_both_purposes(tmp_path):
    env = {**PRODUCTION, "SECRET_KEY": STRONG, "JWT_SECRET_KEY": STRONG}
    assert "set two different keys" in refusal(env, tmp_path)


def test_production_names_every_problem_at_once(tmp_path):
    message = refusal({"APP_ENV": "production", "SECRET_KEY": "short"}, tmp_path)
    for expected in ("SECRET_KEY is shorter", "set JWT_SECRET_KEY", "DATABASE_URL", "PUBLIC_BASE"):
        assert expected in message


def test_development_keeps_its_defaults(tmp_path):
    config = load_config({}, instance_path=tmp_path)
    assert config["PUBLIC_BASE_URL"] == "http://127.0.0.1:5000"
    assert config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert config["AGGREGATE_LAZY_SNAPSHOT"] is True


def test_the_lazy_snapshot_is_off_in_production_unless_turned_on(tmp_path):
    assert load_config(PRODUCTION, instance_path=tmp_path)["AGGREGATE_LAZY_SNAPSHOT"] is False
    env = {**PRODUCTION, "AGGREGATE_LAZY_SNAPSHOT": "1"}
    assert load_config(env, instance_path=tmp_path)["AGGREGATE_LAZY_SNAPSHOT"] is True


@pytest.mark.parametrize("raw", ["maybe", "2"])
def test_a_switch_that_is_neither_on_nor_off_is_refused(tmp_path, raw):
    message = refusal({"REPORT_RENDER_ON_SUBMIT": raw}, tmp_path)
    assert "REPORT_RENDER_ON_SUBMIT must be 1 or 0" in message


@pytest.mark.parametrize(("raw", "value"), [("0", False), ("no", False), ("On", True)])
def test_switches_read_the_usual_spellings(tmp_path, raw, value):
    config = load_config({"REPORT_RENDER_ON_SUBMIT": raw}, instance_path=tmp_path)
    assert config["REPORT_RENDER_ON_SUBMIT"] is value


def test_report_workers_run_at_nice_10_unless_told(tmp_path):
    assert load_config(PRODUCTION, instance_path=tmp_path)["REPORT_WORKER_NICE"] == 10
    told = load_config({**PRODUCTION, "REPORT_WORKER_NICE": "0"}, instance_path=tmp_path)
    assert told["REPORT_WORKER_NICE"] == 0


@pytest.mark.parametrize("raw", ["-5", "20", "low"])
def test_a_worker_niceness_outside_0_to_19_is_refused(tmp_path, raw):
    assert "REPORT_WORKER_NICE" in refusal({**PRODUCTION, "REPORT_WORKER_NICE": raw}, tmp_path)


def test_an_smtp_host_without_a_sender_address_is_refused(tmp_path):
    with pytest.raises(ConfigError) as raised:
        load_config({**PRODUCTION, "MAIL_SMTP_HOST": "smtp.example.gov.cn"}, instance_path=tmp_path)
    assert "MAIL_FROM" in str(raised.value)


def test_mail_is_off_by_default_and_reminders_come_7_and_2_days_before_the_close(tmp_path):
    config = load_config(PRODUCTION, instance_path=tmp_path)
    assert config["MAIL_SMTP_HOST"] is None
    assert config["MAIL_SMTP_STARTTLS"] is True and config["MAIL_SMTP_PORT"] == 587
    assert config["CAMPAIGN_REMINDER_DAYS"] == [7, 2]
    days = load_config({**PRODUCTION, "CAMPAIGN_REMINDER_DAYS": "1,14,1"}, instance_path=tmp_path)
    assert days["CAMPAIGN_REMINDER_DAYS"] == [14, 1]
