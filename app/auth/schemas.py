"""What accounts and sessions take in and give back; fields normalise as they validate."""

import re

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.auth.models import ROLES, SERVICE_SCOPES, SIZES, STAFF_ROLES
from app.auth.password_rules import MAX_LENGTH, MIN_LENGTH, password_rule_broken
from app.i18n import register_field_texts
from app.messages.auth import FIELD_TEXTS
from app.reference.codes import industry, is_jurisdiction_code, unit_for_division_code
from app.reference.uscc import InvalidUscc, validate_uscc
from app.text import FreeText

USCC_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
STAFF_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
MOBILE = re.compile(r"1[3-9][0-9]{9}")
MOBILE_NOISE = re.compile(r"[\s\-()]")
register_field_texts(FIELD_TEXTS)


def normalise_username(raw: str) -> str:
    """A USCC-shaped username compacted to upper case; any other lower-cased."""
    text = raw.strip()
    compact = re.sub(r"[\s-]", "", text).upper()
    return compact if USCC_SHAPE.fullmatch(compact) else text.lower()


def check_password(
    password: str, *, username: str | None = None, personal: tuple[str, ...] = ()
) -> None:
    """Raise a field ValidationError naming the rule the password breaks (password_rules.py)."""
    rule = password_rule_broken(password, username=username, personal=personal)
    if rule is not None:
        raise ValidationError(f"@auth.password_{rule}")


class UsccField(fields.String):
    """A 统一社会信用代码: spaces and lower case normalised, check characters verified."""

    def _deserialize(self, value, attr, data, **kwargs):
        raw = super()._deserialize(value, attr, data, **kwargs)
        try:
            return validate_uscc(raw).code
        except InvalidUscc as exc:
            raise ValidationError(f"@uscc.{exc.message_key}") from exc


class IndustryClassField(fields.String):
    """A GB/T 4754-2017 class (4 digits), returned with its section letter: 1772 → C1772."""

    def _deserialize(self, value, attr, data, **kwargs):
        entry = industry(super()._deserialize(value, attr, data, **kwargs))
        if entry is None or entry["level"] != "class":
            raise ValidationError("@auth.industry_unknown")
        return entry["code"]


class IndustryCodeField(fields.String):
    """A GB/T 4754-2017 code at any level (C, C17, C177, C1772), with its section letter."""

    def _deserialize(self, value, attr, data, **kwargs):
        entry = industry(super()._deserialize(value, attr, data, **kwargs))
        if entry is None:
            raise ValidationError("@auth.industry_prefix_unknown")
        return entry["code"]


class MobilePhoneField(fields.String):
    """A mainland China mobile number, returned as its 11 digits (+86 and spaces dropped)."""

    def _deserialize(self, value, attr, data, **kwargs):
        digits = MOBILE_NOISE.sub("", super()._deserialize(value, attr, data, **kwargs))
        for prefix in ("+86", "0086", "86"):
            if digits.startswith(prefix) and len(digits) == len(prefix) + 11:
                digits = digits[len(prefix) :]
        if not MOBILE.fullmatch(digits):
            raise ValidationError("@auth.phone_invalid")
        return digits


class RegionField(fields.String):
    """A Hebei GB/T 2260 code, returned as its reporting unit (a county rolls up to its city)."""

    def _deserialize(self, value, attr, data, **kwargs):
        unit = unit_for_division_code(super()._deserialize(value, attr, data, **kwargs).strip())
        if unit is None:
            raise ValidationError("@auth.region_not_hebei")
        return unit


class JurisdictionField(fields.String):
    """130000 for the whole province, one reporting unit or one Hebei county (GB/T 2260)."""

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip()
        if not is_jurisdiction_code(code):
            raise ValidationError("@auth.jurisdiction_invalid")
        return code


class RegisterSchema(Schema):
    uscc = UsccField(required=True, metadata={"example": "91110000600037341L"})
    name = FreeText(required=True, validate=validate.Length(2, 100))
    password = fields.String(
        required=True,
        load_only=True,
        metadata={
            "format": "password",
            "minLength": MIN_LENGTH,
            "maxLength": MAX_LENGTH,
            "description": "not a common password or pattern, without the USCC or contact phone",
        },
    )
    industry = IndustryClassField(required=True, metadata={"example": "C1772"})
    size = fields.String(required=True, validate=validate.OneOf(SIZES))
    contact_name = FreeText(required=True, validate=validate.Length(1, 50))
    contact_phone = MobilePhoneField(required=True, metadata={"example": "13812345678"})
    contact_email = fields.Email(
        load_default=None, allow_none=True, validate=validate.Length(max=254)
    )
    region = RegionField(
        load_default=None,
        allow_none=True,
        metadata={"description": "needed only when the code was not registered in Hebei"},
    )

    @validates_schema(skip_on_field_errors=False)
    def _check_across_fields(self, data, **kwargs):
        errors = {}
        if "password" in data:
            try:
                phone = (data.get("contact_phone"),)
                check_password(data["password"], username=data.get("uscc"), personal=phone)
            except ValidationError as exc:
                errors["password"] = exc.messages
        # region absent from data: it failed its own check; None: it was not given.
        region_missing = "region" in data and data["region"] is None
        if "uscc" in data and region_missing and validate_uscc(data["uscc"]).region is None:
            errors["region"] = ["@auth.region_required"]
        if errors:
            raise ValidationError(errors)


