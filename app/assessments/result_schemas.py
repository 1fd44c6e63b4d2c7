"""A submission's result as the API sends it: score, maturity, recommendations, trace, benchmark."""

from marshmallow import Schema, fields, validate

from app.questionnaires.schemas import DepartmentSchema


class MaturitySchema(Schema):
    level = fields.Integer(required=True, validate=validate.Range(1, 5))
    label = fields.String(required=True)
    description = fields.String(required=True)
    limited_by = fields.List(
        fields.String(),
        metadata={
            "description": "model 2: what held the level below the score's (weakest_dimension, "
            "red_flag) or kept it from 5 (no_results, results_not_at_top, dimension_below_gate, "
            "red_flag_elsewhere: a red flag in the firm's current filing of another questionnaire)"
        },
    )


class DimensionScoreSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    score = fields.Float(required=True, allow_none=True)
    level = fields.Integer(
        allow_none=True, metadata={"description": "model 2: the dimension's level 1–4; else null"}
    )
    weight = fields.Float()
    applicable_questions = fields.Integer()


class ContactSchema(Schema):
    level = fields.String(
        required=True,
        validate=validate.OneOf(("county", "city", "province", "national", "support")),
        metadata={"description": "county: the enterprise's own bureau, always first"},
    )
    name = fields.String(required=True)
    why = fields.String(required=True, metadata={"description": "what to go there for"})


class RecommendationResultSchema(Schema):
    question = fields.String(required=True)
    question_text = fields.String()
    source = fields.String(metadata={"description": "option, band or gap that yields it"})
    clause = fields.List(fields.String(), required=True)
    text = fields.String(required=True)
    departments = fields.List(
        fields.Nested(DepartmentSchema),
        required=True,
        metadata={"description": "as the plan's clause names them (2016), kept as the trace"},
    )
    contacts = fields.List(
        fields.Nested(ContactSchema),
        required=True,
        metadata={"description": "whom to contact today, in order: local bureau, by function"},
    )
    gain = fields.Float(required=True)


class RedFlagSchema(Schema):
    question = fields.String(
        required=True, metadata={"description": "The question id, or the profile field's id"}
    )
    option = fields.String(allow_none=True)
    text = fields.String(required=True)
    source = fields.String(
        metadata={"description": "profile: a red-line fact of the enterprise profile"}
    )


class TraceRowSchema(Schema):
    question = fields.String(required=True)
    points = fields.Float(required=True, allow_none=True)
    max_points = fields.Float(required=True, allow_none=True)
    weight = fields.Float(required=True)
    dimension = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "answered, unanswered, hidden, not_applicable"})
    applicable = fields.Boolean(required=True)
    contribution = fields.Float(required=True)


class CohortSchema(Schema):
    industry = fields.String(allow_none=True, required=True, metadata={"description": "C17, C"})
    region = fields.String(required=True, metadata={"description": "a unit, or 130000"})
    label = fields.String(required=True)


class CohortMeansSchema(Schema):
    mean = fields.Integer(allow_none=True, required=True)
    median = fields.Integer(allow_none=True, required=True)


class CohortDimensionSchema(Schema):
    key = fields.String(required=True)
    cohort_mean = fields.Integer(allow_none=True, required=True)
    cohort_median = fields.Integer(allow_none=True, required=True)


class SnapshotStampSchema(Schema):
    id = fields.Integer(required=True)
    taken_at = fields.DateTime(required=True)


class BenchmarkSchema(Schema):
    cohort = fields.Nested(CohortSchema, required=True)
    n = fields.Integer(required=True, metadata={"description": "enterprises in the cohort"})
    percentile = fields.Integer(
        allow_none=True,
        required=True,
        metadata={"description": "quartile band's lower edge: 0, 25, 50 or 75 (cohort n ≥ 10)"},
    )
    overall = fields.Nested(CohortMeansSchema, required=True)
    dimensions = fields.List(fields.Nested(CohortDimensionSchema), required=True)
    snapshot = fields.Nested(SnapshotStampSchema, required=True)


class BenchmarkReasonSchema(Schema):
    code = fields.String(required=True, metadata={"description": "no_snapshot, cohort_too_small"})
    message = fields.String(required=True)


class ResultSchema(Schema):
    scoring_model = fields.Integer(
        required=True, metadata={"description": "the scoring model that gave the level (docs)"}
    )
    overall = fields.Float(required=True)
    overall_uncapped = fields.Float(metadata={"description": "before a red flag's cap"})
    maturity = fields.Nested(MaturitySchema, required=True)
    dimensions = fields.List(fields.Nested(DimensionScoreSchema), required=True)
    recommendations = fields.List(fields.Nested(RecommendationResultSchema), required=True)
    red_flags = fields.List(fields.Nested(RedFlagSchema), required=True)
    capped = fields.Boolean()
    trace = fields.List(fields.Nested(TraceRowSchema), required=True)
    benchmark = fields.Nested(
        BenchmarkSchema,
        allow_none=True,
        required=True,
        metadata={"description": "peers' published figures; null: see benchmark_reason"},
    )
    benchmark_reason = fields.Nested(BenchmarkReasonSchema, allow_none=True)
    questionnaire = fields.Dict(required=True)
    revision = fields.Integer(required=True)
    submitted_at = fields.DateTime(required=True)
