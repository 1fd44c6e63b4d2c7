"""Aggregate queries and what they answer (the same schemas validate and document)."""

from marshmallow import Schema, fields, validate

from app.aggregates.cube import SIZES

GROUP_BY = ("region", "industry", "size", "none")


class AggregateArgsSchema(Schema):
    questionnaire = fields.String(required=True, validate=validate.Length(1, 64))
    industry = fields.String(
        validate=validate.Length(1, 5),
        metadata={"description": "GB/T 4754 section (C) or division (C17)"},
    )
    region = fields.String(
        validate=validate.Regexp(r"^[0-9]{6}$"),
        metadata={"description": "a reporting unit (130100), or 130000 for the province"},
    )
    size = fields.String(validate=validate.OneOf(SIZES))
    year = fields.Integer(
        validate=validate.Range(2016, 2100),
        metadata={"description": "default: the latest year with figures"},
    )
    group_by = fields.String(load_default="none", validate=validate.OneOf(GROUP_BY))
    live = fields.Boolean(
        load_default=False,
        metadata={"description": "regulators and admins: today's figures, not the snapshot"},
    )
    lang = fields.String(validate=validate.OneOf(("zh", "en")))


class StatsSchema(Schema):
    mean = fields.Integer(required=True, allow_none=True, metadata={"description": "whole points"})
    median = fields.Integer(required=True, allow_none=True, metadata={"description": "n ≥ 10"})
    p25 = fields.Integer(required=True, allow_none=True)
    p75 = fields.Integer(required=True, allow_none=True)


class DimensionStatsSchema(StatsSchema):
    key = fields.String(required=True)
    title = fields.String(required=True)


class GroupKeySchema(Schema):
    region = fields.String(required=True, allow_none=True)
    industry = fields.String(required=True, allow_none=True)
    size = fields.String(required=True, allow_none=True)


class EvidenceSharesSchema(Schema):
    questions = fields.Dict(
        keys=fields.String(),
        values=fields.Dict(keys=fields.String(), values=fields.Float(allow_none=True)),
        metadata={
            "description": "question id → {attached, verified}: the shares of the group's "
            "enterprises with a file on it, and with a verified one; null where suppressed. "
            "Never a file, a name or a count of one enterprise's files"
        },
    )
    dimensions = fields.Dict(
        keys=fields.String(),
        values=fields.Dict(keys=fields.String(), values=fields.Float(allow_none=True)),
        metadata={"description": "dimension key → {attached, verified}, as for questions"},
    )


class GroupSchema(Schema):
    key = fields.Nested(GroupKeySchema, required=True)
    label = fields.String(required=True)
    suppressed = fields.Boolean(
        required=True, metadata={"description": "true: fewer than min_cell, or protecting one"}
    )
    n = fields.Integer()
    overall = fields.Nested(StatsSchema)
    dimensions = fields.List(fields.Nested(DimensionStatsSchema))
    maturity = fields.Dict(
        keys=fields.String(),
        values=fields.Float(allow_none=True),
        metadata={"description": "level → share; null where suppressed"},
    )
    questions = fields.Dict(
        keys=fields.String(),
        values=fields.Dict(keys=fields.String(), values=fields.Float(allow_none=True)),
        metadata={"description": "question → option → share of those who answered"},
    )
    evidence = fields.Nested(EvidenceSharesSchema)


class SnapshotRefSchema(Schema):
    id = fields.Integer(required=True, allow_none=True)
    date = fields.String(required=True, metadata={"description": "Beijing date, YYYY-MM-DD"})
    taken_at = fields.DateTime(required=True)
    live = fields.Boolean(required=True)


class FiltersSchema(Schema):
    industry = fields.String(required=True, allow_none=True)
    region = fields.String(required=True, allow_none=True)
    size = fields.String(required=True, allow_none=True)
    year = fields.Integer(required=True, allow_none=True)
    group_by = fields.String(required=True)
    live = fields.Boolean(required=True)


class QuestionnaireTitleSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)


class AggregateSchema(Schema):
    questionnaire = fields.Nested(QuestionnaireTitleSchema, required=True)
    filters = fields.Nested(FiltersSchema, required=True)
    min_cell = fields.Integer(required=True)
    snapshot = fields.Nested(SnapshotRefSchema, required=True, allow_none=True)
    total = fields.Nested(GroupSchema, required=True)
    groups = fields.List(fields.Nested(GroupSchema), required=True)


class YearChangeSchema(Schema):
    n = fields.Integer(required=True, metadata={"description": "enterprises, this year − last"})
    mean = fields.Integer(required=True, allow_none=True)
    median = fields.Integer(required=True, allow_none=True)


class YearFiguresSchema(Schema):
    year = fields.Integer(required=True)
    suppressed = fields.Boolean(required=True)
    n = fields.Integer()
    overall = fields.Nested(StatsSchema)
    maturity = fields.Dict(keys=fields.String(), values=fields.Float(allow_none=True))
    dimensions = fields.List(fields.Nested(DimensionStatsSchema))
    change = fields.Nested(
        YearChangeSchema,
        required=True,
        allow_none=True,
        metadata={"description": "from the year before; null: a year hidden, or withheld"},
    )
    change_withheld = fields.Boolean(
        required=True,
        metadata={"description": "both years shown, but 1 to min_cell − 1 firms differ"},
    )


class AggregateYearsSchema(Schema):
    questionnaire = fields.Nested(QuestionnaireTitleSchema, required=True)
    filters = fields.Nested(FiltersSchema, required=True)
    min_cell = fields.Integer(required=True)
    snapshot = fields.Nested(SnapshotRefSchema, required=True, allow_none=True)
    label = fields.String(required=True)
    years = fields.List(fields.Nested(YearFiguresSchema), required=True)
