"""Export jobs: create one, follow it, download its file."""

from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from app.audit.models import EXPORT
from app.auth import policy
from app.errors import ApiError, not_found
from app.i18n import current_language
from app.jobs.background import QueueUnavailable
from app.messages.exports import EXPORT_FILE_MISSING, EXPORT_NOT_READY, QUEUE_UNAVAILABLE
from app.storage import current_store
from app.storage.downloads import file_response

from . import service
from .schemas import ExportJobSchema, ExportListSchema, ExportRequestSchema

blp = Blueprint(
    "exports",
    __name__,
    url_prefix="/api/v1/exports",
    description="Background exports of any size: create, poll, download (docs/exports.md).",
)
ROLES = ("regulator", "association", "admin")
BINARY = {"type": "string", "format": "binary"}


def _own_job(job_id: str):
    job = service.job_of(policy.current_principal().id, job_id)
    if job is None:
        raise not_found()
    return job


@blp.route("")
class Exports(MethodView):
    @policy.allow(*ROLES)
    @blp.response(200, ExportListSchema)
    @blp.doc(operationId="listExports")
    def get(self):
        """Your exports that have not expired, newest first."""
        return {"items": service.jobs_of(policy.current_principal().id)}

    @policy.allow(*ROLES)
    @blp.arguments(ExportRequestSchema)
    @blp.response(202, ExportJobSchema, headers={"Location": {"schema": {"type": "string"}}})
    @blp.alt_response(403, description="Your role cannot export this kind")
    @blp.alt_response(503, description="The queue cannot be reached; retry after Retry-After")
    @blp.doc(operationId="createExport")
    def post(self, args):
        """Start an export; poll the Location until its state is done, then download it."""
        try:
            job = service.create_export(
                principal=policy.current_principal(),
                kind=args["kind"],
                fmt=args["format"],
                filters=args["filters"],
                lang=args["lang"] or current_language(),
            )
        except QueueUnavailable as error:
            raise ApiError(503, QUEUE_UNAVAILABLE, headers={"Retry-After": "30"}) from error
        location = url_for("exports.ExportJobView", job_id=job.id)
        return job, 202, {"Location": location}


@blp.route("/<string:job_id>")
class ExportJobView(MethodView):
    @policy.allow(*ROLES)
    @blp.response(200, ExportJobSchema)
    @blp.alt_response(404, description="No such export of yours")
    @blp.doc(operationId="getExport")
    def get(self, job_id):
        """Where the export stands: state, rows written so far, the estimate, the download."""
        return _own_job(job_id)


@blp.route("/<string:job_id>/file")
class ExportFile(MethodView):
    @policy.allow(*ROLES)
    @blp.doc(
        responses={
            "200": {
                "description": "the file",
                "content": {
                    t.split(";")[0]: {"schema": BINARY} for t in service.CONTENT_TYPES.values()
                },
            }
        }
    )
    @blp.alt_response(404, description="No such export of yours, or its file has expired")
    @blp.alt_response(409, description="Not done yet")
    @blp.doc(operationId="downloadExport")
    def get(self, job_id):
        """The finished file, streamed from storage (hash-checked)."""
        job = _own_job(job_id)
        if job.state != "done":
            raise ApiError(
                409, EXPORT_NOT_READY, state=job.state, extra={"current_status": job.state}
            )
        policy.note_access(EXPORT)
        blob = current_store().open(job.storage_key, sha256=job.sha256)
        if blob is None:
            raise ApiError(404, EXPORT_FILE_MISSING)
        name = f"{job.kind}-{job.created_at:%Y%m%d-%H%M}-{job.id[:8]}.{job.format}"
        response = file_response(
            lambda: blob,
            etag=job.sha256,
            mimetype=service.CONTENT_TYPES[job.format].split(";")[0],
            filename=name,
            fallback=name,
        )
        response.call_on_close(blob.close)
        return response
