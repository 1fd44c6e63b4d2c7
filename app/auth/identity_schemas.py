"""What the regulator's identity checks take and give (docs/identity.md)."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.api import MAX_ID
from app.auth.models import VERIFICATION_STATES
from app.auth.schemas import EnterpriseSchema, MobilePhoneField
from app.i18n import register_field_texts
from app.messages.identity import IDENTITY_FIELD_TEXTS
from app.text import FreeText

register_field_texts(IDENTITY_FIELD_TEXTS)


# Typed text has one field type (app/text.py); the name stays for the schemas that import it.
PlainText = FreeText


class VerificationDecisionSchema(Schema):
    """The regulator's decision: verify with the checked name, or refuse with a reason."""

    decision = fields.String(required=True, validate=validate.OneOf(("verify", "refuse")))
    name = PlainText(
        validate=validate.Length(2, 100),
        metadata={"description": "the name as checked (the business licence's); for verify"},
    )
    note = PlainText(
        required=True,
        validate=validate.Length(2, 500),
        metadata={"description": "how it was checked (verify), or why it was refused (refuse)"},
    )

    @validates_schema
    def _name_to_verify(self, data, **kwargs):
        if data.get("decision") == "verify" and not data.get("name"):
            raise ValidationError(fields.Field.default_error_messages["required"], "name")


class ReassignmentSchema(Schema):
    """The real company, as the regulator checked it, that takes the USCC over."""

    name = PlainText(required=True, validate=validate.Length(2, 100))
    contact_name = PlainText(required=True, validate=validate.Length(1, 50))
    contact_phone = MobilePhoneField(required=True, metadata={"example": "13812345678"})
    contact_email = fields.Email(
        load_default=None, allow_none=True, validate=validate.Length(max=254)
    )
    note = PlainText(
        required=True,
        validate=validate.Length(2, 500),
        metadata={"description": "how the real company was checked, and why the code moves"},
    )


class EnterpriseListArgsSchema(Schema):
    verification = fields.String(validate=validate.OneOf(VERIFICATION_STATES))
    after = fields.Integer(
        validate=validate.Range(0, MAX_ID),
        metadata={"description": "the previous page's next_after"},
    )
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))


class EnterpriseIdentitySchema(EnterpriseSchema):
    """An enterprise with who it was checked to be."""

    uscc = fields.String(required=True, allow_none=True)
    contact_name = fields.String(required=True)
    contact_phone = fields.String(required=True)
    verification = fields.String(required=True, validate=validate.OneOf(VERIFICATION_STATES))
    verified_name = fields.String(allow_none=True)
    verification_note = fields.String(allow_none=True)
    verification_at = fields.DateTime(allow_none=True)
    released_uscc = fields.String(allow_none=True)
    created_at = fields.DateTime(required=True)


class EnterpriseListSchema(Schema):
    items = fields.List(fields.Nested(EnterpriseIdentitySchema), required=True)
    next_after = fields.Integer(allow_none=True, metadata={"description": "the next page's after"})


class ReassignedSchema(Schema):
    enterprise = fields.Nested(EnterpriseIdentitySchema, required=True)
    username = fields.String(required=True)
    password = fields.String(
        required=True, metadata={"description": "the first password; shown in this answer only"}
    )
