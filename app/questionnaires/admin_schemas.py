"""What the administrator's questionnaire versions take in and give back."""

from marshmallow import Schema, fields, validate

from app.questionnaires.models import STATES


class QuestionnaireFileSchema(Schema):
    """An uploaded questionnaire file: its YAML text and the name it had."""

    text = fields.String(
        required=True,
        validate=validate.Length(1, 1_000_000),
        metadata={"description": "the YAML file as text (docs/questionnaire-format.md)"},
    )
    filename = fields.String(
        load_default="upload.yaml",
        validate=validate.Length(1, 255),
        metadata={"description": "the file's name, kept as the version's source"},
    )


class FileCheckSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    question_count = fields.Integer(required=True)
    problems = fields.List(fields.Dict(), required=True, metadata={"description": "always []"})


class VersionSchema(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)
    state = fields.String(required=True, validate=validate.OneOf(STATES))
    title = fields.String(required=True)
    source_file = fields.String(required=True)
    question_count = fields.Integer(required=True)
    created_at = fields.DateTime(allow_none=True)
    published_at = fields.DateTime(allow_none=True)
    retired_at = fields.DateTime(allow_none=True)
    drafts = fields.Integer(
        required=True, metadata={"description": "open assessments (draft or returned) on it"}
    )
    submissions = fields.Integer(required=True, metadata={"description": "submissions of it"})
    current = fields.Boolean(
        required=True, metadata={"description": "new assessments start on this version"}
    )


class UploadedVersionSchema(VersionSchema):
    created = fields.Boolean(
        required=True, metadata={"description": "false: the same content was stored already"}
    )


class QuestionnaireVersionsSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    versions = fields.List(fields.Nested(VersionSchema), required=True)


class VersionListSchema(Schema):
    items = fields.List(fields.Nested(QuestionnaireVersionsSchema), required=True)


class ChangesArgsSchema(Schema):
    since = fields.Integer(
        validate=validate.Range(1, 2**31 - 1),
        metadata={"description": "the version to compare with (default: the current one)"},
    )


class ChangesSchema(Schema):
    key = fields.String(required=True)
    since = fields.Integer(allow_none=True, metadata={"description": "null: nothing to compare"})
    version = fields.Integer(required=True)
    added = fields.List(fields.Dict(), required=True)
    removed = fields.List(fields.Dict(), required=True)
    reworded = fields.List(fields.Dict(), required=True)
    options = fields.List(fields.Dict(), required=True)
    weights = fields.List(fields.Dict(), required=True)
    conditions = fields.List(fields.Dict(), required=True)
    other = fields.List(fields.Dict(), required=True)
    dimensions = fields.List(fields.Dict(), required=True)
