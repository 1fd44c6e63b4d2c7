"""Evidence endpoints: upload to a draft's question, list, open, remove; a regulator's verdict."""

import logging

from flask.views import MethodView
from flask_smorest import Blueprint

from app.api import response_headers
from app.assessments.models import Assessment
from app.audit.models import EVIDENCE_REMOVE, EVIDENCE_UPLOAD, EVIDENCE_VERIFY, EVIDENCE_VIEW
from app.audit.service import record_event
from app.auth import policy
from app.auth.models import REGULATOR
from app.db import db
from app.errors import ApiError, accept_uploads, not_found
from app.evidence import lifecycle, service
from app.evidence.body import read_body, upload_key
from app.evidence.files import EXTENSIONS
from app.evidence.representation import evidence_repr
from app.evidence.schemas import (
    EvidenceListArgsSchema,
    EvidenceListSchema,
    EvidenceSchema,
    EvidenceVerdictInSchema,
    FileArgsSchema,
    UploadArgsSchema,
)
from app.evidence.summary import revision_share
from app.storage import current_store
from app.storage.downloads import file_response

log = logging.getLogger(__name__)

blp = Blueprint(
    "evidence",
    __name__,
    url_prefix="/api/v1/assessments",
    description="Evidence files on answers: uploaded to a draft, frozen with each submission, "
    "verified by the regulator.",
)

BINARY = {"type": "string", "format": "binary"}
UPLOAD_BODY = {
    "required": True,
    "description": "The file's bytes (PDF, JPEG or PNG; judged from the bytes, not the type)",
    "content": {t: {"schema": BINARY} for t in (*EXTENSIONS, "application/octet-stream")},
}
KEY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "schema": {"type": "string", "maxLength": 128},
    "description": "the upload's own id: a retry with it answers the file stored the first time",
}
# A file is shown in a sandbox whatever it holds: no script runs, nothing is fetched.
FILE_POLICY = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"


@blp.route("/<int:assessment_id>/evidence")
class EvidenceCollection(MethodView):
    @policy.allow("enterprise")
    @blp.arguments(UploadArgsSchema, location="query")
    @blp.doc(parameters=[KEY_HEADER], requestBody=UPLOAD_BODY)
    @blp.response(201, EvidenceSchema)
    @blp.alt_response(
        200,
        schema=EvidenceSchema,
        description="A retry: the file the first request with this Idempotency-Key stored",
        headers=response_headers("Idempotent-Replayed"),
    )
    @blp.alt_response(404, description="No such draft of yours")
    @blp.alt_response(409, description="Submitted or approved: evidence can change when returned")
    @blp.alt_response(413, description="Larger than EVIDENCE_MAX_BYTES (file-too-large)")
    @blp.alt_response(415, description="Not a PDF, JPEG or PNG (unsupported-file-type)")
    @blp.alt_response(
        422,
        description="An unknown or hidden question, one taking no evidence, a full question or "
        "assessment (too-many-files), an empty or unreadable file",
    )
    @blp.alt_response(503, description="Storage unreachable; see Retry-After")
    @blp.doc(operationId="uploadEvidence")
    def post(self, args, assessment_id):
        """Add a file (PDF, JPEG, PNG) to a question of your draft; images are re-encoded."""
        principal = policy.require_role("enterprise")
        policy.assessment_for_write(principal, assessment_id, record=True)
        key = upload_key()
        body, received = read_body()
        upload = None
        try:
            with body:
                upload = service.upload_evidence(
                    assessment_id=assessment_id,
                    question_id=args["question"],
                    filename=args.get("filename"),
                    body=body,
                    received_sha256=received,
                    key=key,
                    actor=principal,
                )
            if upload.created:
                record_event(
                    action=EVIDENCE_UPLOAD,
                    role=principal.role,
                    user_id=principal.id,
                    assessment_id=assessment_id,
                    details=_details(upload.evidence),
                    status=201,
                    in_session=True,
                )
            db.session.commit()
        except BaseException:
            db.session.rollback()
            if upload is not None:
                service.discard_stored(upload)
            raise
        if upload.created:
            return evidence_repr(upload.evidence)
        return evidence_repr(upload.evidence), 200, {"Idempotent-Replayed": "true"}

    @policy.allow("enterprise", "regulator")
    @blp.arguments(EvidenceListArgsSchema, location="query")
    @blp.response(200, EvidenceListSchema)
    @blp.alt_response(404, description="Not in your scope, or no such revision")
    @blp.doc(operationId="listEvidence")
    def get(self, args, assessment_id):
        """The files of the draft (owner) or of a submitted revision, by question."""
        principal = policy.current_principal()
        assessment = policy.assessment_for_read(principal, assessment_id, record=True)
        revision = args.get("revision")
        if revision is None and principal.role == REGULATOR:
            revision = assessment.revision  # never the draft after a return
        if revision is not None and revision > assessment.revision:
            raise not_found()
        items = service.list_evidence(assessment_id=assessment_id, revision=revision)
        verified = None
        if revision is not None:
            verified = revision_share(assessment_id=assessment_id, revision=revision)
        return {
            "revision": revision,
            "items": [evidence_repr(e) for e in items],
            "verified": verified,
        }


