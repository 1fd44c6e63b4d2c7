"""What the questionnaire endpoints send: summaries and localised definitions."""

from marshmallow import Schema, fields


class LocalisedSchema(Schema):
    """Text in the language of the request, falling back to Chinese."""


class QuestionnaireSummarySchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    version = fields.Integer(required=True)
    question_count = fields.Integer(required=True)
    estimated_minutes = fields.Integer(required=True)


class QuestionnaireListSchema(Schema):
    items = fields.List(fields.Nested(QuestionnaireSummarySchema), required=True)


class DepartmentSchema(Schema):
    dept_2016 = fields.String(required=True, metadata={"description": "as printed in the plan"})
    dept_current = fields.String(required=True, metadata={"description": "today's body"})


class RecommendationSchema(Schema):
    text = fields.String(required=True)
    clause = fields.List(fields.String(), required=True)
    departments = fields.List(fields.Nested(DepartmentSchema), required=True)


class OptionSchema(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True)
    points = fields.Float(required=True)
    exclusive = fields.Boolean()
    not_applicable = fields.Boolean()
    red_flag = fields.String()
    recommendation = fields.Nested(RecommendationSchema)


class BandSchema(Schema):
    min = fields.Float(required=True)
    max = fields.Float(required=True, allow_none=True)
    points = fields.Float(required=True)
    recommendation = fields.Nested(RecommendationSchema)


class PerSchema(Schema):
    of = fields.String(
        required=True,
        metadata={"description": "the count divided by: an earlier number answer, else a fact"},
    )
    scale = fields.Float(required=True, metadata={"description": "e.g. 100: per 100 staff"})


class EvidenceDeclarationSchema(Schema):
    expected = fields.Boolean(
        required=True, metadata={"description": "true: the client asks for a file here"}
    )
    hint = fields.String(allow_none=True, metadata={"description": "what to upload"})


class QuestionSchema(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True)
    text = fields.String(required=True)
    help = fields.String(allow_none=True)
    required = fields.Boolean(required=True)
    weight = fields.Float(required=True)
    dimension = fields.String(allow_none=True)
    clause = fields.List(fields.String(), required=True)
    condition = fields.Dict(
        allow_none=True,
        metadata={"description": "when the question is shown; see docs/questionnaire-format.md"},
    )
    options = fields.List(fields.Nested(OptionSchema))
    bands = fields.List(fields.Nested(BandSchema))
    max_points = fields.Float(allow_none=True)
    unit = fields.String(allow_none=True)
    min = fields.Float(allow_none=True)
    max = fields.Float(allow_none=True)
    integer = fields.Boolean()
    per = fields.Nested(
        PerSchema,
        allow_none=True,
        metadata={"description": "number questions scored as a rate: bands apply to the rate"},
    )
    max_length = fields.Integer()
    points = fields.Float()
    recommendations = fields.Dict(keys=fields.String(), values=fields.Nested(RecommendationSchema))
    coverage_of = fields.String(
        allow_none=True,
        metadata={"description": "standard_list: the number question counting the main products"},
    )
    evidence = fields.Nested(
        EvidenceDeclarationSchema,
        metadata={"description": "present when the question takes evidence files (PDF, images)"},
    )


class SectionSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    questions = fields.List(fields.Nested(QuestionSchema), required=True)


class DimensionSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    weight = fields.Float(required=True)


class QuestionnaireDefinitionSchema(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    estimated_minutes = fields.Integer(required=True)
    rationale = fields.String()
    red_flag_cap = fields.Float()
    content_hash = fields.String(required=True)
    dimensions = fields.List(fields.Nested(DimensionSchema), required=True)
    sections = fields.List(fields.Nested(SectionSchema), required=True)
