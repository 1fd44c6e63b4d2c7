"""What campaigns say: date and roll errors, lateness, the non-responders' column heads."""

CLOSES_BEFORE_OPENS = {
    "zh": "截止日期（{closes_on}）不能早于开始日期（{opens_on}）。",
    "en": "The closing date ({closes_on}) is before the opening date ({opens_on}).",
}
UNKNOWN_QUESTIONNAIRES = {
    "zh": "未发布的问卷：{keys}。",
    "en": "Questionnaires not published: {keys}.",
}
DUPLICATE_QUESTIONNAIRE = {"zh": "问卷重复：{key}。", "en": "Questionnaire listed twice: {key}."}
NO_JURISDICTION = {
    "zh": "您的账号没有管辖范围，不能创建填报活动。",
    "en": "Your account has no jurisdiction, so it cannot create a campaign.",
}
CAMPAIGN_CLOSED = {
    "zh": "填报活动“{name}”已于 {closes_on} 截止，且不接受逾期提交。",
    "en": "The campaign “{name}” closed on {closes_on} and does not accept late submissions.",
}
# Roll rows
NOT_IN_HEBEI = {
    "zh": "统一社会信用代码第3–8位（{division}）不是河北省的行政区划代码。",
    "en": "Characters 3–8 of the code ({division}) are not a Hebei division code.",
}
ROLL_OUTSIDE_JURISDICTION = {
    "zh": "该企业登记地（{division}）不在本活动的管辖范围（{jurisdiction}）内。",
    "en": "The enterprise's registering division ({division}) lies outside the campaign's "
    "jurisdiction ({jurisdiction}).",
}
ALREADY_ON_ROLL = {
    "zh": "该企业已在本活动名单中（第 {row} 行导入）。",
    "en": "This enterprise is already on the campaign's roll (imported from row {row}).",
}
UNKNOWN_INDUSTRY = {
    "zh": "行业代码“{code}”不是 GB/T 4754-2017 的小类（4位）代码。",
    "en": "Industry code “{code}” is not a GB/T 4754-2017 class (4 digits).",
}
UNKNOWN_SIZE = {
    "zh": "企业规模须为 大型、中型、小型、微型（或 large、medium、small、micro）。",
    "en": "Size must be large, medium, small or micro (or 大型, 中型, 小型, 微型).",
}
BAD_PHONE = {
    "zh": "联系电话只能含数字、空格、“-”和“+”，5–20 位。",
    "en": "A phone number holds 5–20 digits, spaces, “-” or “+”.",
}
# Filing states as users read them
STATE_LABELS = {
    "not_started": {"zh": "未开始", "en": "Not started"},
    "draft": {"zh": "填写中", "en": "Draft"},
    "submitted": {"zh": "待审核", "en": "Submitted"},
    "returned": {"zh": "已退回", "en": "Returned"},
    "approved": {"zh": "已通过", "en": "Approved"},
}
# The non-responders' CSV column heads
NON_RESPONDER_HEADS = {
    "uscc": {"zh": "统一社会信用代码", "en": "USCC"},
    "name": {"zh": "企业名称", "en": "Company"},
    "division": {"zh": "区县代码", "en": "County code"},
    "county": {"zh": "区县", "en": "County"},
    "industry": {"zh": "行业代码", "en": "Industry code"},
    "size": {"zh": "企业规模", "en": "Size"},
    "contact_name": {"zh": "联系人", "en": "Contact"},
    "contact_phone": {"zh": "联系电话", "en": "Phone"},
    "registered": {"zh": "已注册账号", "en": "Registered"},
    "missing": {"zh": "未提交的问卷", "en": "Questionnaires not submitted"},
    "state": {"zh": "状态", "en": "State"},
}
YES_NO = {True: {"zh": "是", "en": "yes"}, False: {"zh": "否", "en": "no"}}
ALREADY_VERIFIED = {
    "zh": "贵企业的账户已核验，无需再使用邀请码。",
    "en": "Your enterprise's account is verified already; no invitation code is needed.",
}
CAMPAIGN_READ_ONLY = {
    "zh": "这是上级部门的填报活动：您可以查看和催报本辖区的企业，但不能修改活动、名单或邀请函。",
    "en": "This campaign belongs to a wider jurisdiction: you may follow and remind your own "
    "enterprises, but not change the campaign, its roll or its letters.",
}
