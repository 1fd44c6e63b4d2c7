"""Review requests and representations: decisions and diffs."""

from datetime import date

from marshmallow import Schema, fields, post_load, validate

from app.evidence.schemas import EvidenceSchema
from app.review.service import DECISIONS
from app.text import FreeText

DAYS = validate.Range(date(2016, 1, 1), date(2100, 12, 31))


class ReviewDecisionSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(DECISIONS))
    comment = FreeText(
        multiline=True,
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=4000),
        metadata={"description": "required to return; shown to the enterprise"},
    )
    question_comments = fields.Dict(
        keys=fields.String(validate=validate.Length(1, 64)),
        values=FreeText(multiline=True, validate=validate.Length(max=2000)),
        load_default=dict,
        validate=validate.Length(max=200),
        metadata={"description": "question id → comment, shown to the enterprise by the question"},
    )

    @post_load
    def _drop_blank_comments(self, data, **kwargs):
        comments = {q: text.strip() for q, text in data["question_comments"].items()}
        data["question_comments"] = {q: text for q, text in comments.items() if text}
        return data


class DiffArgsSchema(Schema):
    from_revision = fields.Integer(
        data_key="from",
        validate=validate.Range(1, 10_000),
        metadata={"description": "default: the revision before `to`"},
    )
    to_revision = fields.Integer(
        data_key="to",
        validate=validate.Range(1, 10_000),
        metadata={"description": "default: the latest revision"},
    )


class RevisionRefSchema(Schema):
    revision = fields.Integer(required=True)
    submitted_at = fields.DateTime(required=True)
    questionnaire_version = fields.Integer(required=True)
    decision = fields.String(allow_none=True, required=True)


class AnswerChangeSchema(Schema):
    question = fields.String(required=True)
    text = fields.String(required=True, metadata={"description": "the question's text"})
    change = fields.String(required=True, validate=validate.OneOf(("added", "removed", "changed")))
    before = fields.Raw(allow_none=True, required=True)
    after = fields.Raw(allow_none=True, required=True)
    before_label = fields.String(allow_none=True, metadata={"description": "option text(s)"})
    after_label = fields.String(allow_none=True)
    points_before = fields.Float(allow_none=True)
    points_after = fields.Float(allow_none=True)


class MovementSchema(Schema):
    before = fields.Float(allow_none=True, required=True)
    after = fields.Float(allow_none=True, required=True)
    delta = fields.Float(allow_none=True, required=True)


class DimensionMovementSchema(MovementSchema):
    key = fields.String(required=True)
    title = fields.String(required=True)


class LevelChangeSchema(Schema):
    before = fields.Integer(required=True)
    after = fields.Integer(required=True)


class ScoreChangeSchema(Schema):
    overall = fields.Nested(MovementSchema, required=True)
    maturity = fields.Nested(LevelChangeSchema, required=True)
    red_flags = fields.Nested(LevelChangeSchema, required=True)
    dimensions = fields.List(fields.Nested(DimensionMovementSchema), required=True)


class EvidenceChangeSchema(Schema):
    added = fields.List(fields.Nested(EvidenceSchema), required=True)
    removed = fields.List(fields.Nested(EvidenceSchema), required=True)


class DiffSchema(Schema):
    from_revision = fields.Nested(RevisionRefSchema, data_key="from", required=True)
    to_revision = fields.Nested(RevisionRefSchema, data_key="to", required=True)
    answers = fields.List(fields.Nested(AnswerChangeSchema), required=True)
    score = fields.Nested(ScoreChangeSchema, required=True)
    evidence = fields.Nested(
        EvidenceChangeSchema,
        required=True,
        metadata={"description": "evidence files added and removed between the two revisions"},
    )
