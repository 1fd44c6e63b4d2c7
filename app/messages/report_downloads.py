"""What the downloads say: the report not ready or failed, file names, the plan export."""

REPORT_PENDING = {
    "zh": "报告正在生成，请稍后重试。",
    "en": "The report is being prepared; try again shortly.",
}
RENDER_FAILED = {
    "zh": "报告暂时无法生成，已记录，请稍后重试。",
    "en": "The report could not be produced just now; this was logged. Try again later.",
}
FILE_NAMES = {
    "report": {"zh": "{name}-{title}自评报告-第{rev}次提交", "en": "{name}-{title} report-r{rev}"},
    "plan": {"zh": "{name}-{title}改进计划-第{rev}次提交", "en": "{name}-{title} plan-r{rev}"},
}

TRACKING_STATES = {
    "zh": ["未开始", "进行中", "已完成"],
    "en": ["Not started", "In progress", "Done"],
}
PLAN_SHEET = {"zh": "改进计划", "en": "Improvement plan"}

# The plan export's column heads (app/reports/plan_export.py gives their order and widths).
PLAN_COLUMNS = {
    "rank": {"zh": "序号", "en": "Rank"},
    "question": {"zh": "问题", "en": "Question"},
    "clause": {"zh": "依据条款", "en": "Clause"},
    "action": {"zh": "改进措施", "en": "Action"},
    "departments_2016": {"zh": "责任部门（2016年行动计划）", "en": "Departments (2016 plan)"},
    "contacts": {"zh": "联系机构（属地优先，按职能）", "en": "Contacts (local first, by function)"},
    "gain": {"zh": "预计提升（分）", "en": "Expected gain (points)"},
    "owner": {"zh": "负责人", "en": "Owner"},
    "due": {"zh": "完成期限", "en": "Due date"},
    "status": {"zh": "状态", "en": "Status"},
}

LIST_SEPARATOR = {"zh": "、", "en": "; "}
# One contact in the plan's cell: whom, then what for.
PLAN_CONTACT = {"zh": "{name}（{why}）", "en": "{name} ({why})"}
