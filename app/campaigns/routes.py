"""Campaign endpoints: the regulator's campaigns, roll and progress; the enterprise's own."""

from datetime import datetime

from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from app.assessments.filing import CHINA
from app.audit.models import CAMPAIGN, EXPORT, LIST, ROLL_IMPORT
from app.audit.service import record_event
from app.auth import policy
from app.campaigns import exports, listing, progress, roll, service
from app.campaigns.mine import my_campaigns
from app.campaigns.schemas import (
    CampaignCreateSchema,
    CampaignListSchema,
    CampaignProgressArgsSchema,
    CampaignProgressSchema,
    CampaignSchema,
    CampaignUpdateSchema,
    FilingArgsSchema,
    FilingListSchema,
    MyCampaignListSchema,
    NonResponderArgsSchema,
    RollListArgsSchema,
    RollListSchema,
    RollReportSchema,
)
from app.db import db
from app.errors import accept_uploads
from app.i18n import current_language
from app.pagination import link_headers, next_link
from app.reference.codes import region_name
from app.tabular.read import CONTENT_TYPES
from app.tabular.schemas import BINARY, ImportArgsSchema

blp = Blueprint(
    "campaigns",
    __name__,
    url_prefix="/api/v1/campaigns",
    description="Filing campaigns: a roll of enterprises, a closing date, completion tracking "
    "(docs/campaigns.md).",
)


def _repr(campaign, roll_size: int | None = None, part: str | None = None) -> dict:
    return {
        "id": campaign.id,
        "name": campaign.name,
        "year": campaign.year,
        "jurisdiction": campaign.jurisdiction,
        "questionnaire_keys": campaign.questionnaire_keys,
        "opens_on": campaign.opens_on,
        "closes_on": campaign.closes_on,
        "late_policy": campaign.late_policy,
        "phase": service.phase(campaign, service.today()),
        "roll_size": service.roll_size(campaign.id, part) if roll_size is None else roll_size,
        "read_only": part is not None,
        "part": part,
        "part_name": region_name(part, current_language()) if part else None,
        "created_at": campaign.created_at,
        "updated_at": campaign.updated_at,
    }


def _access(campaign_id: int) -> service.CampaignAccess:
    """The campaign to read, and the part of its roll the caller sees."""
    return service.campaign_access(policy.current_principal(), campaign_id)


def _campaign(campaign_id: int):
    """The campaign to change: the caller must run it (403 on a wider one it only views)."""
    return service.campaign_access(policy.current_principal(), campaign_id, manage=True).campaign


def _audit(action: str, campaign_id: int, status: int, **details) -> None:
    principal = policy.current_principal()
    # In the change's transaction: recorded if and only if the change stands.
    record_event(
        action=action,
        role=principal.role,
        user_id=principal.id,
        details={"campaign_id": campaign_id, **details},
        status=status,
        in_session=True,
    )


@blp.route("")
class Campaigns(MethodView):
    @policy.allow("regulator")
    @blp.response(200, CampaignListSchema)
    @blp.doc(operationId="listCampaigns")
    def get(self):
        """Campaigns in your reach: all (province), own and its counties' (city), own (county)."""
        rows = service.list_campaigns(principal=policy.current_principal())
        return {"items": [_repr(campaign, size, part) for campaign, size, part in rows]}

    @policy.allow("regulator")
    @blp.arguments(CampaignCreateSchema)
    @blp.response(201, CampaignSchema)
    @blp.alt_response(422, description="Closing before opening, or an unknown questionnaire")
    @blp.doc(operationId="createCampaign")
    def post(self, body):
        """Create a campaign in your own jurisdiction; import its roll next."""
        campaign = service.create_campaign(principal=policy.current_principal(), **body)
        _audit(CAMPAIGN, campaign.id, 201, change="create")
        db.session.commit()
        return _repr(campaign, 0), 201


