"""The queue's filters: typed query fields, the filter schema, the list's arguments."""

from datetime import UTC, date, datetime

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.api import MAX_ID
from app.assessments.filters import day_start
from app.assessments.listing import SORTS
from app.auth.models import SIZES
from app.auth.schemas import IndustryCodeField
from app.i18n import register_field_texts
from app.messages.assessments import QUEUE_FIELD_TEXTS
from app.reference.codes import PROVINCE_CODE, county_code, unit_for_division_code

# superseded: a draft folded into a returned assessment of its questionnaire (docs/review.md).
STATUS = validate.OneOf(("draft", "submitted", "returned", "approved", "superseded"))
register_field_texts(QUEUE_FIELD_TEXTS)


class RegionFilterField(fields.String):
    """A Hebei code as a filter: its reporting unit (a county rolls up); 130000 means all."""

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip()
        if code == PROVINCE_CODE:
            return None
        unit = unit_for_division_code(code)
        if unit is None:
            raise ValidationError("@queue.region")
        return unit


class CountyField(fields.String):
    """A Hebei county-level code (区县, the USCC's characters 3–8); a city's code is refused.

    Loaded as the county it names today (an old code follows its successor), as stored.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs).strip()
        unit = unit_for_division_code(code)
        # 辛集 and 定州 are reporting units and counties at once; other units are cities.
        if unit is None or (code == unit and code.endswith("00")):
            raise ValidationError("@queue.county")
        return county_code(code)


class SearchText(fields.String):
    """Free text for a search: trimmed, printable (a NUL would upset PostgreSQL)."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if not text.isprintable():
            raise ValidationError("@queue.text")
        return text


class InstantField(fields.String):
    """An instant with its zone (ISO 8601), or a day meaning its first instant in Beijing time.

    A time without a zone is refused: on a server in UTC and a client in UTC+8 it would mean two
    instants eight hours apart.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        try:
            if len(text) == 10:
                return day_start(date.fromisoformat(text))
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None or moment.utcoffset() is None:
                raise ValueError(text)
            return moment.astimezone(UTC)
        except (ValueError, OverflowError) as exc:
            raise ValidationError("@queue.instant") from exc


INSTANT_DOC = {"example": "2026-12-01T08:00:00+08:00"}


class QueueFilterSchema(Schema):
    """The filters of the regulator's queue (an enterprise may use them on its own rows too)."""

    status = fields.String(validate=STATUS)
    questionnaire = fields.String(validate=validate.Length(1, 64))
    year = fields.Integer(validate=validate.Range(2016, 2100))
    region = RegionFilterField(
        metadata={
            "description": "reporting unit (a county code rolls up to it)",
            "example": "130100",
        }
    )
    county = CountyField(
        metadata={
            "description": "county or district (区县): the division code in the USCC",
            "example": "130102",
        }
    )
    industry = IndustryCodeField(
        metadata={"description": "GB/T 4754-2017 code at any level", "example": "C17"}
    )
    size = fields.String(validate=validate.OneOf(SIZES))
    min_score = fields.Float(validate=validate.Range(0, 100))
    max_score = fields.Float(validate=validate.Range(0, 100))
    maturity = fields.Integer(validate=validate.Range(1, 5))
    red_flags = fields.Boolean(
        metadata={"description": "true: only those with a red flag; false: only those without"}
    )
    verified = fields.Boolean(
        metadata={
            "description": "true: only enterprises their regulator verified; false: only those "
            "not verified (未核验: self-reported, counted in no aggregate)"
        }
    )
    submitted_from = fields.Date(
        validate=validate.Range(date(2016, 1, 1), date(2100, 12, 31)),
        metadata={"description": "first day, inclusive (Beijing time)"},
    )
    submitted_to = fields.Date(
        validate=validate.Range(date(2016, 1, 1), date(2100, 12, 31)),
        metadata={"description": "last day, inclusive (Beijing time)"},
    )
    updated_since = InstantField(
        metadata={
            **INSTANT_DOC,
            "description": "changed at or after: submitted, decided, or (the queue) saved; "
            "an instant with its zone, or a day from 00:00 Beijing time",
        }
    )
    decided_from = InstantField(
        metadata={
            **INSTANT_DOC,
            "description": "approved or returned at or after (the latest revision's decision); "
            "an instant with its zone, or a day from 00:00 Beijing time",
        }
    )
    campaign = fields.Integer(
        validate=validate.Range(1, MAX_ID),
        metadata={"description": "filed for this campaign (docs/campaigns.md)"},
    )
    late = fields.Boolean(
        metadata={"description": "true: first submitted after its campaign closed; false: not"}
    )
    q = SearchText(
        validate=validate.Length(1, 100),
        metadata={
            "description": "part of the company name (declared or checked), or the start of its "
            "USCC (two or more digits and capitals with a digit among them; all 18: exact)"
        },
    )

    @validates_schema
    def _check_ranges(self, data, **kwargs):
        low, high = data.get("min_score"), data.get("max_score")
        if low is not None and high is not None and low > high:
            raise ValidationError("@queue.score_range", "min_score")
        first, last = data.get("submitted_from"), data.get("submitted_to")
        if first and last and first > last:
            raise ValidationError("@queue.date_range", "submitted_from")


class AssessmentListArgsSchema(QueueFilterSchema):
    sort = fields.String(
        validate=validate.OneOf(SORTS),
        metadata={
            "description": "field, - for descending; default -submitted_at for a regulator, "
            "-created for an enterprise"
        },
    )
    cursor = fields.String(validate=validate.Length(1, 200))
    limit = fields.Integer(load_default=20, validate=validate.Range(1, 100))
