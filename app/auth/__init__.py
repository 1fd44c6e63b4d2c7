"""Accounts, sessions and the authorization policy."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Configure sessions (flask-jwt-extended) and their problem+json refusals."""
    from app.auth import tokens

    tokens.init_app(app)
