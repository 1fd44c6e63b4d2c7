"""Year-over-year progress as the API sends it (app/assessments/yearly.py)."""

from marshmallow import Schema, fields

from app.assessments.result_schemas import BenchmarkReasonSchema


class YearScoreChangeSchema(Schema):
    current = fields.Float(required=True, allow_none=True)
    previous = fields.Float(required=True, allow_none=True)
    change = fields.Float(
        required=True, allow_none=True, metadata={"description": "current − previous, 1 decimal"}
    )


class YearLevelChangeSchema(Schema):
    current = fields.Integer(required=True)
    previous = fields.Integer(required=True)
    change = fields.Integer(required=True)


class DimensionChangeSchema(YearScoreChangeSchema):
    key = fields.String(required=True)
    title = fields.String(required=True)


class EarlierRecommendationSchema(Schema):
    question = fields.String(required=True)
    question_text = fields.String(required=True)
    text = fields.String(required=True)
    clause = fields.List(fields.String(), required=True)


class PreviousSubmissionSchema(Schema):
    assessment_id = fields.Integer(required=True)
    revision = fields.Integer(required=True)
    year = fields.Integer(required=True)
    status = fields.String(required=True, metadata={"description": "submitted or approved"})
    submitted_at = fields.DateTime(required=True)
    questionnaire_version = fields.Integer(required=True)
    scoring_model = fields.Integer(required=True)


class YearOverYearSchema(Schema):
    year = fields.Integer(required=True, allow_none=True)
    revision = fields.Integer(required=True)
    previous = fields.Nested(
        PreviousSubmissionSchema,
        required=True,
        allow_none=True,
        metadata={"description": "the latest submitted or approved one of the latest earlier year"},
    )
    reason = fields.Nested(
        BenchmarkReasonSchema,
        required=True,
        allow_none=True,
        metadata={"description": "why previous is null: no_year, no_previous_year"},
    )
    questionnaire_version = fields.Integer()
    scoring_model = fields.Integer()
    questionnaire_changed = fields.Boolean()
    scoring_model_changed = fields.Boolean(
        metadata={"description": "levels were given by different models: compare with care"}
    )
    overall = fields.Nested(YearScoreChangeSchema)
    maturity = fields.Nested(YearLevelChangeSchema)
    dimensions = fields.List(fields.Nested(DimensionChangeSchema))
    closed_recommendations = fields.List(
        fields.Nested(EarlierRecommendationSchema),
        metadata={"description": "last year's, whose question no longer yields any"},
    )
    open_recommendations = fields.List(fields.Nested(EarlierRecommendationSchema))
    not_comparable_recommendations = fields.List(
        fields.Nested(EarlierRecommendationSchema),
        metadata={"description": "their question is not in this version or not shown this year"},
    )