# The upload is the file itself as the body, bounded by its own setting instead of the JSON one.
accept_uploads("evidence.EvidenceCollection", max_bytes_setting="EVIDENCE_MAX_BYTES")


@blp.route("/<int:assessment_id>/evidence/<int:evidence_id>")
class EvidenceItem(MethodView):
    @policy.allow("enterprise")
    @blp.response(204)
    @blp.alt_response(404, description="No such file on your draft")
    @blp.alt_response(409, description="Submitted or approved: evidence can change when returned")
    @blp.doc(operationId="removeEvidence")
    def delete(self, assessment_id, evidence_id):
        """Take a file off your draft (earlier submitted revisions keep it)."""
        principal = policy.require_role("enterprise")
        policy.assessment_for_write(principal, assessment_id, record=True)
        assessment = db.session.get(Assessment, assessment_id)
        try:
            evidence = service.get_evidence(assessment_id=assessment_id, evidence_id=evidence_id)
            details = _details(evidence)
            blob = service.remove_evidence(assessment=assessment, evidence_id=evidence_id)
        except ApiError:
            db.session.rollback()
            raise
        record_event(
            action=EVIDENCE_REMOVE,
            role=principal.role,
            user_id=principal.id,
            assessment_id=assessment_id,
            details={**details, "kept_for_history": blob is None},
            status=204,
            in_session=True,
        )
        db.session.commit()
        if blob is not None:
            service.forget_blob(blob)
        return "", 204


@blp.route("/<int:assessment_id>/evidence/<int:evidence_id>/file")
class EvidenceFileContent(MethodView):
    @policy.allow("enterprise", "regulator")
    @blp.arguments(FileArgsSchema, location="query")
    @blp.doc(
        responses={
            "200": {
                "description": "The file's bytes (ETag: its SHA-256), served in a sandbox",
                "content": {t: {"schema": BINARY} for t in EXTENSIONS},
                "headers": response_headers("ETag"),
            }
        }
    )
    @blp.alt_response(
        304, description="Not modified (If-None-Match)", headers=response_headers("ETag")
    )
    @blp.alt_response(404, description="Not in your scope, or never submitted (regulator)")
    @blp.alt_response(503, description="Storage unreachable; see Retry-After")
    @blp.doc(operationId="getEvidenceFile")
    def get(self, args, assessment_id, evidence_id):
        """The file, to view inline or save; every opening is audited."""
        principal = policy.current_principal()
        policy.assessment_for_read(principal, assessment_id, record=True)
        evidence = service.get_evidence(assessment_id=assessment_id, evidence_id=evidence_id)
        if principal.role == REGULATOR and evidence.first_revision is None:
            raise not_found()  # a file on the draft is the enterprise's own until submitted
        policy.note_access(EVIDENCE_VIEW, assessment_id, **_details(evidence))

        def produce():
            blob = current_store().open(evidence.storage_key, sha256=evidence.sha256)
            if blob is None:
                log.error("evidence %s: blob missing or altered", evidence.id)
                raise not_found()
            return blob

        response = file_response(
            produce,
            etag=evidence.sha256,
            mimetype=evidence.content_type,
            filename=evidence.filename,
            fallback=f"evidence-{evidence.id}.{EXTENSIONS[evidence.content_type]}",
            headers={
                "Content-Security-Policy": FILE_POLICY,
                "X-Content-Type-Options": "nosniff",
                "Cross-Origin-Resource-Policy": "same-origin",
            },
            disposition=args["disposition"],
        )
        return response


@blp.route("/<int:assessment_id>/evidence/<int:evidence_id>/verification")
class EvidenceVerification(MethodView):
    @policy.allow("regulator")
    @blp.arguments(EvidenceVerdictInSchema)
    @blp.response(200, EvidenceSchema)
    @blp.alt_response(404, description="Not in your jurisdiction, or no such file")
    @blp.alt_response(409, description="The file is not part of the latest submitted revision")
    @blp.alt_response(422, description="A rejection without a reason")
    @blp.doc(operationId="verifyEvidence")
    def put(self, body, assessment_id, evidence_id):
        """Mark a submitted file verified, or rejected with the reason."""
        principal = policy.require_role("regulator")
        assessment = policy.assessment_for_review(principal, assessment_id)
        try:
            evidence = lifecycle.verify_evidence(
                assessment=assessment,
                evidence_id=evidence_id,
                decision=body["status"],
                reason=body.get("reason"),
                actor=principal,
            )
        except ApiError:
            db.session.rollback()
            raise
        # In the verdict's transaction: recorded if and only if the verdict stands.
        record_event(
            action=EVIDENCE_VERIFY,
            role=principal.role,
            user_id=principal.id,
            assessment_id=assessment_id,
            details={**_details(evidence), "verification": evidence.verification},
            status=200,
            in_session=True,
        )
        db.session.commit()
        return evidence_repr(evidence)


def _details(evidence) -> dict:
    return {
        "evidence": evidence.id,
        "question": evidence.question_id,
        "sha256": evidence.sha256,
    }
