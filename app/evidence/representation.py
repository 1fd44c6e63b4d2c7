"""Evidence files as the API sends them (plain dicts)."""

from app.evidence.models import EvidenceFile


def evidence_repr(evidence: EvidenceFile) -> dict:
    return {
        "id": evidence.id,
        "question": evidence.question_id,
        "filename": evidence.filename,
        "content_type": evidence.content_type,
        "size": evidence.size,
        "sha256": evidence.sha256,
        "width": evidence.width,
        "height": evidence.height,
        "uploaded_at": evidence.uploaded_at,
        "first_revision": evidence.first_revision,
        "verification": {
            "status": evidence.verification,
            "reason": evidence.verification_reason,
            "decided_at": evidence.verified_at,
        },
        "href": f"/api/v1/assessments/{evidence.assessment_id}/evidence/{evidence.id}/file",
    }
