"""What notifications, reminders and their emails say: titles and texts per kind, refusals."""

# One title and one text per kind of notification; the parameters are stored with each
# notification (app/notifications/models.py) and the text is rendered when it is read.
NOTICE_TITLES = {
    "returned": {"zh": "自评被退回", "en": "Assessment returned"},
    "approved": {"zh": "自评审核通过", "en": "Assessment approved"},
    "report_ready": {"zh": "自评报告已生成", "en": "Report ready"},
    "submitted": {"zh": "新的自评提交", "en": "New submission"},
    "resubmitted": {"zh": "修改后重新提交", "en": "Resubmission"},
    "reminder": {"zh": "填报提醒", "en": "Filing reminder"},
}
NOTICE_TEXTS = {
    "returned": {
        "zh": "您提交的《{questionnaire}》自评已被审核人员退回，请按意见修改后重新提交。"
        "退回理由：{comment}",
        "en": "Your {questionnaire} self-assessment was returned by the reviewer; please revise "
        "it and submit again. Reasons: {comment}",
    },
    "approved": {
        "zh": "您提交的《{questionnaire}》自评（第 {revision} 次提交）已审核通过。",
        "en": "Your {questionnaire} self-assessment (submission {revision}) was approved.",
    },
    "report_ready": {
        "zh": "《{questionnaire}》自评报告（第 {revision} 次提交）已生成，可以查看和下载。",
        "en": "The report of your {questionnaire} self-assessment (submission {revision}) is "
        "ready to view and download.",
    },
    "submitted": {
        "zh": "{enterprise}提交了《{questionnaire}》自评，等待审核。",
        "en": "{enterprise} submitted the {questionnaire} self-assessment for review.",
    },
    "resubmitted": {
        "zh": "{enterprise}修改后重新提交了《{questionnaire}》自评（第 {revision} 次提交），"
        "等待审核。",
        "en": "{enterprise} revised and resubmitted the {questionnaire} self-assessment "
        "(submission {revision}) for review.",
    },
    "reminder": {
        "zh": "“{campaign}”将于 {closes_on} 截止，贵单位尚未提交自评。请在截止日期前完成填报并"
        "提交，如已提交请忽略本提醒。",
        "en": "The campaign “{campaign}” closes on {closes_on} and your self-assessment has not "
        "been submitted yet. Please complete and submit it before then; if you already have, "
        "please disregard this reminder.",
    },
}

REMINDERS_CLOSED = {
    "zh": "填报活动“{name}”已于 {closes_on} 截止，不能再发送催报提醒。",
    "en": "The campaign “{name}” closed on {closes_on}; reminders can no longer be sent.",
}
REMINDERS_NOT_OPEN = {
    "zh": "填报活动“{name}”将于 {opens_on} 开始，开始前不能发送催报提醒。",
    "en": "The campaign “{name}” opens on {opens_on}; reminders can be sent from then on.",
}
REMINDER_NOT_ON_ROLL = {
    "zh": "统一社会信用代码 {uscc} 不在本活动名单中。",
    "en": "The code {uscc} is not on the campaign's roll.",
}

# The emails: a subject line and a body around the notification's own text.
MAIL_SUBJECT = {"zh": "【质量自评】{title}", "en": "[Quality self-assessment] {title}"}
MAIL_BODY = {
    "zh": "{name}：\n\n您好！{text}\n\n请登录质量自评系统查看详情。\n\n"
    "此邮件由系统自动发送，请勿直接回复。",
    "en": "Dear {name},\n\n{text}\n\nPlease sign in to the quality self-assessment service "
    "for the details.\n\nThis message was sent automatically; please do not reply to it.",
}
