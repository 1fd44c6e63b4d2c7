"""Texts several domains say alike (paging, questionnaires, enterprise sizes)."""

UNKNOWN_QUESTION = {
    "zh": "问卷中没有这道题。",
    "en": "There is no such question in this questionnaire.",
}

BAD_CURSOR = {"zh": "分页游标无效。", "en": "The cursor is not valid."}

UNKNOWN_QUESTIONNAIRE = {"zh": "没有这份已发布的问卷。", "en": "No such published questionnaire."}

SIZE_LABELS = {
    "large": {"zh": "大型", "en": "Large"},
    "medium": {"zh": "中型", "en": "Medium"},
    "small": {"zh": "小型", "en": "Small"},
    "micro": {"zh": "微型", "en": "Micro"},
}
