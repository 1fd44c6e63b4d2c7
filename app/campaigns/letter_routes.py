"""Invitation letters of a campaign: the regulator issues one-time codes, the enterprise redeems."""

from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth import policy
from app.auth.models import Enterprise
from app.campaigns import invitations, service
from app.campaigns.schemas import (
    InvitationIssueSchema,
    InvitationListSchema,
    InvitationRedeemedSchema,
    InvitationRedeemSchema,
)
from app.db import db

letters_blp = Blueprint(
    "campaign_letters",
    __name__,
    url_prefix="/api/v1/campaigns",
    description="Invitation letters: a one-time code per firm of a roll, to verify its account "
    "(docs/identity.md).",
)


@letters_blp.route("/<int:campaign_id>/invitations")
class Invitations(MethodView):
    @policy.allow("regulator")
    @letters_blp.arguments(InvitationIssueSchema)
    @letters_blp.response(201, InvitationListSchema)
    @letters_blp.alt_response(404, description="No such campaign in your jurisdiction")
    @letters_blp.doc(operationId="issueInvitations")
    def post(self, body, campaign_id):
        """A letter's one-time code for each firm of the roll not yet verified (shown once)."""
        principal = policy.current_principal()
        campaign = service.campaign_access(principal, campaign_id, manage=True).campaign
        items = invitations.issue_invitations(
            campaign=campaign, principal=policy.current_principal(), usccs=body["uscc"]
        )
        db.session.commit()
        return {"items": items}


@letters_blp.route("/invitation")
class InvitationRedeem(MethodView):
    @policy.allow("enterprise")
    @letters_blp.arguments(InvitationRedeemSchema)
    @letters_blp.response(200, InvitationRedeemedSchema)
    @letters_blp.alt_response(409, description="Verified already, or the code was used")
    @letters_blp.alt_response(422, description="Not this enterprise's code, or expired")
    @letters_blp.alt_response(429, description="Too many wrong codes: this one is burnt")
    @letters_blp.doc(operationId="redeemInvitation")
    def post(self, body):
        """Verify your account with the code of the regulator's invitation letter."""
        principal = policy.current_principal()
        enterprise = db.session.get(Enterprise, principal.enterprise_id)
        invitations.redeem_invitation(enterprise=enterprise, principal=principal, code=body["code"])
        db.session.commit()
        return enterprise
