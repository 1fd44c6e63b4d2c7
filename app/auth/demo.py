"""The demo accounts, one per role: a single table the seed, the README and tests rely on."""

from dataclasses import dataclass, field

from sqlalchemy import select

from app.auth.models import ADMIN, ASSOCIATION, ENTERPRISE, REGULATOR, User
from app.auth.service import create_staff_user, register_enterprise
from app.db import db
from app.reference.uscc import complete_uscc


@dataclass(frozen=True)
class DemoAccount:
    key: str
    role: str
    username: str
    password: str
    display_name: str
    jurisdiction: str | None = None
    industries: tuple[str, ...] | None = None
    enterprise: dict = field(default_factory=dict)


# A valid Hebei code: registered in 石家庄 (130100), check characters computed.
DEMO_USCC = complete_uscc("91130100MA0CJH01")

DEMO_ACCOUNTS = (
    DemoAccount(
        key="enterprise",
        role=ENTERPRISE,
        username=DEMO_USCC,
        password="demo-enterprise-2026",
        display_name="河北冀华毛巾有限公司",
        enterprise={
            "industry": "C1772",  # 毛巾类制品制造
            "size": "small",
            "contact_name": "王经理",
            "contact_phone": "13800138000",
            "contact_email": "quality@example.com",
        },
    ),
    DemoAccount(
        key="regulator_province",
        role=REGULATOR,
        username="demo-province",
        password="demo-province-2026",
        display_name="河北省市场监督管理局（演示）",
        jurisdiction="130000",
    ),
    DemoAccount(
        key="regulator_city",
        role=REGULATOR,
        username="demo-shijiazhuang",
        password="demo-city-2026",
        display_name="石家庄市市场监督管理局（演示）",
        jurisdiction="130100",
    ),
    DemoAccount(
        key="association",
        role=ASSOCIATION,
        username="demo-association",
        password="demo-association-2026",
        # A neutral name: real association names are unconfirmed (domain.md §3.4).
        display_name="示例纺织服装行业协会",
        industries=("C17", "C18"),
    ),
    DemoAccount(
        key="admin",
        role=ADMIN,
        username="demo-admin",
        password="demo-admin-2026",
        display_name="系统管理员（演示）",
    ),
)
DEMO = {account.key: account for account in DEMO_ACCOUNTS}


def seed_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    """Create the demo accounts that do not exist yet; (account, created) for each."""
    results = []
    for account in DEMO_ACCOUNTS:
        exists = _exists(account.username)
        if not exists:
            if account.role == ENTERPRISE:
                register_enterprise(
                    uscc=account.username,
                    name=account.display_name,
                    password=account.password,
                    **account.enterprise,
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
