"""Assessment requests and representations (the queue's filters: queue_schemas.py)."""

from marshmallow import Schema, fields, validate

from app.assessments.queue_schemas import STATUS
from app.assessments.result_schemas import ResultSchema
from app.pagination import NEXT_DOC


class AssessmentCreateSchema(Schema):
    questionnaire = fields.String(required=True, validate=validate.Length(1, 64))
    start_from = fields.String(
        load_default="blank",
        validate=validate.OneOf(["blank", "last"]),
        metadata={
            "description": "`last`: a new draft starts from the enterprise's last submitted "
            "answers to this questionnaire (those the current version still asks); evidence "
            "files are not carried. An open draft that exists already is returned as it is."
        },
    )


class AnswersPatchSchema(Schema):
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(1, 64)),
        values=fields.Raw(allow_none=True),
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "question id → value; null clears an answer"},
    )


class RevisionArgsSchema(Schema):
    revision = fields.Integer(validate=validate.Range(1, 10_000))


class QuestionnaireRefSchema(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)


class EnterpriseRefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True, metadata={"description": "as the enterprise declared it"})
    uscc = fields.String(required=True, allow_none=True)
    verified = fields.Boolean(
        required=True,
        metadata={"description": "false: 未核验, nobody has checked who is behind the account"},
    )
    verified_name = fields.String(
        allow_none=True, metadata={"description": "the name the regulator checked; show this"}
    )
    region = fields.String(required=True)
    industry = fields.String(required=True)
    size = fields.String(required=True)


class ProgressSchema(Schema):
    answered = fields.Integer(required=True)
    total = fields.Integer(required=True)


class RejectedEvidenceSchema(Schema):
    id = fields.Integer(required=True, metadata={"description": "the evidence file's id"})
    question = fields.String(required=True)
    filename = fields.String(required=True)
    reason = fields.String(allow_none=True, metadata={"description": "why it was rejected"})


class ReviewSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(("approve", "return")))
    comment = fields.String(allow_none=True)
    question_comments = fields.Dict(keys=fields.String(), values=fields.String())
    rejected_evidence = fields.List(
        fields.Nested(RejectedEvidenceSchema),
        metadata={
            "description": "a return: the submitted revision's rejected files, as the regulator "
            "gave the reasons when returning; the enterprise replaces them on the draft"
        },
    )
    decided_at = fields.DateTime(allow_none=True)


class SectionProgressSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    answered = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": "questions shown in it"})


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
    sections = fields.List(
        fields.Nested(SectionProgressSchema),
        required=True,
        metadata={
            "description": "the sections with a question shown for this enterprise, in order "
            "(a section none of whose questions applies is left out)"
        },
    )
    facts = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        required=True,
        metadata={
            "description": "what the conditions are evaluated with: industry, size and the "
            "profile's answers (current while open, frozen at the last submit otherwise)"
        },
    )
    review = fields.Nested(
        ReviewSchema,
        allow_none=True,
        metadata={"description": "the regulator's decision on the latest revision, once made"},
    )
    overall = fields.Float(allow_none=True, metadata={"description": "latest revision's score"})
    maturity_level = fields.Integer(allow_none=True)
    red_flag_count = fields.Integer(allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    submitted_at = fields.DateTime(allow_none=True)
    campaign_id = fields.Integer(
        allow_none=True,
        metadata={"description": "the campaign it is filed for (docs/campaigns.md)"},
    )
    year = fields.Integer(
        allow_none=True,
        metadata={"description": "its campaign's year, else its first submission's; null before"},
    )
    late = fields.Boolean(metadata={"description": "first submitted after its campaign closed"})
    dropped = fields.List(
        fields.String(), metadata={"description": "answers removed because a change hid them"}
    )
    result = fields.Nested(
        ResultSchema, metadata={"description": "on submission: the result, as /result"}
    )


class StatusCountsSchema(Schema):
    draft = fields.Integer(required=True)
    submitted = fields.Integer(required=True)
    returned = fields.Integer(required=True)
    approved = fields.Integer(required=True)


class AssessmentPageSchema(Schema):
    items = fields.List(fields.Nested(AssessmentSchema), required=True)
    next_cursor = fields.String(allow_none=True, required=True)
    next = fields.String(allow_none=True, required=True, metadata={"description": NEXT_DOC})
    sort = fields.String(required=True)
    counts = fields.Nested(
        StatusCountsSchema,
        required=True,
        metadata={"description": "matches per status under every filter but status itself"},
    )
    total = fields.Integer(
        required=True, metadata={"description": "matches under every filter, status included"}
    )


class EventSchema(Schema):
    id = fields.Integer(required=True)
    action = fields.String(required=True)
    actor = fields.String(
        required=True,
        metadata={
            "description": "who acted, by display name; to an enterprise, staff without a name "
            "of their own read as their office. Never a login name"
        },
    )
    role = fields.String(required=True)
    revision = fields.Integer(allow_none=True)
    comment = fields.String(allow_none=True)
    data = fields.Dict(allow_none=True)
    created_at = fields.DateTime(required=True)


class EventListSchema(Schema):
    items = fields.List(fields.Nested(EventSchema), required=True)
