"""What the account console, password changes and resets say, in Chinese and English."""

CODE_INVALID = {
    "zh": "统一社会信用代码与一次性验证码不匹配。请核对后重试，或向所在地市场监管部门重新申请。",
    "en": "The unified social credit code and the one-time code do not match. Check them, or "
    "ask your region's market regulator for a new code.",
}
CODE_EXPIRED = {
    "zh": "一次性验证码已过期，请向所在地市场监管部门重新申请。",
    "en": "The one-time code has expired; ask your region's market regulator for a new one.",
}
CODE_USED = {
    "zh": "该一次性验证码已经使用过，不能再次使用。",
    "en": "This one-time code has been used already; it works only once.",
}
CODE_TOO_MANY_TRIES = {
    "zh": "验证码输错次数过多，该验证码已作废，请向所在地市场监管部门重新申请。",
    "en": "Too many wrong tries: this code no longer works. Ask your region's market regulator "
    "for a new one.",
}
CURRENT_PASSWORD_WRONG = {
    "zh": "当前密码不正确。",
    "en": "The current password is not correct.",
}
PASSWORD_REJECTED = {
    "zh": "新密码不符合密码规则，请按提示修改。",
    "en": "The new password breaks a password rule; see the message for the field.",
}
PASSWORD_UNCHANGED = {
    "zh": "密码规则「更换」：新密码不能与当前密码相同。",
    "en": 'Password rule "change": the new password must differ from the current one.',
}
USERNAME_TAKEN = {"zh": "该用户名已被使用。", "en": "This username is taken."}
UNKNOWN_ROLE = {
    "zh": "角色须为 监管部门、行业协会 或 管理员（regulator、association、admin）。",
    "en": "The role must be regulator, association or admin (监管部门、行业协会、管理员).",
}
OWN_ACCOUNT = {
    "zh": "不能停用自己的账户。",
    "en": "You cannot disable your own account.",
}
OWN_TEMPORARY_PASSWORD = {
    "zh": "不能为自己的账户设置临时密码，请在「修改密码」中修改自己的密码。",
    "en": "You cannot give your own account a temporary password; change your own password "
    "instead.",
}
ENTERPRISE_TEMPORARY_PASSWORD = {
    "zh": "企业账户不能由管理员设置临时密码：企业忘记密码时，请其申请重置，"
    "由所在地市场监管部门核实身份后发放一次性验证码。",
    "en": "An enterprise account is not given a temporary password by the administrator: an "
    "enterprise that lost its password asks for a reset, and its region's market regulator "
    "checks who it is and issues a one-time code.",
}
RESET_ALREADY_DONE = {
    "zh": "该重置申请已处理完毕或已撤销。",
    "en": "This reset request has been completed or withdrawn.",
}
# The answer to every reset request, whether or not the code names an account.
RESET_NO_EMAIL = {
    "zh": "该企业注册时没有留下电子邮箱，请致电核实后口头告知验证码。",
    "en": "The enterprise left no email address at registration: call it and read the code out.",
}
RESET_MAIL_OFF = {
    "zh": "本系统未配置邮件发送，请致电核实后口头告知验证码。",
    "en": "This service sends no email (SMTP is not configured): call and read the code out.",
}
RESET_MAIL_FAILED = {
    "zh": "验证码邮件未能发出，该验证码已作废。请致电企业，核实后口头告知新的验证码。",
    "en": "The code's email could not be sent, so the code is void. Call the enterprise and read "
    "a new code out.",
}
RESET_MAIL_SUBJECT = "质量自评：重置密码的一次性验证码"
RESET_MAIL_BODY = (
    "{name}：\n\n"
    "您（{uscc}）申请重置质量自评系统的登录密码。一次性验证码为：\n\n"
    "    {code}\n\n"
    "请在 {minutes} 分钟内，在登录页“忘记密码？”的第二步输入统一社会信用代码、该验证码和新密码。"
    "验证码只能使用一次；不要告诉任何人，工作人员不会向您索要。\n\n"
    "如果不是您本人申请，请忽略本邮件，并联系所在地市场监管部门。\n"
)
RESET_MAIL_KEPT = "（一次性验证码邮件；验证码只以密钥散列保存，正文不留存）"
RESET_REQUESTED = {
    "zh": "如果该统一社会信用代码已注册，重置申请已送达企业所在地的市场监管部门。"
    "监管部门会先通过注册时留下的联系电话核实身份，再告知一次性验证码。",
    "en": "If this unified social credit code is registered, the request has reached the "
    "market regulator of the company's region. The regulator checks who you are through the "
    "contact phone given at registration, then tells you a one-time code.",
}
ACCOUNTS_FIELD_TEXTS = {
    "accounts.region_not_jurisdiction": {
        "zh": "须为 130000（全省）、市级代码（含辛集、定州、雄安）"
        "或河北省的区县代码（如 130102）。",
        "en": "Must be 130000 (the province), a city-level code (辛集, 定州 and 雄安 included) "
        "or a Hebei county code (such as 130102).",
    },
    "accounts.code_format": {
        "zh": "一次性验证码为 8 位数字。",
        "en": "A one-time code is 8 digits.",
    },
}
