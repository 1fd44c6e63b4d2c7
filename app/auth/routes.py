"""Registration, sign-in, token refresh, sign-out, who am I; the admins' service tokens."""

from flask import Response, after_this_request, current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from app.api import response_headers
from app.auth import service, service_tokens
from app.auth.policy import allow, allow_anyone, current_principal
from app.auth.schemas import (
    EnterpriseSchema,
    LoginSchema,
    MeSchema,
    RegisterSchema,
    ServiceTokenCreateSchema,
    ServiceTokenIssuedSchema,
    ServiceTokenListSchema,
    TokenSchema,
)
from app.auth.service_tokens import service_token_repr
from app.auth.sessions import REFRESH_HEADER, clear_refresh_cookie, deliver
from app.auth.tokens import current_claims
from app.db import db

blp = Blueprint("auth", __name__, url_prefix="/api/v1", description="Accounts and sessions")


_COOKIE_HEADER = {
    "in": "header",
    "name": REFRESH_HEADER,
    "required": False,
    "schema": {"type": "string", "enum": ["1"]},
    "description": "Browsers: the refresh token travels in an HttpOnly cookie, not the JSON",
}


@blp.route("/auth/register")
class Register(MethodView):
    @allow_anyone
    @blp.arguments(RegisterSchema)
    @blp.response(201, EnterpriseSchema)
    @blp.alt_response(409, description="This USCC is already registered")
    @blp.alt_response(
        429,
        description="Too many registrations from this address; see Retry-After",
        headers=response_headers("Retry-After"),
    )
    @blp.doc(operationId="registerEnterprise")
    def post(self, body):
        """Register an enterprise; it then signs in with its USCC as the username."""
        enterprise = service.register_enterprise(**body)
        db.session.commit()
        return enterprise


@blp.route("/auth/login")
class Login(MethodView):
    @allow_anyone
    @blp.arguments(LoginSchema)
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, description="Wrong username or password (the same for both)")
    @blp.alt_response(
        429,
        description="Too many failed attempts; see Retry-After",
        headers=response_headers("Retry-After"),
    )
    @blp.doc(operationId="logIn", parameters=[_COOKIE_HEADER])
    def post(self, body):
        """Sign in: an access token (15 minutes) and a refresh token (see docs/accounts.md)."""
        tokens = service.sign_in(**body, address=request.remote_addr)
        db.session.commit()
        return deliver(tokens)


@blp.route("/auth/refresh")
class Refresh(MethodView):
    @allow(token="refresh")
    @blp.response(200, TokenSchema)
    @blp.alt_response(
        429,
        description="Too many refreshes; see Retry-After",
        headers=response_headers("Retry-After"),
    )
    @blp.doc(operationId="refreshToken", parameters=[_COOKIE_HEADER])
    def post(self):
        """Exchange a refresh token (header, or cookie with X-Refresh-Cookie) for new tokens."""
        tokens = service.rotate_tokens(user=current_principal(), claims=current_claims())
        db.session.commit()
        return deliver(tokens)


@blp.route("/auth/logout")
class Logout(MethodView):
    @allow(token="any")
    @blp.response(204)
    @blp.doc(operationId="logOut")
    def post(self):
        """Sign out: every token of this sign-in stops working (send either token)."""
        service.sign_out(claims=current_claims())
        db.session.commit()

        @after_this_request
        def _forget_cookie(response: Response) -> Response:
            clear_refresh_cookie(response)  # the browser's copy of the refresh token goes too
            return response


@blp.route("/me")
class Me(MethodView):
    @allow()
    @blp.response(200, MeSchema)
    @blp.doc(operationId="getMe")
    def get(self):
        """The signed-in user, with its enterprise, jurisdiction or industries."""
        return service.describe_user(user=current_principal())


@blp.route("/service-tokens")
class ServiceTokens(MethodView):
    @allow("admin")
    @blp.response(200, ServiceTokenListSchema)
    @blp.doc(operationId="listServiceTokens")
    def get(self):
        """Every service token, newest first; never the secrets."""
        return {"items": [service_token_repr(t) for t in service_tokens.list_service_tokens()]}

    @allow("admin")
    @blp.arguments(ServiceTokenCreateSchema)
    @blp.response(201, ServiceTokenIssuedSchema)
    @blp.alt_response(409, description="A service token of this name exists")
    @blp.doc(operationId="issueServiceToken")
    def post(self, body):
        """Issue a service token for an integration; its secret is in this response only."""
        days = body.pop("days") or current_app.config["SERVICE_TOKEN_DAYS"] or None
        token, secret = service_tokens.issue_service_token(
            **body, days=days, issued_by=current_principal().id
        )
        db.session.commit()
        return {**service_token_repr(token), "token": secret}


@blp.route("/service-tokens/<int:token_id>")
class ServiceTokenItem(MethodView):
    @allow("admin")
    @blp.response(204)
    @blp.alt_response(404, description="No such service token")
    @blp.doc(operationId="revokeServiceToken")
    def delete(self, token_id):
        """Revoke a service token: it stops working at once (revoking twice is harmless)."""
        service_tokens.revoke_service_token(token_id=token_id, revoked_by=current_principal().id)
        db.session.commit()
