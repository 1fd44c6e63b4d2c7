"""What the account console, password changes and resets take in and give back."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.accounts.models import RESET_STATES
from app.accounts.service import STATES
from app.accounts.text import masked_email
from app.api import MAX_ID
from app.audit.schemas import DAYS
from app.auth.models import ROLES, STAFF_ROLES, VERIFICATION_STATES
from app.auth.schemas import (
    IndustryCodeField,
    JurisdictionField,
    StaffUsernameField,
    UsccField,
)
from app.i18n import register_field_texts
from app.messages.accounts import ACCOUNTS_FIELD_TEXTS
from app.pagination import NEXT_DOC
from app.reference.codes import PROVINCE_CODE, unit_for_division_code
from app.tabular.schemas import ImportReportSchema
from app.text import FreeText

register_field_texts(ACCOUNTS_FIELD_TEXTS)
_PASSWORD = {"format": "password"}


class PasswordChangeSchema(Schema):
    current_password = fields.String(
        required=True, load_only=True, validate=validate.Length(1, 128), metadata=_PASSWORD
    )
    new_password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(1, 512),
        metadata={**_PASSWORD, "description": "the rules: docs/accounts.md (422 names the rule)"},
    )


class AreaField(fields.String):
    """130000, a reporting unit or a Hebei county code, kept as given (a filter, not a scope)."""

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip()
        if code != PROVINCE_CODE and unit_for_division_code(code) is None:
            raise ValidationError("@auth.region_not_hebei")
        return code


class AccountArgsSchema(Schema):
    role = fields.String(validate=validate.OneOf(ROLES))
    q = FreeText(
        validate=validate.Length(1, 100),
        metadata={"description": "part of the username, name, enterprise name or USCC"},
    )
    region = AreaField(
        metadata={
            "description": "regulators of this jurisdiction; enterprises of this city-level "
            "unit, or of this county (characters 3–8 of the USCC)"
        }
    )
    industry = IndustryCodeField(
        metadata={
            "description": "enterprises under it; associations with an industry under or over it"
        }
    )
    state = fields.String(validate=validate.OneOf(STATES))
    signed_in_from = fields.Date(
        validate=DAYS, metadata={"description": "last sign-in on or after (Beijing time)"}
    )
    signed_in_to = fields.Date(validate=DAYS, metadata={"description": "last sign-in on or before"})
    never_signed_in = fields.Boolean()
    cursor = fields.String(validate=validate.Length(1, 200))
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))


class AccountEnterpriseSchema(Schema):
    id = fields.Integer(required=True)
    uscc = fields.String(allow_none=True, required=True)
    name = fields.String(required=True)
    region = fields.String(required=True)
    industry = fields.String(required=True)
    verification = fields.String(required=True, validate=validate.OneOf(VERIFICATION_STATES))


class AccountSchema(Schema):
    id = fields.Integer(required=True)
    username = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    display_name = fields.String(required=True)
    state = fields.String(
        required=True,
        validate=validate.OneOf(STATES),
        metadata={"description": "password_change: a temporary password not yet changed"},
    )
    jurisdiction = fields.String(allow_none=True, required=True)
    jurisdiction_name = fields.String(allow_none=True, required=True)
    industries = fields.List(fields.String(), allow_none=True, required=True)
    enterprise = fields.Nested(AccountEnterpriseSchema, allow_none=True, required=True)
    created_at = fields.DateTime(required=True)
    last_sign_in_at = fields.DateTime(allow_none=True, required=True)


class AccountPageSchema(Schema):
    items = fields.List(fields.Nested(AccountSchema), required=True)
    next_cursor = fields.String(allow_none=True, required=True)
    next = fields.String(allow_none=True, required=True, metadata={"description": NEXT_DOC})


class AccountCreateSchema(Schema):
    """A staff account; its temporary password is made by the server and shown once."""

    role = fields.String(required=True, validate=validate.OneOf(STAFF_ROLES))
    username = StaffUsernameField(required=True, metadata={"example": "shijiazhuang.wang"})
    display_name = FreeText(load_default=None, allow_none=True, validate=validate.Length(1, 100))
    jurisdiction = JurisdictionField(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "regulator: 130000 (the province), a city-level code or a county code"
        },
    )
    industries = fields.List(
        IndustryCodeField(),
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=50),
        metadata={"description": "association: GB/T 4754-2017 codes (C17, C1772)"},
    )

    @validates_schema(skip_on_field_errors=False)
    def _role_needs(self, data, **kwargs):
        role = data.get("role")
        if role == "regulator" and "jurisdiction" in data and not data["jurisdiction"]:
            raise ValidationError(["@accounts.region_not_jurisdiction"], "jurisdiction")
        if role == "association" and "industries" in data and not data["industries"]:
            raise ValidationError(["@auth.industries_required"], "industries")


class AccountCreatedSchema(Schema):
    account = fields.Nested(AccountSchema, required=True)
    temporary_password = fields.String(
        required=True,
        metadata={"description": "shown in this answer only; changed at the first sign-in"},
    )


class StaffImportedSchema(AccountCreatedSchema):
    row = fields.Integer(required=True, metadata={"description": "the file's row (header: 1)"})


class StaffImportReportSchema(ImportReportSchema):
    created = fields.List(
        fields.Nested(StaffImportedSchema),
        required=True,
        metadata={"description": "each account made, with its temporary password (shown once)"},
    )


class TemporaryPasswordSchema(AccountCreatedSchema):
    """A staff account's new temporary password: its sessions ended, changed at sign-in."""


