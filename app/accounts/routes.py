"""Own password and the administrator's accounts (password recovery: reset_routes.py)."""

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from app.accounts import service, staff_import
from app.accounts.passwords import change_own_password
from app.accounts.schemas import (
    AccountArgsSchema,
    AccountCreatedSchema,
    AccountCreateSchema,
    AccountPageSchema,
    AccountSchema,
    PasswordChangeSchema,
    SignInListSchema,
    StaffImportReportSchema,
    TemporaryPasswordSchema,
)
from app.api import response_headers
from app.auth.models import ADMIN
from app.auth.policy import allow, current_principal
from app.auth.schemas import TokenSchema
from app.auth.sessions import deliver
from app.auth.tokens import current_claims
from app.db import db
from app.errors import accept_uploads
from app.i18n import current_language
from app.pagination import link_headers, next_link
from app.tabular.read import CONTENT_TYPES
from app.tabular.schemas import BINARY, ImportArgsSchema

blp = Blueprint(
    "accounts",
    __name__,
    url_prefix="/api/v1",
    description="Own password; the administrator's accounts; password recovery",
)
# The 429 of a rate-limited route; the reset routes (reset_routes.py) answer it too.
LIMITED = {
    "description": "Too many requests from this address; see Retry-After",
    "headers": response_headers("Retry-After"),
}


@blp.route("/me/password")
class OwnPassword(MethodView):
    @allow()
    @blp.arguments(PasswordChangeSchema)
    @blp.response(200, TokenSchema)
    @blp.alt_response(422, description="Current password wrong, or the new one breaks a rule")
    @blp.alt_response(429, **LIMITED)
    @blp.doc(operationId="changeOwnPassword")
    def post(self, body):
        """Change one's password: every other session ends; this one goes on with new tokens."""
        tokens = change_own_password(
            principal=current_principal(),
            claims=current_claims(),
            current=body["current_password"],
            new=body["new_password"],
        )
        db.session.commit()
        return deliver(tokens)


@blp.route("/accounts")
class Accounts(MethodView):
    @allow(ADMIN)
    @blp.arguments(AccountArgsSchema, location="query")
    @blp.response(200, AccountPageSchema, headers=response_headers("Link"))
    @blp.doc(operationId="listAccounts")
    def get(self, args):
        """Every account (staff and enterprises), newest first; search and filters."""
        users, next_cursor = service.list_accounts(**args)
        link = next_link(next_cursor)
        body = {
            "items": [service.account_repr(user) for user in users],
            "next_cursor": next_cursor,
            "next": link,
        }
        return body, 200, link_headers(link)

    @allow(ADMIN)
    @blp.arguments(AccountCreateSchema)
    @blp.response(201, AccountCreatedSchema)
    @blp.alt_response(409, description="The username is taken")
    @blp.doc(operationId="createAccount")
    def post(self, body):
        """Create a staff account with a temporary password, changed at its first sign-in."""
        user, password = service.create_account(**body, by=current_principal())
        db.session.commit()
        return {"account": service.account_repr(user), "temporary_password": password}


