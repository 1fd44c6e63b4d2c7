"""What app/auth/tokens.py still takes from flask-jwt-extended, pinned so an upgrade fails here.

tokens.py issues tokens with the library's public create_access_token/create_refresh_token and
verifies them itself (PyJWT). It relies on (1) the claims those tokens carry, (2) the meaning of
the JWT_* settings, and (3) answering odd Authorization headers as the library did. Each test
below checks one against the library itself; the library's internals are read here, in a test,
never in the app. On an upgrade: run these, adjust tokens.py, then move the pin.
"""

from importlib.metadata import version

import pytest
from flask_jwt_extended import create_access_token, create_refresh_token

from app.auth.tokens import bearer_token, decoding_settings
from app.errors import ApiError

PINNED = "4.7.4"


def test_the_library_is_the_version_tokens_py_was_checked_against():
    assert version("Flask-JWT-Extended") == PINNED, (
        "Flask-JWT-Extended changed: check tests/auth/test_token_library.py and app/auth/tokens.py "
        "(claims, JWT_* settings, Authorization parsing), then update PINNED and requirements.txt"
    )


def test_our_verification_settings_are_the_librarys_reading_of_the_config(app):
    from flask_jwt_extended.config import config  # the library's own reading; tests only

    with app.test_request_context():
        ours = decoding_settings(app.config)
        assert ours.key == config.decode_key
        assert ours.arguments == {
            "algorithms": config.decode_algorithms,
            "audience": config.decode_audience,
            "issuer": config.decode_issuer,
            "leeway": config.leeway,
        }
        assert ours.options["verify_sub"] == config.verify_sub
        assert ours.identity_claim == config.identity_claim_key


def test_issued_tokens_carry_the_claims_we_read(app):
    from app.auth.tokens import _decode

    with app.test_request_context():
        access = _decode(create_access_token("7", additional_claims={"sid": "s", "role": "admin"}))
        refresh = _decode(create_refresh_token("7", additional_claims={"sid": "s"}))
    assert set(access) == {"sub", "type", "jti", "fresh", "iat", "exp", "sid", "role", "iss", "aud"}
    assert (access["sub"], access["type"], access["fresh"]) == ("7", "access", False)
    assert refresh["type"] == "refresh" and isinstance(refresh["jti"], str)
    assert "nbf" not in access and "csrf" not in access  # JWT_ENCODE_NBF off, headers only


HEADERS = [
    "",
    "Bearer",
    "Bearer  ",
    "Bearer abc",
    "  Bearer abc  ",
    "Bearer abc,",
    "Bearer abc def",
    "bearer abc",
    "Basic dXNlcg==",
    "Basic dXNlcg==, Bearer abc",
    "Bearer abc, Bearer def",
    "Token abc",
    ",",
]


@pytest.mark.parametrize("header", HEADERS)
def test_authorization_headers_are_read_as_the_library_reads_them(app, header):
    from flask_jwt_extended.exceptions import InvalidHeaderError, NoAuthorizationError
    from flask_jwt_extended.view_decorators import _decode_jwt_from_headers

    def outcome(read):
        with app.test_request_context(headers={"Authorization": header} if header else {}):
            try:
                return ("token", read())
            except (NoAuthorizationError, InvalidHeaderError) as error:
                return ("missing" if isinstance(error, NoAuthorizationError) else "invalid", None)
            except ApiError as error:
                # Missing: a bare challenge (TOKEN_MISSING); invalid: error="invalid_token".
                bare = error.extra_headers["WWW-Authenticate"] == "Bearer"
                return ("missing" if bare else "invalid", None)

    assert outcome(bearer_token) == outcome(lambda: _decode_jwt_from_headers()[0])
