"""The query and the per-row report every tabular import shares (rolls, staff accounts)."""

from marshmallow import Schema, fields, validate

# The OpenAPI schema of a raw file body.
BINARY = {"type": "string", "format": "binary"}


class ImportArgsSchema(Schema):
    dry_run = fields.Boolean(
        load_default=False, metadata={"description": "check every row, import nothing"}
    )
    skip_invalid = fields.Boolean(
        load_default=False,
        metadata={"description": "import the valid rows even when some are invalid"},
    )


class ImportRowErrorSchema(Schema):
    row = fields.Integer(required=True, metadata={"description": "the file's row (header: 1)"})
    field = fields.String(required=True)
    value = fields.String(allow_none=True)
    message = fields.String(required=True)


class ImportReportSchema(Schema):
    rows = fields.Integer(required=True)
    valid = fields.Integer(required=True)
    invalid = fields.Integer(required=True)
    imported = fields.Integer(required=True, metadata={"description": "0 on a dry run"})
    dry_run = fields.Boolean(required=True)
    format = fields.String(required=True, validate=validate.OneOf(("csv", "xlsx")))
    errors = fields.List(fields.Nested(ImportRowErrorSchema), required=True)
    errors_truncated = fields.Boolean(required=True)
