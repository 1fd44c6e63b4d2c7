"""What filing an assessment says: drafts, answers, submission, retries, the queue's filters."""

HIDDEN_QUESTION = {
    "zh": "根据已有回答，这道题不显示，不能作答。",
    "en": "This question is not shown given the other answers, so it cannot be answered.",
}
REQUIRED_MISSING = {"zh": "必答题尚未作答。", "en": "This required question has not been answered."}

KEY_REUSED = {
    "zh": "该 Idempotency-Key 已用于另一个请求。",
    "en": "This Idempotency-Key was already used for a different request.",
}
KEY_INVALID = {
    "zh": "Idempotency-Key 须为 1 到 128 个可见字符。",
    "en": "Idempotency-Key must be 1 to 128 visible characters.",
}

CURSOR_OTHER_SORT = {
    "zh": "分页游标属于另一种排序，请从第一页重新开始。",
    "en": "The cursor belongs to another sort order; start again from the first page.",
}

STALE = {
    "zh": "草稿已在别处修改（当前版本 {current}），请合并后重试。",
    "en": "The draft was changed elsewhere (now version {current}); merge and retry.",
}
NOT_EDITABLE = {
    "zh": "当前状态为“{status}”，不能修改回答。",
    "en": "The assessment is {status}; its answers cannot be changed.",
}
NOT_SUBMITTABLE = {
    "zh": "当前状态为“{status}”，不能提交。",
    "en": "The assessment is {status}; it cannot be submitted.",
}

# Field messages of the review queue's filters, raised as ValidationError("@queue.…").
QUEUE_FIELD_TEXTS = {
    "queue.region": {
        "zh": "须为河北省的地区代码（如 130100；130000 表示全省）。",
        "en": "Must be a Hebei region code (such as 130100; 130000 for the whole province).",
    },
    "queue.county": {
        "zh": "须为河北省的区县代码（如 130102），不能是设区市的代码。",
        "en": "Must be a Hebei county or district code (such as 130102), not a city's code.",
    },
    "queue.text": {"zh": "不能包含控制字符。", "en": "May not contain control characters."},
    "queue.instant": {
        "zh": "须为带时区的 ISO 8601 时间（如 2026-12-01T08:00:00+08:00）或日期（如 2026-12-01）。",
        "en": "Must be an ISO 8601 time with its zone (such as 2026-12-01T08:00:00+08:00) "
        "or a day (such as 2026-12-01).",
    },
    "queue.score_range": {
        "zh": "最低分不能高于最高分。",
        "en": "min_score may not be above max_score.",
    },
    "queue.date_range": {
        "zh": "开始日期不能晚于结束日期。",
        "en": "submitted_from may not be after submitted_to.",
    },
}

# Year-over-year progress (app/assessments/yearly.py): why there is nothing to compare with.
YOY_NO_PREVIOUS = {
    "zh": "此前年度没有同一问卷的已提交自评，暂无可比较的数据。",
    "en": "There is no submitted assessment of this questionnaire in an earlier year to compare "
    "with.",
}
YOY_NO_YEAR = {
    "zh": "该自评尚未提交，还没有所属年度。",
    "en": "This assessment has not been submitted yet, so it has no year.",
}
