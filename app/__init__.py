"""The application factory."""

from pathlib import Path

from flask import Flask

from app.config import load_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: config → observability → db → errors → api → blueprints → listeners →
    limits → CLI."""
    app = Flask(__name__, instance_path=str(ROOT / "instance"))
    app.config.update(load_config(instance_path=Path(app.instance_path)))
    app.config.update(test_config or {})
    app.json.ensure_ascii = False
    register_extensions(app)
    register_blueprints(app)
    register_listeners(app)
    register_limits(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from app import api, auth, compression, db, errors, headers, i18n, jsonbody, observability

    observability.init_app(app)  # logging, and the request id before any other hook
    compression.init_app(app)
    db.init_app(app)
    auth.init_app(app)
    i18n.init_app(app)
    api.init_app(app)
    errors.init_app(app)
    jsonbody.init_app(app)  # after errors' 415 check: only a JSON body is parsed
    headers.init_app(app)  # registered after compression, so it runs before: it reads the body


def register_blueprints(app: Flask) -> None:
    from app.accounts import reset_routes  # noqa: F401  (adds the reset routes to accounts' blp)
    from app.accounts.routes import blp as accounts
    from app.aggregates.routes import blp as aggregates
    from app.api import api
    from app.assessments.routes import blp as assessments
    from app.audit.routes import blp as audit_log
    from app.auth import audit
    from app.auth.identity_routes import blp as identity
    from app.auth.routes import blp as auth
    from app.campaigns import init_app as campaigns_init
    from app.campaigns.letter_routes import letters_blp as campaign_letters
    from app.campaigns.routes import blp as campaigns
    from app.dashboard.routes import blp as dashboard
    from app.evidence.routes import blp as evidence
    from app.exports.routes import blp as exports
    from app.health.routes import blp as health
    from app.notifications.routes import blp as notifications
    from app.notifications.routes import reminders_blp as reminders
    from app.profiles.routes import blp as profiles
    from app.questionnaires.admin_routes import blp as questionnaire_versions
    from app.questionnaires.routes import blp as questionnaires
    from app.reference.routes import blp as reference
    from app.reports.routes import blp as reports
    from app.review.routes import blp as review
    from app.web.routes import blp as web
    from app.webhooks.routes import blp as webhooks

    api.register_blueprint(health)
    api.register_blueprint(auth)
    api.register_blueprint(identity)
    api.register_blueprint(accounts)
    api.register_blueprint(questionnaires)
    api.register_blueprint(questionnaire_versions)
    api.register_blueprint(reference)
    api.register_blueprint(profiles)
    api.register_blueprint(assessments)
    api.register_blueprint(reports)
    api.register_blueprint(review)
    api.register_blueprint(evidence)
    api.register_blueprint(campaigns)
    api.register_blueprint(campaign_letters)
    api.register_blueprint(dashboard)
    campaigns_init(app)  # drafts and submissions follow the campaigns' rules
    api.register_blueprint(reminders)
    api.register_blueprint(notifications)
    api.register_blueprint(audit_log)
    api.register_blueprint(aggregates)
    api.register_blueprint(exports)
    api.register_blueprint(webhooks)
    audit.init_app(app)  # reads, refusals and sessions → the audit log
    # The web client is not part of the API: a plain blueprint, kept out of the OpenAPI document.
    app.register_blueprint(web)


def register_listeners(app: Flask) -> None:
    """The telling floor hears what the domains announce (app/signals.py): webhooks first."""
    from app import notifications, webhooks

    webhooks.init_app(app)
    notifications.init_app(app)


def register_limits(app: Flask) -> None:
    """Proxy hops and rate limits; after the blueprints, whose views the limits wrap."""
    from app.auth import limits

    limits.init_app(app)


def register_commands(app: Flask) -> None:
    from app import aggregates, jobs, schedule
    from app.accounts.cli import users_cli
    from app.auth.cli import service_tokens_cli
    from app.demo import demo_cli
    from app.questionnaires.cli import questionnaires_cli
    from app.reports.cli import reports_cli

    app.cli.add_command(questionnaires_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(service_tokens_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(reports_cli)
    aggregates.init_app(app)
    jobs.init_app(app)
    schedule.init_app(app)  # what `flask jobs run-scheduled` runs
