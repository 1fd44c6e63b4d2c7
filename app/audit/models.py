"""The audit log: who did what, from where, through which request; append-only."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UtcDateTime, utcnow

# Reads: an assessment, the regulator's list or search, exports, aggregates (app/auth/audit.py).
READ, EXPORT, LIST, AGGREGATE = "read", "export", "list", "aggregate"
# A signed-in caller refused (403) or told "no such thing" (404) on a path naming an object.
DENIED = "denied"
# Sessions and accounts; the status says how each went (sign_in 401: a wrong password).
SIGN_IN, SIGN_OUT, REFRESH, REGISTER = "sign_in", "sign_out", "refresh", "register"
REFRESH_REUSED = "refresh_reused"  # a rotated refresh token came back: its session is revoked
TOKEN_ISSUED, TOKEN_REVOKED, SERVICE_CALL = "token_issued", "token_revoked", "service_call"
# A regulator's identity decisions (app/auth/verification.py) and report code revocations.
VERIFY, REFUSE, REASSIGN, REVOKE_CODE = "verify", "refuse", "reassign", "revoke_code"
REVIEW = "review"  # a regulator's decision: details say approve or return
# Accounts (app/accounts/): an account's own password change; the administrator's console;
# a password reset asked for, its one-time code issued, the password set with it.
PASSWORD_CHANGE = "password_change"
ACCOUNT_CREATE, ACCOUNT_DISABLE, ACCOUNT_ENABLE = (
    "account_create",
    "account_disable",
    "account_enable",
)
# A staff account given a new temporary password by the administrator (16 characters at most).
TEMPORARY_PASSWORD = "temp_password"
RESET_REQUEST, RESET_CODE, RESET_DONE = "reset_request", "reset_code", "reset_done"
# A reset request closed by the regulator without a reset (its code, if any, revoked).
RESET_CANCEL = "reset_cancel"
# Evidence files (app/evidence): every upload, removal, view (by anyone) and verification.
EVIDENCE_UPLOAD, EVIDENCE_REMOVE = "evidence_upload", "evidence_remove"
EVIDENCE_VIEW, EVIDENCE_VERIFY = "evidence_view", "evidence_verify"
# A regulator's campaigns: created or changed (details say which fields), a roll imported.
CAMPAIGN, ROLL_IMPORT = "campaign", "roll_import"
# Invitation codes issued for a campaign's roll (details: campaign and how many).
INVITE_ISSUE = "invite_issue"
# The administrator's questionnaire versions (app/questionnaires/versions.py).
QUESTIONNAIRE_DRAFT, QUESTIONNAIRE_PUBLISH, QUESTIONNAIRE_RETIRE = (
    "qn_draft",
    "qn_publish",
    "qn_retire",
)
# The admin's webhooks (app/webhooks): registered, disabled, enabled, deleted, a delivery resent.
WEBHOOK_CREATE, WEBHOOK_DISABLE, WEBHOOK_ENABLE = (
    "webhook_create",
    "webhook_disable",
    "webhook_enable",
)
WEBHOOK_DELETE, WEBHOOK_RESEND = "webhook_delete", "webhook_resend"
# A webhook's signing secret replaced, the old one signing too for an overlap (details: until).
WEBHOOK_ROTATE = "webhook_rotate"
# A regulator's reminders to a campaign's non-responders; a user marking notices read.
REMINDER, NOTICE_READ = "reminder", "notice_read"
ACTIONS = (
    READ,
    EXPORT,
    LIST,
    AGGREGATE,
    DENIED,
    SIGN_IN,
    SIGN_OUT,
    REFRESH,
    REGISTER,
    REFRESH_REUSED,
    TOKEN_ISSUED,
    TOKEN_REVOKED,
    SERVICE_CALL,
    REVIEW,
    VERIFY,
    REFUSE,
    REASSIGN,
    REVOKE_CODE,
    PASSWORD_CHANGE,
    ACCOUNT_CREATE,
    ACCOUNT_DISABLE,
    ACCOUNT_ENABLE,
    TEMPORARY_PASSWORD,
    RESET_REQUEST,
    RESET_CODE,
    RESET_DONE,
    RESET_CANCEL,
    EVIDENCE_UPLOAD,
    EVIDENCE_REMOVE,
    EVIDENCE_VIEW,
    EVIDENCE_VERIFY,
    CAMPAIGN,
    ROLL_IMPORT,
    INVITE_ISSUE,
    QUESTIONNAIRE_DRAFT,
    QUESTIONNAIRE_PUBLISH,
    QUESTIONNAIRE_RETIRE,
    WEBHOOK_CREATE,
    WEBHOOK_DISABLE,
    WEBHOOK_ENABLE,
    WEBHOOK_DELETE,
    WEBHOOK_RESEND,
    WEBHOOK_ROTATE,
    REMINDER,
    NOTICE_READ,
)
# The role recorded for a service token's calls: it is no person's role.
SERVICE_ROLE = "service"

# The same type as app.assessments.models.JsonDocument, named here so the ground floor imports
# nothing from the floors above it.
JsonDocument = JSON().with_variant(JSONB(), "postgresql")


class AuditEntry(Base):
    """One audited event: by a user (user_id) or a service token (service_token_id)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    service_token_id: Mapped[int | None] = mapped_column(
        ForeignKey("service_tokens.id"), index=True
    )
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"), index=True)
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(500))
    # The query string as given (the filter of an export, ?revision= of a result, …).
    filters: Mapped[dict | None] = mapped_column(JsonDocument)
    # What else the event needs to be understood: the firms a list returned, a decision, …
    details: Mapped[dict | None] = mapped_column(JsonDocument)
    status: Mapped[int] = mapped_column(Integer)
    address: Mapped[str | None] = mapped_column(String(45))
    request_id: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
