"""Redis and the names of the RQ queues the workers serve (app/jobs, docs/jobs.md)."""


def queue_settings(env) -> dict:
    return {
        "REDIS_URL": env.get("REDIS_URL") or None,
        "REPORT_QUEUE": env.get("REPORT_QUEUE") or "reports",
        # The report worker serves the exports' queue too (docs/exports.md).
        "EXPORT_QUEUE": env.get("EXPORT_QUEUE") or "exports",
        "MAIL_QUEUE": env.get("MAIL_QUEUE") or "mail",
        "WEBHOOK_QUEUE": env.get("WEBHOOK_QUEUE") or "webhooks",
    }
