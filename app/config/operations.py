"""Running the service: logs, metrics, the workers' priority, the networks webhooks may reach."""

from ipaddress import ip_network

from app.config.values import ConfigError, read_int


def operations_settings(env, app_env: str) -> dict:
    """Logs, metrics, workers and webhooks' reach: running the service (docs/deployment.md)."""
    log_format = env.get("LOG_FORMAT") or ("json" if app_env == "production" else "text")
    if log_format not in ("json", "text"):
        raise ConfigError(f"LOG_FORMAT must be json or text, got {log_format!r}")
    networks = env.get("METRICS_ALLOWED_NETWORKS", "127.0.0.0/8,::1/128")
    try:
        allowed = [ip_network(n.strip(), strict=False) for n in networks.split(",") if n.strip()]
    except ValueError as exc:
        raise ConfigError(f"METRICS_ALLOWED_NETWORKS: {exc}") from exc
    webhook_networks = env.get("WEBHOOK_ALLOWED_NETWORKS", "")
    try:
        webhook_allowed = [
            ip_network(n.strip(), strict=False) for n in webhook_networks.split(",") if n.strip()
        ]
    except ValueError as exc:
        raise ConfigError(f"WEBHOOK_ALLOWED_NETWORKS: {exc}") from exc
    nice = read_int(env, "REPORT_WORKER_NICE", 10)
    if not 0 <= nice <= 19:
        raise ConfigError(f"REPORT_WORKER_NICE must be from 0 to 19, got {nice}")
    if read_int(env, "WORKER_METRICS_PORT", 0) and not env.get("PROMETHEUS_MULTIPROC_DIR"):
        # Jobs run in forked children: only the multiprocess files carry their metrics home.
        raise ConfigError("WORKER_METRICS_PORT needs PROMETHEUS_MULTIPROC_DIR")
    return {
        # Non-public networks webhooks may reach (app/webhooks/addresses.py); none by default.
        "WEBHOOK_ALLOWED_NETWORKS": webhook_allowed,
        # Attempts per delivery, the first retry's wait (doubling after), one attempt's timeout.
        "WEBHOOK_MAX_ATTEMPTS": read_int(env, "WEBHOOK_MAX_ATTEMPTS", 8),
        "WEBHOOK_RETRY_BASE_SECONDS": read_int(env, "WEBHOOK_RETRY_BASE_SECONDS", 60),
        "WEBHOOK_TIMEOUT_SECONDS": read_int(env, "WEBHOOK_TIMEOUT_SECONDS", 10),
        # How long a rotated-out secret still signs deliveries beside the new one.
        "WEBHOOK_SECRET_OVERLAP_HOURS": read_int(env, "WEBHOOK_SECRET_OVERLAP_HOURS", 24),
        "LOG_FORMAT": log_format,
        "METRICS_ALLOWED_NETWORKS": allowed,
        "METRICS_TOKEN": env.get("METRICS_TOKEN") or None,
        # Read by prometheus_client itself at import; kept here so it is checked and documented.
        "PROMETHEUS_MULTIPROC_DIR": env.get("PROMETHEUS_MULTIPROC_DIR") or None,
        # The CPU priority (nice) the report and export workers run at: on a machine shared with
        # the web, renders yield to requests during a burst (docs/performance.md); 0: as is.
        "REPORT_WORKER_NICE": nice,
        "WORKER_METRICS_PORT": read_int(env, "WORKER_METRICS_PORT", 0),
        "WORKER_METRICS_ADDRESS": env.get("WORKER_METRICS_ADDRESS", "127.0.0.1"),
    }
