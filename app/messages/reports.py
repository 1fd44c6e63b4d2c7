"""What the report PDF says: its labels, answers in words, sizes, place and peers."""

# The basis the enterprise reads today; the plan of 2016 stays as the trace of each clause.
BASIS = (
    "依据《河北省质量强省建设纲要》《河北省质量强省建设行动方案（2023—2027年）》和现行法规标准，"
    "各项建议的条款可追溯至冀政办字〔2016〕86号"
)
BASIS_EN = (
    "Built on the Hebei Quality Province Outline, the Hebei Quality Province Action Plan "
    "(2023-2027) and the laws and standards in force; each recommendation's clause traces back "
    "to the 2016 plan (Ji Zheng Ban Zi [2016] No. 86)"
)
LABELS: dict[str, dict[str, str]] = {
    "zh": {
        "doc_title": "企业质量自评报告",
        "doc_subtitle": "质量提升改进建议书",
        "basis": BASIS,
        "uscc": "统一社会信用代码",
        "region": "注册地",
        "industry": "所属行业",
        "size": "企业规模",
        "questionnaire": "自评问卷",
        "version": "第 {n} 版",
        "revision": "提交次数",
        "revision_n": "第 {n} 次提交",
        "submitted_at": "提交日期",
        "report_number": "报告编号",
        "generated_at": "生成时间",
        "colon": "：",
        "verification": "验证码",
        "verify_hint": "扫描二维码或访问下方网址，核对本报告的真实性与完整性。",
        "sec_summary": "一、总体评价",
        "overall": "综合得分",
        "out_of": "满分 100",
        "maturity": "成熟度等级",
        "level_n": "{n} 级",
        "scale_title": "成熟度等级（参照 ISO 9004 / GB/T 19004 自我评价）",
        "scale_note_v2": "各级逐级累进：总体等级不高于最弱维度等级加一级；第5级还须各维度均达到"
        "第4级、所有适用的结果和对比题均为最高一档，且本问卷和本企业其他问卷最近的提交均无红线事项。"
        "等级为企业自评结果，"
        "不是监管部门的认定或评级。",
        # What held this level back (the result's maturity.limited_by), as the result screen says.
        "limited_weakest_dimension": "总体等级不高于最弱维度的等级加一级。",
        "limited_red_flag": "存在红线事项，等级最高为第 2 级。",
        "limited_no_results": "第 5 级需要适用的结果或对比题，本问卷此次没有。",
        "limited_results_not_at_top": "第 5 级要求所有适用的结果和对比题达到最高一档。",
        "limited_dimension_below_gate": "第 5 级要求各维度均达到第 4 级（85 分）。",
        "limited_red_flag_elsewhere": "第 5 级要求本企业其他问卷最近的提交也没有红线事项。",
        "red_flags": "红线事项",
        "red_flags_note": "存在红线事项时，综合得分和成熟度等级按问卷规则封顶，"
        "并提交监管部门复核。",
        "no_red_flags": "无",
        "benchmark": "同行对比",
        "benchmark_text": "在{cohort}的 {n} 家企业中，本企业综合得分处于{band}。",
        "quartile_1": "后 25%",
        "quartile_2": "中下 25%（低于中位数）",
        "quartile_3": "中上 25%（高于中位数）",
        "quartile_4": "前 25%",
        "benchmark_median": "{cohort}共 {n} 家企业，综合得分中位数为 {median} 分。",
        "benchmark_median_tail": "同行综合得分中位数为 {median} 分。",
        "benchmark_none": "同类企业提交的自评达到足够数量后，报告将给出同行对比。",
        "yoy_title": "与 {year} 年相比",
        "yoy_basis": "对比对象为本企业 {year} 年同一问卷的自评（{status}），按题目编号逐项比较。",
        "yoy_status_submitted": "已提交",
        "yoy_status_approved": "已审核通过",
        "yoy_item": "项目",
        "yoy_change": "变化",
        "yoy_overall": "综合得分",
        "yoy_level": "成熟度等级",
        "yoy_year": "{year} 年",
        "yoy_model_changed": "两次结果的成熟度等级分别由评分模型第 {a} 版和第 {b} 版给出，"
        "等级变化部分来自模型调整，仅供参考。",
        "yoy_version_changed": "问卷已从第 {a} 版更新为第 {b} 版：新增或删去的题目不计入建议对比。",
        "yoy_chart_alt": "各维度得分 {a} 年与 {b} 年对比",
        "yoy_legend": "{year} 年",
        "yoy_closed_h": "上一年度建议的落实情况",
        "yoy_closed_summary": "上一年度共提出 {n} 项改进建议，"
        "本次已不再提出 {closed} 项，仍需改进 {open} 项。",
        "yoy_other_summary": "另有 {n} 项所涉题目本次未显示或已删去，无法比较。",
        "yoy_none_closed": "上一年度的建议本次仍全部在列。",
        "sec_dimensions": "二、维度得分",
        "chart_score": "本企业得分",
        "chart_peer": "同行中位数",
        "alt_colon": "：",
        "alt_separator": "；",
        "qr_alt": "核验本报告的二维码：",
        "not_applicable": "不适用",
        "sec_findings": "三、各维度评价",
        "strengths": "优势",
        "gaps": "差距",
        "none": "无",
        "answer_prefix": "答：",
        "dimension_na": "本维度的题目均不适用于本企业，不计分，也不影响综合得分。",
        "score_unit": "分",
        "sec_plan": "四、改进计划",
        "plan_intro": "以下建议按预计提升分值从高到低排列，优先实施排在前面的措施。"
        "“依据条款”指冀政办字〔2016〕86号中的条款；“联系机构”按建议涉及的职能列出现在应联系的单位，"
        "首先是企业属地的市场监督管理局，灰色小字为该条款当年所列部门。",
        "col_rank": "序号",
        "col_action": "改进措施",
        "col_clause": "依据条款",
        "col_departments": "联系机构",
        "col_gain": "预计提升",
        "dept_named": "行动计划所列：{names}",
        "contacts_title": "联系机构一览",
        "contacts_intro": "上表各项建议所列机构的职能。机构名称以当地公布为准；"
        "“以当地设立为准”的服务机构并非各地都有。",
        "from_question": "对应问题：",
        "sec_appendix": "附录　答题明细",
        "col_question": "问题",
        "col_answer": "回答",
        "col_points": "得分",
        "not_scored": "不计分",
        "disclaimer": "本报告根据企业自行填报的答案自动生成，反映企业对照行动计划的自我评价情况，"
        "不构成行政许可、认证或检验结论。",
        "approval_meaning": "市场监管部门对自评的“审核通过”仅表示已查阅该次提交、"
        "未发现需退回修改之处，"
        "不是认证、评级或对企业质量的担保，不得用于广告宣传。审核状态以验证页面为准。",
        "unverified": "企业自报，未经核验",
        "unverified_note": "出具本报告时，市场监管部门尚未核验该账户背后的企业身份；"
        "企业名称为企业自行申报。",
        "running_title": "企业质量自评报告",
        "page_before": "第 ",
        "page_sep": " / ",
        "page_after": " 页",
    },
    "en": {
        "doc_title": "Enterprise Quality Self-Assessment",
        "doc_subtitle": "Report and improvement plan",
        "basis": BASIS_EN,
        "uscc": "Unified social credit code",
        "region": "Registered in",
        "industry": "Industry",
        "size": "Size",
        "questionnaire": "Questionnaire",
        "version": "version {n}",
        "revision": "Revision",
        "revision_n": "submission {n}",
        "submitted_at": "Submitted",
        "report_number": "Report number",
        "generated_at": "Generated",
        "colon": ": ",
        "verification": "Verification code",
        "verify_hint": "Scan the QR code or open the address below to check that this report "
        "is genuine and complete.",
        "sec_summary": "1  Summary",
        "overall": "Overall score",
        "out_of": "out of 100",
        "maturity": "Maturity level",
        "level_n": "Level {n}",
        "scale_title": "Maturity levels (after the ISO 9004 / GB/T 19004 self-assessment)",
        "scale_note_v2": "Levels build on each other: the overall level is at most one above the "
        "weakest dimension's; level 5 also needs every dimension at level 4, the top answer on "
        "every applicable result and comparison question, and no red flag here or in the "
        "enterprise's latest filing of its other questionnaires. The level is the "
        "enterprise's own assessment, not a finding or rating of the regulator.",
        "limited_weakest_dimension": "The overall level is at most one above the weakest "
        "dimension's.",
        "limited_red_flag": "A red flag limits the level to 2.",
        "limited_no_results": "Level 5 needs result or comparison questions; none applied here.",
        "limited_results_not_at_top": "Level 5 needs the top answer on every applicable result and "
        "comparison question.",
        "limited_dimension_below_gate": "Level 5 needs every dimension at level 4 (85).",
        "limited_red_flag_elsewhere": "Level 5 needs no red flag in the latest filing of the other "
        "questionnaires either.",
        "red_flags": "Red flags",
        "red_flags_note": "A red flag caps the overall score and the maturity level under the "
        "questionnaire's rules, and the regulator reviews the submission.",
        "no_red_flags": "none",
        "benchmark": "Peer comparison",
        "benchmark_text": "Among {n} enterprises in {cohort}, this enterprise is in the {band}.",
        "quartile_1": "bottom quarter",
        "quartile_2": "second quarter (below the median)",
        "quartile_3": "third quarter (above the median)",
        "quartile_4": "top quarter",
        "benchmark_median": "{n} enterprises in {cohort}; their median overall score is {median}.",
        "benchmark_median_tail": " Their median overall score is {median}.",
        "benchmark_none": "A peer comparison is shown once enough similar enterprises have "
        "submitted.",
        "yoy_title": "Compared with {year}",
        "yoy_basis": "Compared with the enterprise's own {year} assessment of "
        "the same questionnaire ({status}), question by question.",
        "yoy_status_submitted": "submitted",
        "yoy_status_approved": "approved",
        "yoy_item": "Item",
        "yoy_change": "Change",
        "yoy_overall": "Overall score",
        "yoy_level": "Maturity level",
        "yoy_year": "{year}",
        "yoy_model_changed": "The two levels were given by scoring models {a} and {b}; part of "
        "the change in level comes from the model, so read it with care.",
        "yoy_version_changed": "The questionnaire changed from version {a} to {b}: added or "
        "removed questions are left out of the comparison of recommendations.",
        "yoy_chart_alt": "Scores by dimension, {a} and {b}",
        "yoy_legend": "{year}",
        "yoy_closed_h": "Last year's recommendations",
        "yoy_closed_summary": "Of last year's {n} recommendations, {closed} "
        "are no longer made and {open} still stand.",
        "yoy_other_summary": " {n} more concern questions not shown or "
        "removed this time: they cannot be compared.",
        "yoy_none_closed": "Every recommendation of last year still stands.",
        "sec_dimensions": "2  Scores by dimension",
        "chart_score": "This enterprise",
        "chart_peer": "Peer median",
        "alt_colon": ": ",
        "alt_separator": "; ",
        "qr_alt": "QR code to verify this report: ",
        "not_applicable": "n/a",
        "sec_findings": "3  Findings by dimension",
        "strengths": "Strengths",
        "gaps": "Gaps",
        "none": "None",
        "answer_prefix": "Answer: ",
        "dimension_na": "No question of this dimension applies to the enterprise: it is not "
        "scored and does not affect the overall score.",
        "score_unit": "",
        "sec_plan": "4  Improvement plan",
        "plan_intro": "Recommendations are ranked by the score they are expected to add; start "
        "at the top. Clauses refer to the 2016 plan. Contacts are the bodies to turn to today "
        "for what the action concerns, your local market-regulation bureau first; the grey "
        "line names the departments the clause named in 2016.",
        "col_rank": "#",
        "col_action": "Action",
        "col_clause": "Clause",
        "col_departments": "Contacts",
        "col_gain": "Gain",
        "dept_named": "Named in the plan: {names}",
        "contacts_title": "Contacts",
        "contacts_intro": "What each body named in the plan above does. Check names against "
        'local announcements; support bodies marked "where one exists locally" are not '
        "everywhere.",
        "from_question": "Question: ",
        "sec_appendix": "Appendix: answers given",
        "col_question": "Question",
        "col_answer": "Answer",
        "col_points": "Points",
        "not_scored": "not scored",
        "disclaimer": "This report is generated from the enterprise's own answers. It is a "
        "self-assessment against the action plan, not a licence, certification or test result.",
        "approval_meaning": "A market regulator's approval of a self-assessment only means that it "
        "read the submission and found nothing to return; it is not a certification, rating or "
        "guarantee of quality and may not be used in advertising. The verification page shows "
        "the current review state.",
        "unverified": "Self-reported by the enterprise, not verified",
        "unverified_note": "When this report was issued, no market regulator had verified who "
        "is behind the account; the company name is as the enterprise declared it.",
        "running_title": "Quality self-assessment",
        "page_before": "Page ",
        "page_sep": " of ",
        "page_after": "",
    },
}

