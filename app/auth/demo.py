"""The demo accounts, one per role: a single table the seed, the README and tests rely on.

Their passwords are published, so production never accepts them (is_refused_demo_account).
"""

from dataclasses import dataclass, field

from flask import current_app

from app.auth.models import ADMIN, ASSOCIATION, ENTERPRISE, REGULATOR
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
        key="regulator_county",
        role=REGULATOR,
        username="demo-qiaoxi",
        password="demo-county-2026",
        display_name="石家庄市桥西区市场监督管理局（演示）",
        # The county of 石家庄 where the demo province (seed 2016) puts most firms: five, some
        # with filings waiting for review (app/demo/population.py).
        jurisdiction="130104",
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
DEMO_USERNAMES = frozenset(account.username for account in DEMO_ACCOUNTS)


def is_refused_demo_account(username: str) -> bool:
    """True in production for a demo username: a database seeded for a trial stays locked."""
    return username in DEMO_USERNAMES and current_app.config["APP_ENV"] == "production"
