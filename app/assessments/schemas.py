"""Assessment requests and representations."""

from datetime import UTC, date, datetime

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.api import MAX_ID
from app.assessments.filters import day_start
from app.assessments.listing import SORTS
from app.assessments.result_schemas import ResultSchema
from app.auth.models import SIZES
from app.auth.schemas import IndustryCodeField
from app.i18n import register_field_texts
from app.messages.assessments import QUEUE_FIELD_TEXTS
from app.pagination import NEXT_DOC
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


class AssessmentCreateSchema(Schema):
    questionnaire = fields.String(required=True, validate=validate.Length(1, 64))
    start_from = fields.String(
        load_default="blank",
        validate=validate.OneOf(["blank", "last"]),
        metadata={
            "description": "`last`: a new draft starts from the enterprise's last submitted "
            "answers to this questionnaire (those the current version still asks); evidence "
            "files are not carried. An open draft that exists already is returned as it is."
        },
    )


class AnswersPatchSchema(Schema):
    answers = fields.Dict(
        keys=fields.String(validate=validate.Length(1, 64)),
        values=fields.Raw(allow_none=True),
        required=True,
        validate=validate.Length(min=1, max=200),
        metadata={"description": "question id → value; null clears an answer"},
    )


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


class RevisionArgsSchema(Schema):
    revision = fields.Integer(validate=validate.Range(1, 10_000))


class QuestionnaireRefSchema(Schema):
    key = fields.String(required=True)
    version = fields.Integer(required=True)
    title = fields.String(required=True)


class EnterpriseRefSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True, metadata={"description": "as the enterprise declared it"})
    uscc = fields.String(required=True, allow_none=True)
    verified = fields.Boolean(
        required=True,
        metadata={"description": "false: 未核验, nobody has checked who is behind the account"},
    )
    verified_name = fields.String(
        allow_none=True, metadata={"description": "the name the regulator checked; show this"}
    )
    region = fields.String(required=True)
    industry = fields.String(required=True)
    size = fields.String(required=True)


class ProgressSchema(Schema):
    answered = fields.Integer(required=True)
    total = fields.Integer(required=True)


class RejectedEvidenceSchema(Schema):
    id = fields.Integer(required=True, metadata={"description": "the evidence file's id"})
    question = fields.String(required=True)
    filename = fields.String(required=True)
    reason = fields.String(allow_none=True, metadata={"description": "why it was rejected"})


class ReviewSchema(Schema):
    decision = fields.String(required=True, validate=validate.OneOf(("approve", "return")))
    comment = fields.String(allow_none=True)
    question_comments = fields.Dict(keys=fields.String(), values=fields.String())
    rejected_evidence = fields.List(
        fields.Nested(RejectedEvidenceSchema),
        metadata={
            "description": "a return: the submitted revision's rejected files, as the regulator "
            "gave the reasons when returning; the enterprise replaces them on the draft"
        },
    )
    decided_at = fields.DateTime(allow_none=True)


class SectionProgressSchema(Schema):
    key = fields.String(required=True)
    title = fields.String(required=True)
    answered = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": "questions shown in it"})


class AssessmentSchema(Schema):
    id = fields.Integer(required=True)
    questionnaire = fields.Nested(QuestionnaireRefSchema, required=True)
    enterprise = fields.Nested(EnterpriseRefSchema, required=True)
    status = fields.String(required=True, validate=STATUS)
    revision = fields.Integer(required=True, metadata={"description": "last submitted revision"})
    version = fields.Integer(
        required=True, metadata={"description": "changes on every write; ETag"}
    )
    answers = fields.Dict(keys=fields.String(), values=fields.Raw(), required=True)
    missing = fields.List(fields.String(), required=True)
    progress = fields.Nested(ProgressSchema, required=True)
    sections = fields.List(
        fields.Nested(SectionProgressSchema),
        required=True,
        metadata={
            "description": "the sections with a question shown for this enterprise, in order "
            "(a section none of whose questions applies is left out)"
        },
    )
    facts = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        required=True,
        metadata={
            "description": "what the conditions are evaluated with: industry, size and the "
            "profile's answers (current while open, frozen at the last submit otherwise)"
        },
    )
    review = fields.Nested(
        ReviewSchema,
        allow_none=True,
        metadata={"description": "the regulator's decision on the latest revision, once made"},
    )
    overall = fields.Float(allow_none=True, metadata={"description": "latest revision's score"})
    maturity_level = fields.Integer(allow_none=True)
    red_flag_count = fields.Integer(allow_none=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    submitted_at = fields.DateTime(allow_none=True)
    campaign_id = fields.Integer(
        allow_none=True,
        metadata={"description": "the campaign it is filed for (docs/campaigns.md)"},
    )
    year = fields.Integer(
        allow_none=True,
        metadata={"description": "its campaign's year, else its first submission's; null before"},
    )
    late = fields.Boolean(metadata={"description": "first submitted after its campaign closed"})
    dropped = fields.List(
        fields.String(), metadata={"description": "answers removed because a change hid them"}
    )
    result = fields.Nested(
        ResultSchema, metadata={"description": "on submission: the result, as /result"}
    )


class StatusCountsSchema(Schema):
    draft = fields.Integer(required=True)
    submitted = fields.Integer(required=True)
    returned = fields.Integer(required=True)
    approved = fields.Integer(required=True)


class AssessmentPageSchema(Schema):
    items = fields.List(fields.Nested(AssessmentSchema), required=True)
    next_cursor = fields.String(allow_none=True, required=True)
    next = fields.String(allow_none=True, required=True, metadata={"description": NEXT_DOC})
    sort = fields.String(required=True)
    counts = fields.Nested(
        StatusCountsSchema,
        required=True,
        metadata={"description": "matches per status under every filter but status itself"},
    )
    total = fields.Integer(
        required=True, metadata={"description": "matches under every filter, status included"}
    )


class EventSchema(Schema):
    id = fields.Integer(required=True)
    action = fields.String(required=True)
    actor = fields.String(required=True, metadata={"description": "username of who acted"})
    role = fields.String(required=True)
    revision = fields.Integer(allow_none=True)
    comment = fields.String(allow_none=True)
    data = fields.Dict(allow_none=True)
    created_at = fields.DateTime(required=True)


class EventListSchema(Schema):
    items = fields.List(fields.Nested(EventSchema), required=True)
