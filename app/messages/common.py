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

# A typed text holding a control, bidi or other invisible format character (app/text.py).
UNSAFE_TEXT = {
    "zh": "含有不允许的字符 U+{code}（控制字符、方向控制符或其他不可见字符），请删除后重试。",
    "en": "Contains a character that is not allowed, U+{code} (a control, bidi or other "
    "invisible character); remove it and try again.",
}
