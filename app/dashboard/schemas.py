"""Dashboard query and answer (the same schemas validate and document)."""

from marshmallow import Schema, fields, validate

from app.aggregates.schemas import SnapshotRefSchema
from app.campaigns.progress import STATES


class DashboardArgsSchema(Schema):
    campaign = fields.Integer(
        validate=validate.Range(1, 2**31 - 1),
        metadata={"description": "a campaign of your jurisdiction (or give year)"},
    )
    year = fields.Integer(
        validate=validate.Range(2016, 2100),
        metadata={"description": "every assessment of the year (or give campaign)"},
    )
    questionnaire = fields.String(
        validate=validate.Length(1, 64),
        metadata={"description": "required with year; with campaign, its first by default"},
    )
    region = fields.String(
        validate=validate.Regexp(r"^[0-9]{6}$"),
        metadata={"description": "province regulators: one reporting unit, shown by county"},
    )
    lang = fields.String(validate=validate.OneOf(("zh", "en")))


class PlaceSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True, allow_none=True)


class TitleSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)


class CampaignRefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    opens_on = fields.Date(required=True)
    closes_on = fields.Date(required=True)


class ResponseSchema(Schema):
    expected = fields.Integer(required=True, metadata={"description": "filings on the roll"})
    responded = fields.Integer(required=True, metadata={"description": "submitted at least once"})
    rate = fields.Float(required=True, allow_none=True)


class BinSchema(Schema):
    from_ = fields.Integer(required=True, data_key="from", attribute="from")
    to = fields.Integer(required=True, metadata={"description": "exclusive, except 100"})
    count = fields.Integer(required=True)


class ScoresSchema(Schema):
    n = fields.Integer(required=True)
    bins = fields.List(fields.Nested(BinSchema), required=True)


class DimensionMeanSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    area = fields.Integer(required=True, allow_none=True, metadata={"description": "null: hidden"})
    province = fields.Integer(required=True, allow_none=True)


class DimensionsSchema(Schema):
    snapshot = fields.Nested(SnapshotRefSchema, required=True, allow_none=True)
    min_cell = fields.Integer(required=True)
    area_suppressed = fields.Boolean(required=True)
    province_suppressed = fields.Boolean(required=True)
    items = fields.List(fields.Nested(DimensionMeanSchema), required=True)


class FlaggedSchema(Schema):
    assessment_id = fields.Integer(required=True)
    submission_id = fields.Integer(required=True)


class RedFlagItemSchema(Schema):
    source = fields.String(required=True, validate=validate.OneOf(("questionnaire", "profile")))
    question = fields.String(required=True)
    option = fields.String(required=True)
    text = fields.String(required=True, allow_none=True)
    count = fields.Integer(required=True, metadata={"description": "latest revisions raising it"})
    submissions = fields.List(
        fields.Nested(FlaggedSchema),
        required=True,
        metadata={"description": "the newest 20; the queue's red-flag filter lists them all"},
    )


class UnitSchema(Schema):
    code = fields.String(required=True)
    name = fields.String(required=True)
    expected = fields.Integer(required=True, allow_none=True, metadata={"description": "roll"})
    responded = fields.Integer(required=True, allow_none=True)
    rate = fields.Float(required=True, allow_none=True)
    filed = fields.Integer(required=True, metadata={"description": "assessments, drafts too"})
    scored = fields.Integer(required=True)
    mean = fields.Float(required=True, allow_none=True)
    flagged = fields.Integer(required=True)
    late = fields.Integer(required=True)


class DashboardSchema(Schema):
    jurisdiction = fields.Nested(PlaceSchema, required=True)
    unit_kind = fields.String(
        required=True,
        validate=validate.OneOf(("city", "county", "none")),
        metadata={
            "description": "what the units are; none: the area is a county, with no units below "
            "it (units then holds the county itself)"
        },
    )
    questionnaire = fields.Nested(TitleSchema, required=True)
    campaign = fields.Nested(CampaignRefSchema, required=True, allow_none=True)
    year = fields.Integer(required=True)
    response = fields.Nested(ResponseSchema, required=True, allow_none=True)
    states = fields.Dict(
        keys=fields.String(validate=validate.OneOf(STATES)), values=fields.Integer(), required=True
    )
    late = fields.Integer(required=True)
    scores = fields.Nested(ScoresSchema, required=True)
    maturity = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    dimensions = fields.Nested(DimensionsSchema, required=True)
    red_flags = fields.List(fields.Nested(RedFlagItemSchema), required=True)
    units = fields.List(fields.Nested(UnitSchema), required=True)
