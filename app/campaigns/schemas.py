"""Campaign requests and representations."""

from marshmallow import Schema, ValidationError, fields, validate

from app.auth.schemas import IndustryCodeField
from app.campaigns.models import LATE_POLICIES
from app.campaigns.progress import STATES
from app.pagination import NEXT_DOC
from app.reference.codes import unit_for_division_code
from app.tabular.schemas import ImportReportSchema
from app.text import FreeText

KEY = fields.String(validate=validate.Length(1, 64))
YEAR = validate.Range(2016, 2100)


class CampaignCreateSchema(Schema):
    name = FreeText(required=True, validate=validate.Length(1, 100))
    year = fields.Integer(required=True, validate=YEAR)
    questionnaires = fields.List(
        fields.String(validate=validate.Length(1, 64)),
        required=True,
        validate=validate.Length(1, 20),
        metadata={"description": "keys of published questionnaires the roll must file"},
    )
    opens_on = fields.Date(required=True, metadata={"description": "first day (Hebei time)"})
    closes_on = fields.Date(
        required=True, metadata={"description": "last day (Hebei time); not before opens_on"}
    )
    late_policy = fields.String(
        load_default="accept",
        validate=validate.OneOf(LATE_POLICIES),
        metadata={"description": "accept: filings after the close are marked late; refuse: 409"},
    )


class CampaignUpdateSchema(Schema):
    name = FreeText(validate=validate.Length(1, 100))
    year = fields.Integer(validate=YEAR)
    questionnaires = fields.List(
        fields.String(validate=validate.Length(1, 64)), validate=validate.Length(1, 20)
    )
    opens_on = fields.Date()
    closes_on = fields.Date()
    late_policy = fields.String(validate=validate.OneOf(LATE_POLICIES))


class CampaignSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    year = fields.Integer(required=True)
    jurisdiction = fields.String(required=True)
    questionnaires = fields.List(fields.String(), required=True, attribute="questionnaire_keys")
    opens_on = fields.Date(required=True)
    closes_on = fields.Date(required=True)
    late_policy = fields.String(required=True, validate=validate.OneOf(LATE_POLICIES))
    phase = fields.String(required=True, validate=validate.OneOf(("upcoming", "open", "closed")))
    roll_size = fields.Integer(
        required=True,
        metadata={"description": "enterprises on the roll (on your part of it, when part is set)"},
    )
    read_only = fields.Boolean(
        required=True,
        metadata={"description": "a wider jurisdiction's campaign: you see and remind your part"},
    )
    part = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "your jurisdiction, when you see only its part of the roll"},
    )
    part_name = fields.String(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)


class CampaignListSchema(Schema):
    items = fields.List(fields.Nested(CampaignSchema), required=True)


class RollReportSchema(ImportReportSchema):
    roll_size = fields.Integer(required=True)


class CampaignCountsSchema(Schema):
    total = fields.Integer(required=True)
    by_state = fields.Dict(
        keys=fields.String(validate=validate.OneOf(STATES)), values=fields.Integer(), required=True
    )
    late = fields.Integer(required=True)


class CampaignGroupCountsSchema(CampaignCountsSchema):
    code = fields.String(required=True)
    name = fields.String(allow_none=True)


class CampaignProgressArgsSchema(Schema):
    questionnaire = fields.String(validate=validate.Length(1, 64))


class CampaignProgressSchema(CampaignCountsSchema):
    campaign_id = fields.Integer(required=True)
    questionnaire = fields.String(allow_none=True)
    enterprises = fields.Integer(required=True)
    by_county = fields.List(fields.Nested(CampaignGroupCountsSchema), required=True)
    by_industry = fields.List(fields.Nested(CampaignGroupCountsSchema), required=True)


class CountyField(fields.String):
    """A Hebei county-level GB/T 2260 code."""

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip()
        if unit_for_division_code(code) is None:
            raise ValidationError("@queue.region")
        return code


class FilingArgsSchema(CampaignProgressArgsSchema):
    state = fields.List(fields.String(validate=validate.OneOf(STATES)))
    late = fields.Boolean()
    county = CountyField()
    industry = IndustryCodeField()
    cursor = fields.String(validate=validate.Length(max=200))
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))