class SignInSchema(Schema):
    at = fields.DateTime(required=True)
    status = fields.Integer(
        required=True, metadata={"description": "200 signed in; 401 wrong password; 429 limited"}
    )
    address = fields.String(allow_none=True, required=True)
    user_agent = fields.String(allow_none=True, required=True)


class SignInListSchema(Schema):
    items = fields.List(fields.Nested(SignInSchema), required=True)


class ResetAskSchema(Schema):
    uscc = UsccField(required=True, metadata={"example": "91130100MA0000001X"})


class ResetAskedSchema(Schema):
    detail = fields.String(required=True, metadata={"description": "the same for every code"})


class ResetArgsSchema(Schema):
    state = fields.String(
        validate=validate.OneOf(RESET_STATES),
        metadata={"description": "default: the open ones (pending and issued)"},
    )
    after = fields.Integer(validate=validate.Range(0, MAX_ID))
    limit = fields.Integer(load_default=50, validate=validate.Range(1, 200))


class ResetEnterpriseSchema(AccountEnterpriseSchema):
    contact_name = fields.String(required=True)
    contact_phone = fields.String(
        required=True, metadata={"description": "call it to check who asks, before the code"}
    )
    contact_email = fields.Function(
        lambda enterprise: masked_email(enterprise.contact_email),
        allow_none=True,
        metadata={"description": "masked (w***@example.cn); null: the code cannot be emailed"},
    )


class ResetSchema(Schema):
    id = fields.Integer(required=True)
    state = fields.String(required=True, validate=validate.OneOf(RESET_STATES))
    requested_at = fields.DateTime(required=True)
    issued_at = fields.DateTime(allow_none=True, required=True)
    code_expires_at = fields.DateTime(allow_none=True, required=True)
    completed_at = fields.DateTime(allow_none=True, required=True)
    enterprise = fields.Nested(ResetEnterpriseSchema, required=True)


class ResetListSchema(Schema):
    items = fields.List(fields.Nested(ResetSchema), required=True)
    next_after = fields.Integer(allow_none=True, required=True)


class ResetCodeArgsSchema(Schema):
    channel = fields.String(
        load_default="desk",
        validate=validate.OneOf(("desk", "email")),
        metadata={
            "description": "desk: the code is in the answer, to read out; email: sent to the "
            "contact email given at registration, not in the answer"
        },
    )


class ResetCodeSchema(Schema):
    reset = fields.Nested(ResetSchema, required=True)
    code = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "8 digits, shown this once; read it out (null when emailed)"},
    )
    channel = fields.String(required=True)
    sent_to = fields.String(
        allow_none=True, metadata={"description": "the masked address it was emailed to"}
    )
    expires_at = fields.DateTime(required=True)


class ResetRedeemSchema(Schema):
    uscc = UsccField(required=True)
    code = fields.String(
        required=True, validate=validate.Length(1, 32), metadata={"example": "1234 5678"}
    )
    new_password = fields.String(
        required=True, load_only=True, validate=validate.Length(1, 512), metadata=_PASSWORD
    )
