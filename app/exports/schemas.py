"""What POST /exports takes and what a job looks like."""

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .service import KINDS, check_filters

STATE_DOC = (
    "queued → running → done (download it) or failed (`error` says why); a job and its file are "
    "kept for EXPORT_RETENTION_DAYS"
)


class ExportRequestSchema(Schema):
    kind = fields.String(required=True, validate=validate.OneOf(tuple(KINDS)))
    format = fields.String(required=True, validate=validate.OneOf(("csv", "xlsx")))
    lang = fields.String(load_default=None, validate=validate.OneOf(("zh", "en")))
    filters = fields.Dict(
        keys=fields.String(),
        load_default=dict,
        metadata={
            "description": "the query parameters of the kind's own endpoint: the queue's filters "
            "(GET /assessments/export.csv) or the aggregates' (GET /aggregates)"
        },
    )

    @validates_schema
    def filters_fit_the_kind(self, data, **kwargs):
        """Named as filters.<field>, checked by the kind's own schema."""
        if data.get("kind") not in KINDS:
            return
        try:
            check_filters(data["kind"], data.get("filters") or {})
        except ValidationError as error:
            messages = error.messages if isinstance(error.messages, dict) else {"": error.messages}
            raise ValidationError(
                {f"filters.{field}" if field else "filters": m for field, m in messages.items()}
            ) from error


class ExportJobSchema(Schema):
    id = fields.String(required=True)
    kind = fields.String(required=True)
    format = fields.String(required=True)
    lang = fields.String(required=True)
    filters = fields.Dict(required=True)
    state = fields.String(required=True, metadata={"description": STATE_DOC})
    rows_written = fields.Integer(required=True)
    rows_estimated = fields.Integer(
        allow_none=True, required=True, metadata={"description": "rows expected (None: unknown)"}
    )
    error = fields.String(allow_none=True, required=True)
    size = fields.Integer(allow_none=True, required=True)
    sha256 = fields.String(allow_none=True, required=True)
    created_at = fields.DateTime(required=True)
    started_at = fields.DateTime(allow_none=True, required=True)
    finished_at = fields.DateTime(allow_none=True, required=True)
    expires_at = fields.DateTime(required=True)
    download = fields.Method("_download", allow_none=True, required=True)

    def _download(self, job) -> str | None:
        return f"/api/v1/exports/{job.id}/file" if job.state == "done" else None


class ExportListSchema(Schema):
    items = fields.List(fields.Nested(ExportJobSchema), required=True)