@blp.route("/mine")
class MyCampaigns(MethodView):
    @policy.allow("enterprise")
    @blp.response(200, MyCampaignListSchema)
    @blp.doc(operationId="listMyCampaigns")
    def get(self):
        """Your campaigns (those whose roll names your USCC): closing date, days left, states."""
        principal = policy.current_principal()
        return {"items": my_campaigns(enterprise=principal.enterprise)}


@blp.route("/<int:campaign_id>")
class CampaignView(MethodView):
    @policy.allow("regulator")
    @blp.response(200, CampaignSchema)
    @blp.alt_response(404, description="No such campaign in your jurisdiction")
    @blp.doc(operationId="getCampaign")
    def get(self, campaign_id):
        """One campaign of your jurisdiction, or a wider one naming some of your enterprises."""
        access = _access(campaign_id)
        return _repr(access.campaign, part=access.part)

    @policy.allow("regulator")
    @blp.arguments(CampaignUpdateSchema)
    @blp.response(200, CampaignSchema)
    @blp.alt_response(404, description="No such campaign in your jurisdiction")
    @blp.alt_response(422, description="Closing before opening, or an unknown questionnaire")
    @blp.doc(operationId="updateCampaign")
    def patch(self, body, campaign_id):
        """Change a campaign: its name, questionnaires, year, dates or late policy."""
        campaign = _campaign(campaign_id)
        fields = sorted(body)
        service.update_campaign(campaign=campaign, changes=body)
        _audit(CAMPAIGN, campaign.id, 200, change="update", fields=fields)
        db.session.commit()
        return _repr(campaign)


@blp.route("/<int:campaign_id>/roll")
class Roll(MethodView):
    @policy.allow("regulator")
    @blp.arguments(RollListArgsSchema, location="query")
    @blp.response(200, RollListSchema)
    @blp.alt_response(404, description="No such campaign in your jurisdiction")
    @blp.doc(operationId="listRoll")
    def get(self, args, campaign_id):
        """The roll's firms (of your part of it) with each filing's state, filtered, 50 a page."""
        access = _access(campaign_id)
        items, cursor, total = listing.list_roll(
            campaign=access.campaign, args=args, part=access.part
        )
        policy.note_access(LIST, campaign_id=access.campaign.id, view="roll", count=len(items))
        following = next_link(cursor)
        body = {"items": items, "total": total, "next_cursor": cursor, "next": following}
        return body, 200, link_headers(following)

    @policy.allow("regulator")
    @blp.arguments(ImportArgsSchema, location="query")
    @blp.doc(
        requestBody={
            "required": True,
            "description": "the roll as CSV (UTF-8 or GBK) or XLSX, as the raw body; columns "
            "统一社会信用代码 (uscc), 企业名称 (name), 行业代码 (industry), 企业规模 (size), "
            "联系人 (contact_name), 联系电话 (contact_phone)",
            "content": {media: {"schema": BINARY} for media in CONTENT_TYPES},
        }
    )
    @blp.response(200, RollReportSchema)
    @blp.alt_response(404, description="No such campaign in your jurisdiction")
    @blp.alt_response(413, description="Larger than ROLL_MAX_BYTES")
    @blp.alt_response(415, description="Not a CSV or XLSX file")
    @blp.alt_response(
        422,
        description="Invalid rows (nothing imported; `errors` names row and field, `report` "
        "holds the per-row report), missing columns, an empty or unreadable file",
    )
    @blp.doc(operationId="importRoll")
    def post(self, args, campaign_id):
        """Check a roll and add it to the campaign: all rows, all valid rows, or none."""
        campaign = _campaign(campaign_id)
        lang = current_language()
        report = roll.check_roll(
            campaign=campaign, data=request.get_data(cache=False), content_type=request.mimetype
        )
        extra = {"dry_run": args["dry_run"], "format": report.format}
        if report.errors and not (args["skip_invalid"] or args["dry_run"]):
            size = service.roll_size(campaign.id)
            raise report.problem(lang, imported=0, roll_size=size, **extra)
        imported = 0
        if not args["dry_run"]:
            imported = roll.insert_roll(campaign=campaign, report=report)
            _audit(ROLL_IMPORT, campaign.id, 200, rows=report.rows, imported=imported)
            db.session.commit()
        size = service.roll_size(campaign.id)
        return report.body(lang, imported=imported, roll_size=size, **extra)


