"""The audit log as admins read it: filters in, a page of entries out."""

from datetime import date

from marshmallow import Schema, fields, validate

from app.audit.models import ACTIONS
from app.pagination import NEXT_DOC

DAYS = validate.Range(date(2016, 1, 1), date(2100, 12, 31))


class AuditArgsSchema(Schema):
    user = fields.String(validate=validate.Length(1, 64), metadata={"description": "username"})
    service_token = fields.Integer(
        validate=validate.Range(1, 2**31 - 1), metadata={"description": "a service token's id"}
    )
    action = fields.String(validate=validate.OneOf(ACTIONS))
    assessment = fields.Integer(validate=validate.Range(1, 2**31 - 1))
    date_from = fields.Date(validate=DAYS, metadata={"description": "first day (Beijing time)"})
    date_to = fields.Date(validate=DAYS, metadata={"description": "last day, inclusive"})
    cursor = fields.String(validate=validate.Length(1, 200))
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))


class AuditUserSchema(Schema):
    id = fields.Integer(required=True)
    username = fields.String(allow_none=True, required=True)
    role = fields.String(required=True)


class AuditEntrySchema(Schema):
    id = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    user = fields.Nested(
        AuditUserSchema, allow_none=True, required=True, metadata={"description": "null: a token"}
    )
    service_token_id = fields.Integer(allow_none=True, required=True)
    role = fields.String(required=True, metadata={"description": "`service` for a service token"})
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    assessment_id = fields.Integer(allow_none=True, required=True)
    method = fields.String(required=True)
    path = fields.String(required=True)
    filters = fields.Dict(allow_none=True, required=True, metadata={"description": "query"})
    details = fields.Dict(
        allow_none=True,
        required=True,
        metadata={"description": "list: enterprise and assessment ids returned; review: decision"},
    )
    status = fields.Integer(required=True)
    address = fields.String(allow_none=True, required=True, metadata={"description": "client"})
    request_id = fields.String(allow_none=True, required=True)
    user_agent = fields.String(allow_none=True, required=True)


class AuditPageSchema(Schema):
    items = fields.List(fields.Nested(AuditEntrySchema), required=True)
    next_cursor = fields.String(allow_none=True, required=True)
    next = fields.String(allow_none=True, required=True, metadata={"description": NEXT_DOC})