class NonResponderArgsSchema(CampaignProgressArgsSchema):
    county = CountyField()
    industry = IndustryCodeField()
    lang = fields.String(validate=validate.OneOf(("zh", "en")))


class FilingSchema(Schema):
    uscc = fields.String(required=True)
    name = fields.String(required=True)
    county = fields.String(required=True, metadata={"description": "GB/T 2260 code in the USCC"})
    county_name = fields.String(allow_none=True)
    industry = fields.String(required=True)
    size = fields.String(allow_none=True)
    contact_name = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    questionnaire = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(STATES))
    late = fields.Boolean(required=True)
    registered = fields.Boolean(required=True, metadata={"description": "has an account"})
    verified = fields.Boolean(required=True)
    assessment_id = fields.Integer(
        allow_none=True, metadata={"description": "the submitted assessment, when there is one"}
    )


class FilingListSchema(Schema):
    items = fields.List(fields.Nested(FilingSchema), required=True)
    next_cursor = fields.String(allow_none=True)
    next = fields.String(allow_none=True, metadata={"description": NEXT_DOC})


class MyFilingSchema(Schema):
    questionnaire = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(STATES))
    assessment_id = fields.Integer(allow_none=True)
    late = fields.Boolean(required=True)


class MyCampaignSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    year = fields.Integer(required=True)
    opens_on = fields.Date(required=True)
    closes_on = fields.Date(required=True)
    phase = fields.String(required=True, validate=validate.OneOf(("open", "closed")))
    days_left = fields.Integer(
        required=True, metadata={"description": "days to file, the closing day included"}
    )
    accepts_late = fields.Boolean(required=True)
    questionnaires = fields.List(fields.Nested(MyFilingSchema), required=True)


class MyCampaignListSchema(Schema):
    items = fields.List(fields.Nested(MyCampaignSchema), required=True)


class InvitationIssueSchema(Schema):
    uscc = fields.List(
        fields.String(validate=validate.Length(18, 18)),
        load_default=None,
        validate=validate.Length(1, 1000),
        metadata={"description": "only these firms of the roll (a reissue); left out: every one"},
    )


class InvitationSchema(Schema):
    uscc = fields.String(required=True)
    name = fields.String(required=True)
    contact_name = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    code = fields.String(required=True, metadata={"description": "shown in this answer only"})
    expires_at = fields.DateTime(required=True)


class InvitationListSchema(Schema):
    items = fields.List(fields.Nested(InvitationSchema), required=True)


class InvitationRedeemSchema(Schema):
    code = fields.String(
        required=True, validate=validate.Length(1, 32), metadata={"example": "1234 5678"}
    )


class InvitationRedeemedSchema(Schema):
    verification = fields.String(required=True)
    verified_name = fields.String(required=True)


class RollListArgsSchema(FilingArgsSchema):
    q = fields.String(
        validate=validate.Length(max=100),
        metadata={"description": "a USCC (or its first characters) or part of the firm's name"},
    )
    cursor = fields.String(validate=validate.Length(max=20))


class RollFilingSchema(Schema):
    questionnaire = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(STATES))
    late = fields.Boolean(required=True)
    assessment_id = fields.Integer(
        allow_none=True, metadata={"description": "the submitted assessment, when there is one"}
    )


class RollFirmSchema(Schema):
    uscc = fields.String(required=True)
    name = fields.String(required=True)
    county = fields.String(required=True, metadata={"description": "GB/T 2260 code in the USCC"})
    county_name = fields.String(allow_none=True)
    industry = fields.String(required=True)
    size = fields.String(allow_none=True)
    contact_name = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    registered = fields.Boolean(required=True, metadata={"description": "has an account"})
    verified = fields.Boolean(required=True)
    filings = fields.List(fields.Nested(RollFilingSchema), required=True)


class RollListSchema(Schema):
    items = fields.List(fields.Nested(RollFirmSchema), required=True)
    total = fields.Integer(required=True, metadata={"description": "firms matching the filter"})
    next_cursor = fields.String(allow_none=True)
    next = fields.String(allow_none=True, metadata={"description": NEXT_DOC})