class EnterpriseSchema(Schema):
    id = fields.Integer(required=True)
    uscc = fields.String(required=True)
    name = fields.String(required=True)
    region = fields.String(required=True, metadata={"description": "reporting unit code"})
    industry = fields.String(required=True)
    size = fields.String(required=True)


class EnterpriseProfileSchema(EnterpriseSchema):
    contact_name = fields.String(required=True)
    contact_phone = fields.String(required=True)
    contact_email = fields.String(allow_none=True)
    needs_attention = fields.Boolean(
        required=True, metadata={"description": "region given, not derived from a Hebei code"}
    )
    verification = fields.String(
        required=True,
        metadata={"description": "unverified until the region's regulator verifies it"},
    )
    verified_name = fields.String(allow_none=True)


class LoginSchema(Schema):
    username = fields.String(
        required=True,
        validate=validate.Length(1, 100),
        metadata={"description": "an enterprise's USCC, or a staff username"},
    )
    password = fields.String(required=True, load_only=True, validate=validate.Length(1, 128))


class TokenSchema(Schema):
    access_token = fields.String(required=True)
    refresh_token = fields.String(
        metadata={"description": "absent when sent as the HttpOnly cookie (X-Refresh-Cookie: 1)"}
    )
    token_type = fields.String(required=True, metadata={"example": "Bearer"})
    expires_in = fields.Integer(required=True, metadata={"description": "access token, seconds"})
    refresh_expires_at = fields.DateTime(
        required=True, metadata={"description": "the refresh token's end, unless used (idle)"}
    )
    session_expires_at = fields.DateTime(
        required=True, metadata={"description": "the session's absolute end: sign in again then"}
    )
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    username = fields.String(required=True, metadata={"description": "as stored (USCC upper case)"})
    must_change_password = fields.Boolean(
        required=True,
        metadata={"description": "a temporary password: change it (POST /me/password) first"},
    )


class MeSchema(Schema):
    id = fields.Integer(required=True)
    username = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    display_name = fields.String(required=True)
    enterprise = fields.Nested(EnterpriseProfileSchema, allow_none=True)
    jurisdiction = fields.String(allow_none=True, metadata={"example": "130100"})
    jurisdiction_name = fields.String(allow_none=True, metadata={"example": "石家庄市"})
    industries = fields.List(fields.String(), allow_none=True)


class StaffUsernameField(fields.String):
    """A staff username: lower case, 3–64 characters, never shaped like a USCC."""

    def _deserialize(self, value, attr, data, **kwargs):
        username = super()._deserialize(value, attr, data, **kwargs).strip().lower()
        if not STAFF_USERNAME.fullmatch(username) or USCC_SHAPE.fullmatch(username.upper()):
            raise ValidationError("@auth.username_invalid")
        return username


class StaffCreateSchema(Schema):
    """A regulator, association or admin account, as the CLI creates it (password optional)."""

    role = fields.String(required=True, validate=validate.OneOf(STAFF_ROLES))
    username = StaffUsernameField(required=True)
    password = fields.String(load_only=True)
    display_name = FreeText(load_default=None, allow_none=True, validate=validate.Length(1, 100))
    jurisdiction = JurisdictionField(load_default=None, allow_none=True)
    industries = fields.List(IndustryCodeField(), load_default=None, allow_none=True)

    @validates_schema(skip_on_field_errors=False)
    def _check_role_fields(self, data, **kwargs):
        # A field that failed its own validation is absent from data; one not given is None.
        errors = {}
        if "password" in data:
            try:
                check_password(data["password"], username=data.get("username"))
            except ValidationError as exc:
                errors["password"] = exc.messages
        role = data.get("role")
        if role == "regulator" and "jurisdiction" in data and not data["jurisdiction"]:
            errors["jurisdiction"] = ["@auth.jurisdiction_invalid"]
        if role == "association" and "industries" in data and not data["industries"]:
            errors["industries"] = ["@auth.industries_required"]
        if errors:
            raise ValidationError(errors)


class ServiceTokenCreateSchema(Schema):
    """A service token to issue: its name, read-only scopes and the region it may read."""

    name = FreeText(required=True, validate=validate.Length(1, 100))
    scopes = fields.List(
        fields.String(validate=validate.OneOf(SERVICE_SCOPES)),
        required=True,
        validate=validate.Length(1, len(SERVICE_SCOPES)),
    )
    jurisdiction = JurisdictionField(
        load_default="130000",
        metadata={"description": "130000 (all of Hebei), a city-level code or a county code"},
    )
    days = fields.Integer(
        load_default=None,
        allow_none=True,
        validate=validate.Range(1, 3650),
        metadata={"description": "lifetime; default SERVICE_TOKEN_DAYS"},
    )


class ServiceTokenSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    scopes = fields.List(fields.String(), required=True)
    jurisdiction = fields.String(required=True)
    state = fields.String(required=True, validate=validate.OneOf(("active", "expired", "revoked")))
    created_at = fields.DateTime(required=True)
    expires_at = fields.DateTime(allow_none=True, required=True)
    revoked_at = fields.DateTime(allow_none=True, required=True)


class ServiceTokenIssuedSchema(ServiceTokenSchema):
    token = fields.String(
        required=True, metadata={"description": "the secret, shown this once; send it as Bearer"}
    )


class ServiceTokenListSchema(Schema):
    items = fields.List(fields.Nested(ServiceTokenSchema), required=True)
