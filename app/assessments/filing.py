"""What a campaign says about a draft and a submission, asked of the floor above through a hook.

Campaigns (app/campaigns/) stand above assessments, so this module never imports them: the
campaigns package registers its rules here when the app starts (register_rules). Without any
rules, an assessment belongs to no campaign and its year is that of its first submission.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


@dataclass(frozen=True)
class Terms:
    """How a first submission is filed: its campaign, its year, whether it came late."""

    campaign_id: int | None
    year: int
    late: bool = False


class FilingRules(Protocol):
    def campaign_for_draft(self, *, enterprise, questionnaire_key: str) -> int | None:
        """The campaign a new draft is filed for, if any."""

    def terms_for_submit(self, *, assessment, now: datetime) -> Terms:
        """The terms of a first submission; raises an ApiError when the campaign refuses it."""


class _NoCampaigns:
    def campaign_for_draft(self, *, enterprise, questionnaire_key: str) -> int | None:
        return None

    def terms_for_submit(self, *, assessment, now: datetime) -> Terms:
        return Terms(campaign_id=None, year=now.astimezone(CHINA).year)


_rules: FilingRules = _NoCampaigns()


def register_rules(rules: FilingRules) -> None:
    """Install the campaigns' rules (once, when the app starts)."""
    global _rules
    _rules = rules


def rules() -> FilingRules:
    return _rules
