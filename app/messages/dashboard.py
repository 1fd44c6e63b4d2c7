"""What the dashboard says: which campaign or year, which questionnaire."""

CAMPAIGN_OR_YEAR = {
    "zh": "请指定填报活动（campaign）或年度（year），二者选其一。",
    "en": "Give either a campaign or a year, not both and not neither.",
}
NOT_IN_CAMPAIGN = {
    "zh": "该问卷不在本填报活动之内。",
    "en": "That questionnaire is not part of this campaign.",
}
