"""Bulk staff accounts from a CSV/XLSX file (one row per office), all or nothing.

Each row is held to the rules of the console's create form (AccountCreateSchema), so a file
can make no account the form would refuse. Every account gets its own temporary password,
shown once in the answer and changed at its first sign-in, and its own `account_create` event.
"""

import re

from flask import current_app
from marshmallow import ValidationError
from sqlalchemy import select

from app.accounts.schemas import AccountCreateSchema
from app.accounts.service import create_account
from app.auth.models import ADMIN, ASSOCIATION, REGULATOR, User
from app.auth.principal import Principal
from app.db import db
from app.i18n import translate_field_message
from app.messages.accounts import UNKNOWN_ROLE, USERNAME_TAKEN
from app.tabular import Column, Report, read_table, validate_rows
from app.tabular.validate import CellError

ROLES = {
    "regulator": REGULATOR,
    "监管部门": REGULATOR,
    "市场监管部门": REGULATOR,
    "市场监管局": REGULATOR,
    "association": ASSOCIATION,
    "行业协会": ASSOCIATION,
    "协会": ASSOCIATION,
    "admin": ADMIN,
    "管理员": ADMIN,
}
# Industry codes as people separate them in one cell: 、，,；; or spaces.
_SEPARATORS = re.compile(r"[、，,；;\s]+")


def _role(text: str) -> str:
    role = ROLES.get(text.strip().lower())
    if role is None:
        raise CellError(UNKNOWN_ROLE)
    return role


def _username(text: str) -> str:
    # As the create form keeps it, so that "Wang" and "wang" are one username, a duplicate.
    return text.strip().lower()


def _industries(text: str) -> list[str]:
    return [code for code in _SEPARATORS.split(text.strip()) if code]


COLUMNS = [
    Column("username", ("用户名", "账号", "登录名"), max_length=64, parse=_username, unique=True),
    Column("role", ("角色", "类型"), parse=_role),
    Column("display_name", ("名称", "单位名称", "显示名称"), required=False, max_length=100),
    Column("jurisdiction", ("辖区代码", "辖区", "行政区划代码"), required=False),
    Column("industries", ("行业代码", "行业"), required=False, parse=_industries),
]


def _both_languages(text) -> dict:
    return {lang: translate_field_message(text, lang) for lang in ("zh", "en")}


def _row_check(taken: set[str]):
    """The console's own rules for one account, and usernames already in use."""

    def check(values: dict) -> dict[str, dict]:
        given = {key: value for key, value in values.items() if value is not None}
        try:
            loaded = AccountCreateSchema().load(given)
        except ValidationError as error:
            return {
                field: _both_languages(texts[0] if isinstance(texts, list) else texts)
                for field, texts in error.messages.items()
            }
        if loaded["username"] in taken:
            return {"username": USERNAME_TAKEN}
        values.clear()
        values.update(loaded)
        return {}

    return check


def check_staff_file(*, data: bytes, content_type: str | None) -> Report:
    """Every row of the file held to the create form's rules; nothing written."""
    table = read_table(data, content_type, max_rows=current_app.config["STAFF_IMPORT_MAX_ROWS"])
    taken = set(db.session.scalars(select(User.username)))
    return validate_rows(table, COLUMNS, check=_row_check(taken))


def create_staff(*, report: Report, by: Principal) -> list[dict]:
    """Create the report's valid rows in the request's transaction; each with its password."""
    created = []
    for number, values in report.valid:
        user, password = create_account(**values, by=by)
        created.append({"row": number, "account": user, "temporary_password": password})
    return created