@blp.route("/accounts/import")
class AccountImport(MethodView):
    @allow(ADMIN)
    @blp.arguments(ImportArgsSchema, location="query")
    @blp.doc(
        requestBody={
            "required": True,
            "description": "staff accounts as CSV (UTF-8 or GBK) or XLSX, one row per office, "
            "as the raw body; columns 用户名 (username), 角色 (role: 监管部门/regulator, "
            "行业协会/association, 管理员/admin), 名称 (display_name), 辖区代码 (jurisdiction), "
            "行业代码 (industries, separated by 、 or commas)",
            "content": {media: {"schema": BINARY} for media in CONTENT_TYPES},
        }
    )
    @blp.response(200, StaffImportReportSchema)
    @blp.alt_response(413, description="Larger than STAFF_IMPORT_MAX_BYTES")
    @blp.alt_response(415, description="Not a CSV or XLSX file")
    @blp.alt_response(
        422,
        description="Invalid rows (nothing created; `errors` names row and field, `report` "
        "holds the per-row report), missing columns, an empty or unreadable file",
    )
    @blp.doc(operationId="importAccounts")
    def post(self, args):
        """Create staff accounts from a file: all rows, all valid rows, or none."""
        lang = current_language()
        report = staff_import.check_staff_file(
            data=request.get_data(cache=False), content_type=request.mimetype
        )
        extra = {"dry_run": args["dry_run"], "format": report.format}
        if report.errors and not (args["skip_invalid"] or args["dry_run"]):
            raise report.problem(lang, imported=0, created=[], **extra)
        created = []
        if not args["dry_run"]:
            created = staff_import.create_staff(report=report, by=current_principal())
            db.session.commit()
        accounts = [{**row, "account": service.account_repr(row["account"])} for row in created]
        return report.body(lang, imported=len(created), created=accounts, **extra)


accept_uploads("accounts.AccountImport", max_bytes_setting="STAFF_IMPORT_MAX_BYTES")


@blp.route("/accounts/<int:account_id>")
class Account(MethodView):
    @allow(ADMIN)
    @blp.response(200, AccountSchema)
    @blp.alt_response(404, description="No such account")
    @blp.doc(operationId="getAccount")
    def get(self, account_id):
        """One account."""
        return service.account_repr(service.get_account(account_id))


def _set_disabled(account_id: int, disabled: bool):
    user = service.set_disabled(account_id=account_id, disabled=disabled, by=current_principal())
    db.session.commit()
    return service.account_repr(user)


@blp.route("/accounts/<int:account_id>/disable")
class AccountDisable(MethodView):
    @allow(ADMIN)
    @blp.response(200, AccountSchema)
    @blp.alt_response(404, description="No such account")
    @blp.alt_response(409, description="One's own account")
    @blp.doc(operationId="disableAccount")
    def post(self, account_id):
        """Disable an account: its tokens stop working at once, for good."""
        return _set_disabled(account_id, True)


@blp.route("/accounts/<int:account_id>/enable")
class AccountEnable(MethodView):
    @allow(ADMIN)
    @blp.response(200, AccountSchema)
    @blp.alt_response(404, description="No such account")
    @blp.alt_response(409, description="One's own account")
    @blp.doc(operationId="enableAccount")
    def post(self, account_id):
        """Enable a disabled account again (it signs in afresh)."""
        return _set_disabled(account_id, False)


@blp.route("/accounts/<int:account_id>/temporary-password")
class AccountTemporaryPassword(MethodView):
    @allow(ADMIN)
    @blp.response(200, TemporaryPasswordSchema)
    @blp.alt_response(404, description="No such account")
    @blp.alt_response(409, description="One's own account, or an enterprise (it uses a reset code)")
    @blp.doc(operationId="giveTemporaryPassword")
    def post(self, account_id):
        """A staff account's new temporary password, shown once: its sessions end at once."""
        user, password = service.give_temporary_password(
            account_id=account_id, by=current_principal()
        )
        db.session.commit()
        return {"account": service.account_repr(user), "temporary_password": password}


@blp.route("/accounts/<int:account_id>/sign-ins")
class AccountSignIns(MethodView):
    @allow(ADMIN)
    @blp.response(200, SignInListSchema)
    @blp.alt_response(404, description="No such account")
    @blp.doc(operationId="listAccountSignIns")
    def get(self, account_id):
        """The account's 20 latest sign-in attempts, failed ones too (from the audit log)."""
        entries = service.recent_sign_ins(account_id=account_id)
        return {
            "items": [
                {
                    "at": entry.created_at,
                    "status": entry.status,
                    "address": entry.address,
                    "user_agent": entry.user_agent,
                }
                for entry in entries
            ]
        }
