"""The profile's request and response bodies."""

from marshmallow import Schema, fields, validate


class ProfileUpdateSchema(Schema):
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(1, 64)),
        values=fields.Raw(allow_none=True),
        required=True,
        validate=validate.Length(max=50),
        metadata={"description": "field id → value: the whole profile (absent or null clears)"},
    )


class RedLineSchema(Schema):
    field = fields.String(required=True)
    option = fields.String(required=True)
    text = fields.String(required=True)


class ProfileSchema(Schema):
    enterprise_id = fields.Integer(required=True)
    answers = fields.Dict(keys=fields.String(), values=fields.Raw(), required=True)
    complete = fields.Boolean(required=True)
    missing = fields.List(
        fields.String(), required=True, metadata={"description": "required fields not answered"}
    )
    red_lines = fields.List(
        fields.Nested(RedLineSchema),
        required=True,
        metadata={"description": "red-line facts stated: they cap every questionnaire submitted"},
    )
    definition_version = fields.Integer(required=True)
    updated_at = fields.DateTime(allow_none=True, required=True)


class ProfileOptionSchema(Schema):
    id = fields.String(required=True)
    text = fields.String(required=True)
    exclusive = fields.Boolean()
    red_flag = fields.String()


class ProfileFieldSchema(Schema):
    id = fields.String(required=True)
    type = fields.String(required=True, validate=validate.OneOf(("single", "multiple", "number")))
    required = fields.Boolean()
    text = fields.String(required=True)
    help = fields.String()
    min = fields.Integer()
    max = fields.Integer()
    condition = fields.Dict(metadata={"description": "{field, contains_any}: shown when it holds"})
    options = fields.List(fields.Nested(ProfileOptionSchema))


class ProfileDefinitionSchema(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)
    fields_ = fields.List(
        fields.Nested(ProfileFieldSchema), required=True, attribute="fields", data_key="fields"
    )
