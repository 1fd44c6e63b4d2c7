"""The demo accounts of the README: created when absent (never in production)."""

from sqlalchemy import select

from app.auth.demo import DEMO_ACCOUNTS, DemoAccount
from app.auth.models import ENTERPRISE, VERIFIED, User
from app.auth.service import create_staff_user, register_enterprise
from app.db import db
from app.demo.profiles import demo_profile
from app.demo.seed import DEMO_NOTE
from app.profiles.service import save_profile


def seed_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create the demo accounts that do not exist yet; (account, created) for each."""
    results = []
    for account in DEMO_ACCOUNTS:
        exists = _exists(account.username)
        if not exists:
            if account.role == ENTERPRISE:
                enterprise = register_enterprise(
                    uscc=account.username,
                    name=account.display_name,
                    password=account.password,
                    **account.enterprise,
                )
                # The demo's own firm is verified, so its figures count like a real one's.
                enterprise.verification, enterprise.verified_name = VERIFIED, account.display_name
                enterprise.verification_note = DEMO_NOTE
                user = db.session.scalar(select(User).where(User.enterprise_id == enterprise.id))
                save_profile(
                    enterprise_id=enterprise.id, answers=demo_profile(enterprise), actor=user
                )
            else:
                create_staff_user(
                    role=account.role,
                    username=account.username,
                    password=account.password,
                    display_name=account.display_name,
                    jurisdiction=account.jurisdiction,
                    industries=list(account.industries or ()),
                )
        results.append((account, not exists))
    return results


def _exists(username: str) -> bool:
    return db.session.scalar(select(User.id).where(User.username == username)) is not None
