"""Registration, sign-in, token refresh, sign-out, and who am I."""

from flask import request
from flask.views import MethodView
from flask_jwt_extended import get_jwt
from flask_smorest import Blueprint

from app.api import response_headers
from app.auth import service
from app.auth.policy import allow, allow_anyone, current_principal
from app.auth.schemas import EnterpriseSchema, LoginSchema, MeSchema, RegisterSchema, TokenSchema
from app.db import db

blp = Blueprint("auth", __name__, url_prefix="/api/v1", description="Accounts and sessions")


@blp.route("/auth/register")
class Register(MethodView):
    @allow_anyone
    @blp.arguments(RegisterSchema)
    @blp.response(201, EnterpriseSchema)
    @blp.alt_response(409, description="This USCC is already registered")
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
    @blp.doc(operationId="logIn")
    def post(self, body):
        """Sign in: an access token (15 minutes) and a refresh token (30 days)."""
        tokens = service.sign_in(**body, address=request.remote_addr)
        db.session.commit()
        return tokens


@blp.route("/auth/refresh")
class Refresh(MethodView):
    @allow(token="refresh")
    @blp.response(200, TokenSchema)
    @blp.doc(operationId="refreshToken")
    def post(self):
        """Exchange a refresh token for new tokens; the one presented stops working."""
        tokens = service.rotate_tokens(user=current_principal(), claims=get_jwt())
        db.session.commit()
        return tokens


@blp.route("/auth/logout")
class Logout(MethodView):
    @allow(token="any")
    @blp.response(204)
    @blp.doc(operationId="logOut")
    def post(self):
        """Sign out: every token of this sign-in stops working (send either token)."""
        service.sign_out(claims=get_jwt())
        db.session.commit()


@blp.route("/me")
class Me(MethodView):
    @allow()
    @blp.response(200, MeSchema)
    @blp.doc(operationId="getMe")
    def get(self):
        """The signed-in user, with its enterprise, jurisdiction or industries."""
        return service.describe_user(user=current_principal())
