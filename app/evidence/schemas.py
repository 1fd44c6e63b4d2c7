"""What the evidence endpoints take and send."""

from marshmallow import Schema, fields, validate

from app.evidence.models import REJECTED, VERIFICATIONS, VERIFIED
from app.text import FreeText

DISPOSITIONS = ("attachment", "inline")


class UploadArgsSchema(Schema):
    question = fields.String(
        required=True,
        validate=validate.Length(min=1, max=64),
        metadata={"description": "the id of the question the file backs"},
    )
    filename = FreeText(
        validate=validate.Length(max=200),
        metadata={"description": "the file's name on the phone; its extension follows the type"},
    )


class EvidenceListArgsSchema(Schema):
    revision = fields.Integer(
        validate=validate.Range(min=1, max=2**31 - 1),
        metadata={
            "description": "a submitted revision's files; absent: the draft's (owner) or the "
            "latest submitted revision's (regulator)"
        },
    )


class FileArgsSchema(Schema):
    disposition = fields.String(
        load_default="attachment",
        validate=validate.OneOf(DISPOSITIONS),
        metadata={"description": "inline: to view in the browser; attachment: to save"},
    )


class EvidenceVerdictSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(VERIFICATIONS))
    reason = fields.String(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)


class EvidenceVerdictInSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf((VERIFIED, REJECTED)))
    reason = FreeText(
        allow_none=True,
        multiline=True,
        validate=validate.Length(max=500),
        metadata={"description": "required when rejecting: what is wrong with the file"},
    )


class EvidenceSchema(Schema):
    id = fields.Integer(required=True)
    question = fields.String(required=True)
    filename = fields.String(required=True)
    content_type = fields.String(required=True)
    size = fields.Integer(required=True)
    sha256 = fields.String(required=True, metadata={"description": "of the stored bytes"})
    width = fields.Integer(allow_none=True)
    height = fields.Integer(allow_none=True)
    uploaded_at = fields.DateTime(required=True)
    first_revision = fields.Integer(
        allow_none=True, metadata={"description": "the revision it was first submitted with"}
    )
    verification = fields.Nested(EvidenceVerdictSchema, required=True)
    href = fields.String(required=True, metadata={"description": "where its bytes are read"})


class VerdictCountsSchema(Schema):
    verified = fields.Integer(required=True)
    rejected = fields.Integer(required=True)
    pending = fields.Integer(required=True)


class VerifiedScoreSchema(Schema):
    score = fields.Float(allow_none=True, metadata={"description": "the frozen score"})
    verified_share = fields.Float(
        allow_none=True,
        metadata={"description": "percent of the score earned by questions with a verified file"},
    )
    verified_points = fields.Float(
        allow_none=True, metadata={"description": "the part of the score those questions earned"}
    )


class VerifiedDimensionSchema(VerifiedScoreSchema):
    key = fields.String(required=True)


class VerifiedRecommendationSchema(Schema):
    question = fields.String(required=True)
    verified = fields.Boolean(
        required=True, metadata={"description": "the question has at least one verified file"}
    )
    files = fields.Nested(VerdictCountsSchema, required=True)


class VerifiedShareSchema(Schema):
    overall = fields.Nested(VerifiedScoreSchema, required=True)
    dimensions = fields.List(fields.Nested(VerifiedDimensionSchema), required=True)
    questions = fields.Dict(
        keys=fields.String(),
        values=fields.Nested(VerdictCountsSchema),
        required=True,
        metadata={"description": "question id → its files by verification status"},
    )
    recommendations = fields.List(
        fields.Nested(VerifiedRecommendationSchema),
        required=True,
        metadata={"description": "in the order of the result's recommendations"},
    )


class EvidenceListSchema(Schema):
    revision = fields.Integer(
        allow_none=True, metadata={"description": "the submitted revision listed; null: draft"}
    )
    items = fields.List(fields.Nested(EvidenceSchema), required=True)
    verified = fields.Nested(
        VerifiedShareSchema,
        allow_none=True,
        metadata={
            "description": "「已核验」: how much of the revision's frozen score verified files "
            "back, as of now (null for the draft). Scores never change with it."
        },
    )
