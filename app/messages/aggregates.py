"""What aggregates say: refusals, group names, peer comparison, the PDF and the tables."""

NO_SNAPSHOT = {
    "zh": "本年度尚无已发布的汇总数据，暂无同行对比。",
    "en": "No aggregate figures have been published for this year yet: no peer comparison.",
}
COHORT_TOO_SMALL = {
    "zh": "同行企业不足 {k} 家（已扩大到全省全部行业），为保护企业信息不作对比。",
    "en": "Fewer than {k} peer enterprises, even across all industries in Hebei; no comparison "
    "is shown, to protect them.",
}

INDUSTRY_LEVEL = {
    "zh": "行业须为国民经济行业分类的门类（如 C）或大类（如 C17）代码。",
    "en": "The industry must be a GB/T 4754 section (C) or division (C17) code.",
}
INDUSTRY_CHOICE = {
    "zh": "请选择本协会的一个行业：{codes}。",
    "en": "Choose one of your association's industries: {codes}.",
}
REGION_UNKNOWN = {
    "zh": "地区须为河北省的地市级报告单位代码，或 130000（全省）。",
    "en": "The region must be a Hebei reporting unit code, or 130000 for the province.",
}
OUTSIDE_INDUSTRIES = {
    "zh": "该行业不在本协会的行业范围内（汇总数据按门类和大类发布）。",
    "en": "That industry is outside your association's industries (figures are by section "
    "and division).",
}
OUTSIDE_JURISDICTION = {
    "zh": "该地区不在您的辖区内。",
    "en": "That region is outside your jurisdiction.",
}
LIVE_FORBIDDEN = {
    "zh": "行业协会只能读取已发布的快照，不能读取实时数据。",
    "en": "Associations read published snapshots only, never live figures.",
}

EVERYTHING = {"zh": "全省全部行业", "en": "All of Hebei, all industries"}

REPORT_TEXTS = {
    "title": {"zh": "质量自评汇总报告", "en": "Quality self-assessment: aggregate report"},
    "groups": {"zh": "分组概况", "en": "Groups"},
    "group": {"zh": "分组", "en": "Group"},
    "n": {"zh": "企业数", "en": "Enterprises"},
    "mean": {"zh": "平均分", "en": "Mean"},
    "median": {"zh": "中位数", "en": "Median"},
    "p25": {"zh": "下四分位", "en": "P25"},
    "p75": {"zh": "上四分位", "en": "P75"},
    "suppressed": {"zh": "企业数过少，不予显示", "en": "Too few enterprises to show"},
    "dimensions": {"zh": "各维度平均分", "en": "Mean score by dimension"},
    "maturity": {"zh": "成熟度等级分布", "en": "Maturity levels"},
    "questions": {"zh": "答题分布", "en": "Answers"},
    "option": {"zh": "选项", "en": "Option"},
    "share": {"zh": "占比", "en": "Share"},
    "evidence": {"zh": "证明材料（按维度）", "en": "Evidence by dimension"},
    "dimension": {"zh": "维度", "en": "Dimension"},
    "evidence_attached": {"zh": "上传了证明材料的企业占比", "en": "Firms with evidence"},
    "evidence_verified": {"zh": "材料经核验的企业占比", "en": "Firms with verified evidence"},
    "evidence_hidden": {
        "zh": "各维度占比均不公布（企业数不足，或所有企业都有、都没有证明材料，"
        "公布会暴露单个企业的情况）。",
        "en": "No share is published (too few enterprises, or all or none of them have "
        "evidence, which would tell about each one).",
    },
    "note": {
        "zh": "为保护企业信息：少于 {k} 家企业的分组不显示任何数字，必要时相邻分组一并隐藏；"
        "中位数和四分位数仅在 10 家及以上时显示；平均分取整；不提供最高分和最低分；"
        "某一选项或等级的人数或其余人数少于 {k} 家时，该占比不显示（—）。",
        "en": "To protect enterprises: groups of fewer than {k} show no figures, and neighbours "
        "are hidden with them where needed; medians and quartiles need 10; means are whole "
        "points; no minimum or maximum is given; a share is shown (not —) only when at least "
        "{k} enterprises are on each side of it.",
    },
    "snapshot": {"zh": "数据快照：{date}", "en": "Snapshot of {date}"},
    "live": {"zh": "实时数据：{date}", "en": "Live figures of {date}"},
    "filters": {
        "zh": "年度 {year} · 分组方式：{group_by}",
        "en": "Year {year} · grouped by {group_by}",
    },
}
GROUP_BY_NAMES = {
    "none": {"zh": "不分组", "en": "none"},
    "region": {"zh": "地区", "en": "region"},
    "industry": {"zh": "行业", "en": "industry"},
    "size": {"zh": "企业规模", "en": "size"},
}

YES = {"zh": "是", "en": "yes"}
TABLE_HEAD = {"zh": "表", "en": "Table"}
TABLE_NAMES = {
    "groups": {"zh": "分组", "en": "groups"},
    "dimensions": {"zh": "维度", "en": "dimensions"},
    "maturity": {"zh": "成熟度", "en": "maturity"},
    "questions": {"zh": "答题分布", "en": "questions"},
    "evidence": {"zh": "证明材料", "en": "evidence"},
}
# What an evidence row is about (the exports' evidence table).
EVIDENCE_SCOPES = {
    "dimension": {"zh": "维度", "en": "dimension"},
    "question": {"zh": "题目", "en": "question"},
}

# The exported tables' column heads (app/aggregates/read/exports.py gives their order and widths).
TABLE_HEADS = {
    "group": {"zh": "分组", "en": "Group"},
    "region_code": {"zh": "地区代码", "en": "Region"},
    "industry_code": {"zh": "行业代码", "en": "Industry"},
    "size": {"zh": "规模", "en": "Size"},
    "suppressed": {"zh": "已抑制", "en": "Suppressed"},
    "enterprises": {"zh": "企业数", "en": "Enterprises"},
    "dimension": {"zh": "维度", "en": "Dimension"},
    "level": {"zh": "成熟度等级", "en": "Maturity level"},
    "share": {"zh": "占比", "en": "Share"},
    "question": {"zh": "题目", "en": "Question"},
    "option": {"zh": "选项", "en": "Option"},
    "mean": {"zh": "平均分", "en": "Mean"},
    "median": {"zh": "中位数", "en": "Median"},
    "p25": {"zh": "下四分位数", "en": "P25"},
    "p75": {"zh": "上四分位数", "en": "P75"},
    "scope": {"zh": "类别", "en": "Of"},
    "item": {"zh": "维度或题目", "en": "Dimension or question"},
    "attached": {"zh": "上传了证明材料的企业占比", "en": "Share of firms with evidence"},
    "verified": {"zh": "材料经核验的企业占比", "en": "Share of firms with verified evidence"},
}
