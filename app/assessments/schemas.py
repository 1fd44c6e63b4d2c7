"""Assessment requests and representations."""

from marshmallow import Schema, fields, validate

STATUS = validate.OneOf(("draft", "submitted", "returned", "approved"))


class AssessmentCreateSchema(Schema):
    questionnaire = fields.String(required=True, validate=validate.Length(1, 64))


class AnswersPatchSchema(Schema):
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(1, 64)),
        values=fields.Raw(allow_none=True),
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "question id → value; null clears an answer"},
    )


class AssessmentListArgsSchema(Schema):
    status = fields.String(validate=STATUS)
    questionnaire = fields.String(validate=validate.Length(1, 64))
    year = fields.Integer(validate=validate.Range(2016, 2100))
    cursor = fields.String(validate=validate.Length(1, 200))
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 100))


class RevisionArgsSchema(Schema):
    revision = fields.Integer(validate=validate.Range(1, 10_000))


class QuestionnaireRefSchema(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)


class EnterpriseRefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    uscc = fields.String(required=True)
    region = fields.String(required=True)
    industry = fields.String(required=True)
    size = fields.String(required=True)


class ProgressSchema(Schema):
    answered = fields.Integer(required=True)
    total = fields.Integer(required=True)


class ReviewSchema(Schema):
    decision = fields.String(required=True)
    comment = fields.String(allow_none=True)
    question_comments = fields.Dict(keys=fields.String(), values=fields.String())
    decided_at = fields.DateTime(allow_none=True)


class AssessmentSchema(Schema):
    id = fields.Integer(required=True)
    questionnaire = fields.Nested(QuestionnaireRefSchema, required=True)
    enterprise = fields.Nested(EnterpriseRefSchema, required=True)
    status = fields.String(required=True, validate=STATUS)
    revision = fields.Integer(required=True, metadata={"description": "last submitted revision"})
    version = fields.Integer(
        required=True, metadata={"description": "changes on every write; ETag"}
    )
    answers = fields.Dict(keys=fields.String(), values=fields.Raw(), required=True)
    missing = fields.List(fields.String(), required=True)
    progress = fields.Nested(ProgressSchema, required=True)
    review = fields.Nested(ReviewSchema, allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    submitted_at = fields.DateTime(allow_none=True)
    dropped = fields.List(
        fields.String(), metadata={"description": "answers removed because a change hid them"}
    )
    result = fields.Nested(
        lambda: ResultSchema(), metadata={"description": "on submission: the result, as /result"}
    )


class AssessmentPageSchema(Schema):
    items = fields.List(fields.Nested(AssessmentSchema), required=True)
    next_cursor = fields.String(allow_none=True, required=True)


class EventSchema(Schema):
    id = fields.Integer(required=True)
    action = fields.String(required=True)
    actor = fields.String(required=True, metadata={"description": "username of who acted"})
    role = fields.String(required=True)
    revision = fields.Integer(allow_none=True)
    comment = fields.String(allow_none=True)
    data = fields.Dict(allow_none=True)
    created_at = fields.DateTime(required=True)


class EventListSchema(Schema):
    items = fields.List(fields.Nested(EventSchema), required=True)


class MaturitySchema(Schema):
    level = fields.Integer(required=True, validate=validate.Range(1, 5))
    label = fields.String(required=True)
    description = fields.String(required=True)


class DimensionScoreSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    score = fields.Float(required=True, allow_none=True)
    weight = fields.Float()
    applicable_questions = fields.Integer()


class DepartmentRefSchema(Schema):
    dept_2016 = fields.String(required=True)
    dept_current = fields.String(required=True)


class RecommendationResultSchema(Schema):
    question = fields.String(required=True)
    question_text = fields.String()
    source = fields.String(metadata={"description": "option, band or gap that yields it"})
    clause = fields.List(fields.String(), required=True)
    text = fields.String(required=True)
    departments = fields.List(fields.Nested(DepartmentRefSchema), required=True)
    gain = fields.Float(required=True)


class RedFlagSchema(Schema):
    question = fields.String(required=True)
    option = fields.String(allow_none=True)
    text = fields.String(required=True)


class TraceRowSchema(Schema):
    question = fields.String(required=True)
    points = fields.Float(required=True, allow_none=True)
    max_points = fields.Float(required=True, allow_none=True)
    weight = fields.Float(required=True)
    dimension = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "answered, unanswered, hidden, not_applicable"})
    applicable = fields.Boolean(required=True)
    contribution = fields.Float(required=True)


class ResultSchema(Schema):
    overall = fields.Float(required=True)
    overall_uncapped = fields.Float(metadata={"description": "before a red flag's cap"})
    maturity = fields.Nested(MaturitySchema, required=True)
    dimensions = fields.List(fields.Nested(DimensionScoreSchema), required=True)
    recommendations = fields.List(fields.Nested(RecommendationResultSchema), required=True)
    red_flags = fields.List(fields.Nested(RedFlagSchema), required=True)
    capped = fields.Boolean()
    trace = fields.List(fields.Nested(TraceRowSchema), required=True)
    benchmark = fields.Dict(allow_none=True, required=True)
    questionnaire = fields.Dict(required=True)
    revision = fields.Integer(required=True)
    submitted_at = fields.DateTime(required=True)
