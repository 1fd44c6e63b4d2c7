"""Accounts, sessions and the authorization policy."""

from flask import Flask
from flask.sessions import SessionInterface


class NoCookieSessions(SessionInterface):
    """Sign-in is a bearer token, never a cookie: no request opens or saves a cookie session.

    Flask's default would build a signing serializer for every request (SECRET_KEY is set); a
    write to flask.session raises, as it does without a secret key.
    """

    def open_session(self, app, request):
        return None  # Flask then uses its null session

    def save_session(self, app, session, response):
        pass


def init_app(app: Flask) -> None:
    """Configure sessions (flask-jwt-extended) and their refusals; audit service-token calls."""
    from app.auth import service_tokens, tokens

    app.session_interface = NoCookieSessions()
    tokens.init_app(app)
    app.before_request(tokens.forget_caller)
    app.after_request(service_tokens.record_service_call)
