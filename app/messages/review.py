"""What review says: refusals, and the submissions export's column heads and value labels."""

NOT_REVIEWABLE = {
    "zh": "当前状态为“{status}”，只有已提交待审核的自评才能审核。",
    "en": "The assessment is {status}; only a submitted assessment can be reviewed.",
}
COMMENT_REQUIRED = {
    "zh": "退回时须说明理由。",
    "en": "A returned assessment needs a comment giving the reasons.",
}
BUSY = {
    "zh": "该企业正在同时修改这份问卷，请稍后重试。",
    "en": "The enterprise is editing this questionnaire at this very moment; try again shortly.",
}

STATUS_LABELS = {
    "submitted": {"zh": "待审核", "en": "Submitted"},
    "approved": {"zh": "已通过", "en": "Approved"},
    "returned": {"zh": "已退回", "en": "Returned"},
}
SUBMISSIONS_SHEET = {"zh": "自评提交", "en": "Submissions"}

# The submissions export's column heads (app/review/columns.py gives their order and widths).
COLUMN_HEADS = {
    "company": {"zh": "企业名称", "en": "Company"},
    "uscc": {"zh": "统一社会信用代码", "en": "USCC"},
    "region": {"zh": "地区", "en": "Region"},
    "industry_code": {"zh": "行业代码", "en": "Industry code"},
    "industry": {"zh": "行业名称", "en": "Industry"},
    "size": {"zh": "企业规模", "en": "Size"},
    "questionnaire": {"zh": "问卷", "en": "Questionnaire"},
    "version": {"zh": "问卷版本", "en": "Version"},
    "revision": {"zh": "提交次数", "en": "Revision"},
    "status": {"zh": "状态", "en": "Status"},
    "overall": {"zh": "总分", "en": "Overall score"},
    "level": {"zh": "成熟度等级", "en": "Maturity level"},
    "red_flags": {"zh": "红线项数", "en": "Red flags"},
    "submitted_at": {"zh": "提交时间（北京时间）", "en": "Submitted (Beijing time)"},
    "decided_at": {"zh": "审核时间（北京时间）", "en": "Decided (Beijing time)"},
    "comment": {"zh": "审核意见", "en": "Reviewer's comment"},
    # The share of the score earned by questions with a verified evidence file, in percent.
    "verified": {"zh": "已核验占比（%）", "en": "Verified share (%)"},
}
VERIFIED_DIMENSION = {"zh": "已核验占比（%）·{name}", "en": "Verified share (%) · {name}"}
