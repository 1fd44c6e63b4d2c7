"""What the report endpoints take and give: query arguments in, verification facts out."""

from marshmallow import Schema, fields, validate

from app.auth.identity_schemas import PlainText

from .models import LANGS


class ReportArgsSchema(Schema):
    revision = fields.Integer(
        validate=validate.Range(1, 10_000), metadata={"description": "Default: the latest"}
    )
    lang = fields.String(
        validate=validate.OneOf(LANGS),
        load_default="zh",
        metadata={"description": "The report's language; Chinese unless asked for"},
    )


class PlanArgsSchema(Schema):
    revision = fields.Integer(
        validate=validate.Range(1, 10_000), metadata={"description": "Default: the latest"}
    )
    lang = fields.String(
        validate=validate.OneOf(LANGS),
        metadata={"description": "Default: from Accept-Language, else Chinese"},
    )


class PendingSchema(Schema):
    status = fields.String(required=True, metadata={"description": "pending or failed"})
    detail = fields.String(required=True)
    retry_after = fields.Integer(required=True, metadata={"description": "Seconds"})


class ReportStatusSchema(Schema):
    revision = fields.Integer(required=True)
    lang = fields.String(required=True)
    status = fields.String(
        required=True,
        validate=validate.OneOf(("pending", "rendering", "ready", "failed")),
        metadata={
            "description": "pending (not started), rendering (an attempt is running, or a "
            "retry is scheduled), ready, or failed (no retry will come by itself: a download or "
            "`flask reports pending --render` tries again)"
        },
    )
    attempts = fields.Integer(required=True, metadata={"description": "Render attempts so far"})
    rendered_at = fields.DateTime(required=True, allow_none=True)
    verification_code = fields.String(metadata={"description": "When ready"})
    error = fields.String(
        allow_none=True,
        metadata={"description": "Regulators only: the first line of the last attempt's error"},
    )


class MaturityRefSchema(Schema):
    level = fields.Integer(required=True)
    label = fields.String(required=True)


class VerifiedQuestionnaireSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    version = fields.Integer(required=True)


class VerifiedEnterpriseSchema(Schema):
    name = fields.String(
        required=True, metadata={"description": "the checked name, or the declared one marked"}
    )
    declared_name = fields.String(required=True)
    uscc = fields.String(required=True)
    verified = fields.Boolean(
        required=True, metadata={"description": "false: 企业自报，未经核验 (nobody checked who)"}
    )


class ReviewStateSchema(Schema):
    state = fields.String(
        required=True,
        validate=validate.OneOf(("approved", "returned", "waiting", "superseded")),
    )
    decided_at = fields.DateTime(allow_none=True)


class RevokedSchema(Schema):
    at = fields.DateTime(required=True)
    reason = fields.String(required=True)


class RevocationSchema(Schema):
    """Why the regulator withdraws a report's code."""

    reason = PlainText(required=True, validate=validate.Length(2, 500))


class VerifiedDocumentSchema(Schema):
    lang = fields.String(required=True)
    status = fields.String(required=True, metadata={"description": "ready, pending or failed"})
    sha256 = fields.String(
        required=True, allow_none=True, metadata={"description": "SHA-256 (hex) of the PDF bytes"}
    )
    size = fields.Integer(required=True, allow_none=True, metadata={"description": "Bytes"})
    rendered_at = fields.DateTime(required=True, allow_none=True)


class VerificationSchema(Schema):
    code = fields.String(required=True)
    report_number = fields.String(required=True)
    enterprise = fields.Nested(VerifiedEnterpriseSchema, required=True)
    questionnaire = fields.Nested(VerifiedQuestionnaireSchema, required=True)
    revision = fields.Integer(required=True)
    submitted_at = fields.DateTime(required=True)
    overall = fields.Float(required=True)
    maturity = fields.Nested(MaturityRefSchema, required=True)
    superseded = fields.Boolean(
        required=True, metadata={"description": "A later revision of the assessment exists"}
    )
    notice = fields.String(
        allow_none=True, metadata={"description": "企业自报，未经核验 while the firm is unverified"}
    )
    review = fields.Nested(ReviewStateSchema, required=True)
    revoked = fields.Nested(
        RevokedSchema, allow_none=True, metadata={"description": "set once a regulator revoked"}
    )
    document = fields.Nested(VerifiedDocumentSchema, required=True)
