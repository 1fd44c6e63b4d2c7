"""Email through SMTP (app/mail, docs/notifications.md), and the campaign reminders it sends."""

from app.config.values import ConfigError, read_bool, read_int, read_int_list


def mail_settings(env) -> dict:
    host = env.get("MAIL_SMTP_HOST") or None
    sender = env.get("MAIL_FROM") or None
    if host and not sender:
        raise ConfigError("MAIL_SMTP_HOST needs MAIL_FROM, the address emails are sent from")
    days = read_int_list(env, "CAMPAIGN_REMINDER_DAYS", [7, 2])
    if any(day < 0 for day in days):
        raise ConfigError(f"CAMPAIGN_REMINDER_DAYS must be days before the close, got {days}")
    return {
        "MAIL_SMTP_HOST": host,
        "MAIL_SMTP_PORT": read_int(env, "MAIL_SMTP_PORT", 587),
        # STARTTLS before signing in (port 587); off only for a relay on the same machine.
        "MAIL_SMTP_STARTTLS": read_bool(env, "MAIL_SMTP_STARTTLS", True),
        "MAIL_SMTP_USER": env.get("MAIL_SMTP_USER") or None,
        "MAIL_SMTP_PASSWORD": env.get("MAIL_SMTP_PASSWORD") or None,
        "MAIL_SMTP_TIMEOUT": read_int(env, "MAIL_SMTP_TIMEOUT", 20),
        "MAIL_FROM": sender,
        "MAIL_MAX_ATTEMPTS": read_int(env, "MAIL_MAX_ATTEMPTS", 5),
        # Days before a campaign's close on which the schedule reminds its non-responders.
        "CAMPAIGN_REMINDER_DAYS": sorted(set(days), reverse=True),
    }
