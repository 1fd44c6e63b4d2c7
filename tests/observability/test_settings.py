"""The settings of durability, logs and metrics: defaults, and refusals of bad values."""

from ipaddress import ip_address

import pytest

from app.config import ConfigError, load_config

PRODUCTION = {
    "APP_ENV": "production",
    "SECRET_KEY": "k3Jx9QzP0vLm2Rt7Yw4Nb8Hc5Gd1Fs6A",
    "JWT_SECRET_KEY": "j7Rd2Mx9Qa4Wz1Ek8Tn5Hb3Vc6Yp0Lu-jwt",
    "PUBLIC_BASE_URL": "https://zlzp.example.gov.cn",
    "ALLOW_SQLITE_IN_PRODUCTION": "1",
}


def config(tmp_path, **env):
    return load_config(env, instance_path=tmp_path)


def test_draft_saves_are_durable_unless_the_operator_opts_out(tmp_path):
    assert config(tmp_path)["DRAFT_SAVE_ASYNC_COMMIT"] is False
    assert config(tmp_path, DRAFT_SAVE_ASYNC_COMMIT="1")["DRAFT_SAVE_ASYNC_COMMIT"] is True


def test_logs_are_json_in_production_and_text_elsewhere_by_default(tmp_path):
    assert config(tmp_path, **PRODUCTION)["LOG_FORMAT"] == "json"
    assert config(tmp_path)["LOG_FORMAT"] == "text"
    assert config(tmp_path, **PRODUCTION, LOG_FORMAT="text")["LOG_FORMAT"] == "text"


def test_an_unknown_log_format_is_refused_by_name(tmp_path):
    with pytest.raises(ConfigError, match="LOG_FORMAT"):
        config(tmp_path, LOG_FORMAT="xml")


def test_metrics_networks_default_to_loopback_and_bad_ones_are_refused(tmp_path):
    networks = config(tmp_path)["METRICS_ALLOWED_NETWORKS"]
    assert any(ip_address("127.0.0.1") in n for n in networks)
    assert any(ip_address("::1") in n for n in networks)
    assert not any(ip_address("10.0.0.1") in n for n in networks)
    assert config(tmp_path, METRICS_ALLOWED_NETWORKS="")["METRICS_ALLOWED_NETWORKS"] == []
    with pytest.raises(ConfigError, match="METRICS_ALLOWED_NETWORKS"):
        config(tmp_path, METRICS_ALLOWED_NETWORKS="10.0.0.0/8,not-a-network")


def test_a_worker_metrics_port_without_the_multiprocess_directory_is_refused(tmp_path):
    with pytest.raises(ConfigError, match="PROMETHEUS_MULTIPROC_DIR"):
        config(tmp_path, WORKER_METRICS_PORT="9101")
    ready = config(tmp_path, WORKER_METRICS_PORT="9101", PROMETHEUS_MULTIPROC_DIR=str(tmp_path))
    assert ready["WORKER_METRICS_PORT"] == 9101