accept_uploads("campaigns.Roll", max_bytes_setting="ROLL_MAX_BYTES")


@blp.route("/<int:campaign_id>/roll/<string:uscc>")
class RollRow(MethodView):
    @policy.allow("regulator")
    @blp.response(204)
    @blp.alt_response(404, description="No such campaign in your jurisdiction, or not on its roll")
    @blp.doc(operationId="removeFromRoll")
    def delete(self, campaign_id, uscc):
        """Take a firm off the roll (closed, merged, on it by mistake); its filings stay."""
        campaign = _campaign(campaign_id)
        entry = roll.remove_from_roll(campaign=campaign, uscc=uscc)
        _audit(CAMPAIGN, campaign.id, 204, change="roll_remove", uscc=entry.uscc, row=entry.row)
        db.session.commit()


@blp.route("/<int:campaign_id>/progress")
class Progress(MethodView):
    @policy.allow("regulator")
    @blp.arguments(CampaignProgressArgsSchema, location="query")
    @blp.response(200, CampaignProgressSchema)
    @blp.alt_response(404, description="No such campaign in your jurisdiction")
    @blp.doc(operationId="getCampaignProgress")
    def get(self, args, campaign_id):
        """Filings by state, by county or district and by industry division."""
        access = _access(campaign_id)
        policy.note_access(LIST, campaign_id=access.campaign.id, view="progress")
        return progress.progress(
            campaign=access.campaign, part=access.part, lang=current_language(), **args
        )


@blp.route("/<int:campaign_id>/filings")
class Filings(MethodView):
    @policy.allow("regulator")
    @blp.arguments(FilingArgsSchema, location="query")
    @blp.response(200, FilingListSchema)
    @blp.alt_response(404, description="No such campaign in your jurisdiction")
    @blp.doc(operationId="listCampaignFilings")
    def get(self, args, campaign_id):
        """The roll's filings (enterprise × questionnaire) with their state, filtered, paged."""
        access = _access(campaign_id)
        items, cursor = progress.list_filings(campaign=access.campaign, args=args, part=access.part)
        policy.note_access(LIST, campaign_id=access.campaign.id, view="filings", count=len(items))
        following = next_link(cursor)
        body = {"items": items, "next_cursor": cursor, "next": following}
        return body, 200, link_headers(following)


@blp.route("/<int:campaign_id>/non-responders.csv")
class NonResponders(MethodView):
    @policy.allow("regulator")
    @blp.arguments(NonResponderArgsSchema, location="query")
    @blp.doc(
        responses={
            "200": {
                "description": "the enterprises that have not submitted every questionnaire, "
                "with their contact (UTF-8 CSV with a BOM)",
                "content": {"text/csv": {"schema": BINARY}},
            }
        }
    )
    @blp.alt_response(404, description="No such campaign in your jurisdiction")
    @blp.doc(operationId="exportNonResponders")
    def get(self, args, campaign_id):
        """The non-responders (not started, or draft only) as CSV, to chase them."""
        access = _access(campaign_id)
        campaign = access.campaign
        lang = args.pop("lang", None) or current_language()
        chunks = exports.non_responder_chunks(
            campaign=campaign, args=args, lang=lang, part=access.part
        )
        body = b"".join(chunks)
        policy.note_access(EXPORT, campaign_id=campaign.id, view="non_responders")
        name = f"non-responders-{campaign.id}-{datetime.now(CHINA):%Y%m%d-%H%M}.csv"
        response = Response(body, mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
        response.headers["Cache-Control"] = "private, no-store"
        return response
