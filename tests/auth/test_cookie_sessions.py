"""Sign-in is a bearer token: no request opens, saves or sends a cookie session.

The one cookie is the browser's refresh token, set only by the auth endpoints on request
(tests/auth/test_refresh_cookie.py)."""

import flask
import pytest


def test_no_response_sets_a_cookie_or_varies_on_one(client, enterprise):
    response = client.get("/api/v1/me", headers=enterprise.headers)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers
    assert "cookie" not in response.vary


def test_writing_to_the_cookie_session_is_refused(app):
    with app.test_request_context(), pytest.raises(RuntimeError):
        flask.session["user"] = 1
