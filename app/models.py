"""Imports every domain's models, so that Alembic and create_all see all tables."""

# One line per domain that has models; keep in dependency order.
from app.accounts import models as accounts  # noqa: F401
from app.aggregates import models as aggregates  # noqa: F401
from app.assessments import models as assessments  # noqa: F401
from app.audit import models as audit  # noqa: F401
from app.auth import models as auth  # noqa: F401
from app.campaigns import models as campaigns  # noqa: F401
from app.evidence import models as evidence  # noqa: F401
from app.exports import models as exports  # noqa: F401
from app.mail import models as mail  # noqa: F401
from app.notifications import models as notifications  # noqa: F401
from app.profiles import models as profiles  # noqa: F401
from app.questionnaires import models as questionnaires  # noqa: F401
from app.reports import models as reports  # noqa: F401
from app.webhooks import models as webhooks  # noqa: F401
