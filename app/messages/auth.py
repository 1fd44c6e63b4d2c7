"""What accounts and sessions say to people, in Chinese and English."""

from app.messages.reference import USCC_MESSAGES

# Problem details (ApiError's detail).
LOGIN_FAILED = {"zh": "用户名或密码错误。", "en": "Wrong username or password."}
TOO_MANY_FAILURES = {
    "zh": "登录失败次数过多，请 {seconds} 秒后再试。",
    "en": "Too many failed sign-ins; try again in {seconds} seconds.",
}
TOKEN_MISSING = {
    "zh": "需要登录：请在 Authorization 请求头中提供 Bearer 令牌。",
    "en": "Sign-in required: send a Bearer token in the Authorization header.",
}
TOKEN_INVALID = {"zh": "登录令牌无效。", "en": "The token is not valid."}
TOKEN_EXPIRED = {
    "zh": "登录令牌已过期，请刷新或重新登录。",
    "en": "The token has expired; refresh it or sign in again.",
}
SESSION_ENDED = {
    "zh": "登录已超过最长有效期，请重新登录。",
    "en": "This sign-in has reached its time limit; sign in again.",
}
TOKEN_REVOKED = {"zh": "登录令牌已注销。", "en": "The token has been revoked."}
SESSIONS_ENDED = {
    "zh": "该账户的密码已更改或账户已停用，此前的登录均已失效，请重新登录。",
    "en": "This account's password was changed or the account was disabled; earlier sign-ins "
    "have ended. Sign in again.",
}
PASSWORD_CHANGE_REQUIRED = {
    "zh": "这是管理员设置的临时密码：请先修改密码（POST /api/v1/me/password），再进行其他操作。",
    "en": "This is a temporary password set by an administrator: change it first "
    "(POST /api/v1/me/password), then go on.",
}
REFRESH_REUSED = {
    "zh": "该刷新令牌已使用过，可能已被他人获取；"
    "为安全起见，本次登录的全部令牌均已注销，请重新登录。",
    "en": "This refresh token was used before and may have been stolen; every token of this "
    "sign-in has been revoked. Sign in again.",
}
TOO_MANY_REQUESTS = {
    "zh": "请求过于频繁，请 {seconds} 秒后再试。",
    "en": "Too many requests; try again in {seconds} seconds.",
}
SERVICE_TOKEN_NAME_TAKEN = {
    "zh": "已有同名的服务令牌。",
    "en": "A service token of this name exists already.",
}
SERVICE_SCOPE_FORBIDDEN = {
    "zh": "该服务令牌的权限范围不包括此操作。",
    "en": "This service token's scopes do not include this.",
}
ACCESS_TOKEN_NEEDED = {
    "zh": "此处需要访问令牌（access token），不能使用刷新令牌。",
    "en": "An access token is needed here, not a refresh token.",
}
REFRESH_TOKEN_NEEDED = {
    "zh": "此处需要刷新令牌（refresh token）。",
    "en": "A refresh token is needed here.",
}
FRESH_TOKEN_NEEDED = {
    "zh": "此操作需要重新登录。",
    "en": "Sign in again to do this.",
}
ACCOUNT_UNAVAILABLE = {
    "zh": "账户已停用或不存在。",
    "en": "The account is disabled or no longer exists.",
}
ROLE_FORBIDDEN = {
    "zh": "当前账户的角色无权执行此操作。",
    "en": "Your account's role may not do this.",
}
# A staff account shown by its office when it was given no name of its own: its login name
# would tell an enterprise which username to try.
STAFF_BY_OFFICE = {
    "admin": {"zh": "系统管理员", "en": "Administrator"},
    "association": {"zh": "行业协会", "en": "Trade association"},
    "regulator": {"zh": "{region}市场监管部门", "en": "Market regulator, {region}"},
    "regulator_unnamed": {"zh": "市场监管部门", "en": "Market regulator"},
}
# Field-level messages, raised by validators as ValidationError("@key"); app/auth/schemas.py
# registers them.
FIELD_TEXTS = {
    **{f"uscc.{key}": text for key, text in USCC_MESSAGES.items()},
    "auth.industry_unknown": {
        "zh": "不是 GB/T 4754-2017 的行业小类代码（如 C1772 或 1772）。",
        "en": "Not a GB/T 4754-2017 class code (such as C1772 or 1772).",
    },
    "auth.industry_prefix_unknown": {
        "zh": "不是 GB/T 4754-2017 的行业代码（带门类字母，如 C、C17、C1772）。",
        "en": "Not a GB/T 4754-2017 code with its section letter (such as C, C17, C1772).",
    },
    "auth.phone_invalid": {
        "zh": "请填写有效的中国大陆手机号码（11 位，以 1 开头）。",
        "en": "Enter a valid mainland China mobile number (11 digits starting with 1).",
    },
    # Password rules (app/auth/password_rules.py): each text names its rule, 「…」.
    "auth.password_short": {
        "zh": "密码规则「长度」：密码至少需要 10 个字符（可以是一句好记的拼音或短语）。",
        "en": 'Password rule "length": at least 10 characters (a phrase you remember is fine).',
    },
    "auth.password_long": {
        "zh": "密码规则「长度」：密码不能超过 128 个字符。",
        "en": 'Password rule "length": at most 128 characters.',
    },
    "auth.password_common": {
        "zh": "密码规则「常用密码」：这是最常被使用的密码之一，很容易被猜中，请换一个。",
        "en": 'Password rule "common password": this is one of the most used passwords and '
        "easily guessed; choose another.",
    },
    "auth.password_pattern": {
        "zh": "密码规则「简单规律」：不能是重复的字符、连续的数字字母或键盘上的一行。",
        "en": 'Password rule "pattern": not a repeated character or group, a run such as '
        "0123… or abcd…, or a keyboard row.",
    },
    "auth.password_username": {
        "zh": "密码规则「用户名」：密码不能包含用户名（统一社会信用代码）。",
        "en": 'Password rule "username": the password may not contain the username '
        "(the unified social credit code).",
    },
    "auth.password_personal": {
        "zh": "密码规则「个人信息」：密码不能包含联系电话。",
        "en": 'Password rule "personal details": the password may not contain the contact '
        "phone number.",
    },
    "auth.region_not_hebei": {
        "zh": "不是河北省的地区代码（如 130100）。",
        "en": "Not a Hebei region code (such as 130100).",
    },
    "auth.region_required": {
        "zh": "该统一社会信用代码的登记机关不在河北省，请填写企业所在地区代码（region）。",
        "en": "The code was not registered in Hebei; give the enterprise's region.",
    },
    "auth.jurisdiction_invalid": {
        "zh": "须为 130000（全省）、市级代码（含辛集、定州、雄安）"
        "或河北省的区县代码（如 130102）。",
        "en": "Must be 130000 (the province), a city-level code (辛集, 定州 and 雄安 included) "
        "or a Hebei county code (such as 130102).",
    },
    "auth.username_invalid": {
        "zh": "用户名须为 3–64 个小写字母、数字、点、连字符或下划线，且不能是统一社会信用代码。",
        "en": "A username is 3–64 lower-case letters, digits, dots, hyphens or underscores, "
        "and not a unified social credit code.",
    },
    "auth.industries_required": {
        "zh": "行业协会至少需要一个行业代码。",
        "en": "An association needs at least one industry code.",
    },
}
