"""Filing campaigns: a roll of expected enterprises, a closing date, completion tracking."""


def init_app(app) -> None:
    """Install the campaigns' rules for drafts and submissions (app/assessments/filing.py)."""
    from app.assessments.filing import register_rules
    from app.campaigns.filing import CampaignRules

    register_rules(CampaignRules())
