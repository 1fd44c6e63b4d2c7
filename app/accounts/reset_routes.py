"""Password recovery through the regulator: an enterprise asks, its regulator issues a code.

These routes join the accounts blueprint rather than a blueprint of their own, so that their
endpoint names and their place in the OpenAPI document (the accounts tag) stay as they were.
"""

from flask.views import MethodView

from app.accounts import resets
from app.accounts.routes import LIMITED, blp
from app.accounts.schemas import (
    ResetArgsSchema,
    ResetAskedSchema,
    ResetAskSchema,
    ResetCodeArgsSchema,
    ResetCodeSchema,
    ResetListSchema,
    ResetRedeemSchema,
    ResetSchema,
)
from app.accounts.text import masked_email
from app.audit.models import LIST
from app.auth.models import ADMIN, REGULATOR, Enterprise
from app.auth.policy import allow, allow_anyone, current_principal, note_access
from app.db import db
from app.i18n import localise
from app.messages import accounts as messages


def _reset_repr(reset, enterprise) -> dict:
    return {
        "id": reset.id,
        "state": reset.state,
        "requested_at": reset.requested_at,
        "issued_at": reset.issued_at,
        "code_expires_at": resets.code_expiry(reset),
        "completed_at": reset.completed_at,
        "enterprise": enterprise,
    }


@blp.route("/password-resets")
class PasswordResets(MethodView):
    @allow_anyone
    @blp.arguments(ResetAskSchema)
    @blp.response(202, ResetAskedSchema)
    @blp.alt_response(429, **LIMITED)
    @blp.doc(operationId="askPasswordReset")
    def post(self, body):
        """An enterprise that lost its password asks its regulator for a reset code."""
        resets.request_reset(uscc=body["uscc"])
        db.session.commit()
        return {"detail": localise(messages.RESET_REQUESTED)}

    @allow(REGULATOR, ADMIN)
    @blp.arguments(ResetArgsSchema, location="query")
    @blp.response(200, ResetListSchema)
    @blp.doc(operationId="listPasswordResets")
    def get(self, args):
        """Reset requests of enterprises in the regulator's jurisdiction (all, for admins)."""
        rows, next_after = resets.list_resets(principal=current_principal(), **args)
        # A reset request names the firm and its contact: who read which firms is kept.
        note_access(LIST, view="password_resets", enterprises=[e.id for _, e in rows])
        return {"items": [_reset_repr(*row) for row in rows], "next_after": next_after}


@blp.route("/password-resets/<int:reset_id>/code")
class PasswordResetCode(MethodView):
    @allow(REGULATOR, ADMIN)
    @blp.arguments(ResetCodeArgsSchema, required=False)
    @blp.response(201, ResetCodeSchema)
    @blp.alt_response(404, description="No such request in the jurisdiction")
    @blp.alt_response(
        409, description="The request was completed or withdrawn; or no email for `email`"
    )
    @blp.alt_response(503, description="The email could not be sent (the code is void)")
    @blp.doc(operationId="issuePasswordResetCode")
    def post(self, args, reset_id):
        """Issue a one-time code for the request (replacing an earlier one); shown once."""
        channel = (args or {}).get("channel", "desk")
        reset, code = resets.issue_reset_code(
            principal=current_principal(), reset_id=reset_id, channel=channel
        )
        db.session.commit()
        enterprise = reset_enterprise(reset)
        emailed = channel == "email"
        return {
            "reset": _reset_repr(reset, enterprise),
            "code": None if emailed else f"{code[:4]} {code[4:]}",
            "channel": channel,
            "sent_to": masked_email(enterprise.contact_email) if emailed else None,
            "expires_at": resets.code_expiry(reset),
        }


@blp.route("/password-resets/<int:reset_id>/cancel")
class PasswordResetCancel(MethodView):
    @allow(REGULATOR, ADMIN)
    @blp.response(200, ResetSchema)
    @blp.alt_response(404, description="No such request in the jurisdiction")
    @blp.alt_response(409, description="The request was completed or withdrawn already")
    @blp.doc(operationId="cancelPasswordReset")
    def post(self, reset_id):
        """Close a request without a reset (e.g. the caller was not the company); its code ends."""
        reset = resets.cancel_reset(principal=current_principal(), reset_id=reset_id)
        db.session.commit()
        return _reset_repr(reset, reset_enterprise(reset))


def reset_enterprise(reset):
    return db.session.get(Enterprise, reset.enterprise_id)


@blp.route("/password-resets/redeem")
class PasswordResetRedeem(MethodView):
    @allow_anyone
    @blp.arguments(ResetRedeemSchema)
    @blp.response(204)
    @blp.alt_response(409, description="The code was used already")
    @blp.alt_response(422, description="Wrong or expired code, or the password breaks a rule")
    @blp.alt_response(429, **LIMITED)
    @blp.doc(operationId="redeemPasswordReset")
    def post(self, body):
        """Set a new password with the USCC and the one-time code; every session ends."""
        resets.redeem_reset(uscc=body["uscc"], code=body["code"], new_password=body["new_password"])
        db.session.commit()