ANSWER_WORDS = {
    "zh": {
        "sep": "；",
        "none_listed": "未列出任何标准",
        "disclosed": "已公开",
        "not_disclosed": "未公开",
        "unanswered": "未作答",
        "state": "（{}）",
        "and": "，",
        "no_indicators": "未公开功能和性能指标",
        "no_test_methods": "未写明检验方法",
        "undeclared_below": "指标低于推荐性标准而未声明",
    },
    "en": {
        "sep": "; ",
        "none_listed": "no standards listed",
        "disclosed": "disclosed",
        "not_disclosed": "not disclosed",
        "unanswered": "not answered",
        "state": " ({})",
        "and": ", ",
        "no_indicators": "indicators not disclosed",
        "no_test_methods": "test methods not stated",
        "undeclared_below": "below a recommended standard, not declared",
    },
}

SIZE_NAMES = {
    "large": {"zh": "大型企业", "en": "Large enterprise"},
    "medium": {"zh": "中型企业", "en": "Medium-sized enterprise"},
    "small": {"zh": "小型企业", "en": "Small enterprise"},
    "micro": {"zh": "微型企业", "en": "Micro enterprise"},
}

# Where an enterprise is, on the cover, when it is not the province itself.
PLACE_IN_HEBEI = {"zh": "河北省{city}", "en": "{city}, Hebei"}
# The peers a report compares with; Chinese names the industry without its code.
COHORT_INDUSTRY = {"zh": "{region}{name}", "en": "industry {code} ({name}), {region}"}
COHORT_ALL_INDUSTRIES = {"zh": "{region}全部行业", "en": "all industries, {region}"}
