"""The language of the request and the texts of our messages in Chinese and English."""

import re

from flask import has_request_context, request

LANGUAGES = ("zh", "en")

MESSAGES = {
    "bad_request": {"zh": "请求无法解析。", "en": "The request could not be understood."},
    "malformed_json": {
        "zh": "请求体不是合法的 JSON。",
        "en": "The request body is not valid JSON.",
    },
    "unauthorized": {
        "zh": "需要登录，或登录凭证无效。",
        "en": "Authentication is required or the credentials are invalid.",
    },
    "forbidden": {"zh": "无权执行此操作。", "en": "You are not allowed to do this."},
    "not_found": {"zh": "未找到请求的资源。", "en": "The requested resource was not found."},
    "method_not_allowed": {
        "zh": "该地址不支持此请求方法。",
        "en": "This method is not allowed on this resource.",
    },
    "not_acceptable": {
        "zh": "无法提供所请求的格式。",
        "en": "The requested representation is not available.",
    },
    "conflict": {
        "zh": "请求与资源的当前状态冲突。",
        "en": "The request conflicts with the current state of the resource.",
    },
    "gone": {"zh": "资源已不存在。", "en": "The resource is gone."},
    "precondition_failed": {
        "zh": "资源已被修改，请基于最新版本重试。",
        "en": "The resource has changed; retry against the current version.",
    },
    "payload_too_large": {
        "zh": "请求体过大（上限 {limit} 字节）。",
        "en": "The request body is too large (limit {limit} bytes).",
    },
    "unsupported_media_type": {
        "zh": "请求体须为 JSON（Content-Type: application/json）。",
        "en": "The request body must be JSON (Content-Type: application/json).",
    },
    "unprocessable": {
        "zh": "提交的数据有误，请按字段说明修改。",
        "en": "Some fields are invalid; see the errors for each field.",
    },
    "precondition_required": {
        "zh": "此请求需要 If-Match 请求头。",
        "en": "This request needs an If-Match header.",
    },
    "too_many_requests": {
        "zh": "请求过于频繁，请稍后再试。",
        "en": "Too many requests; try again later.",
    },
    "internal_error": {
        "zh": "服务器内部错误，请稍后再试。已记录请求编号 {request_id}。",
        "en": "Internal server error; please try again later. Request id {request_id} was logged.",
    },
    "service_unavailable": {"zh": "服务暂不可用。", "en": "The service is unavailable."},
    "database_unavailable": {
        "zh": "数据库暂时无法访问，请稍后重试；已保存的内容不会丢失。",
        "en": "The database cannot be reached just now; try again shortly. Nothing saved is lost.",
    },
}

TITLES = {
    400: {"zh": "请求错误", "en": "Bad Request"},
    401: {"zh": "未认证", "en": "Unauthorized"},
    403: {"zh": "禁止访问", "en": "Forbidden"},
    404: {"zh": "未找到", "en": "Not Found"},
    405: {"zh": "方法不允许", "en": "Method Not Allowed"},
    406: {"zh": "无法接受", "en": "Not Acceptable"},
    409: {"zh": "冲突", "en": "Conflict"},
    410: {"zh": "已删除", "en": "Gone"},
    412: {"zh": "前提条件不满足", "en": "Precondition Failed"},
    413: {"zh": "请求体过大", "en": "Content Too Large"},
    415: {"zh": "不支持的媒体类型", "en": "Unsupported Media Type"},
    422: {"zh": "数据校验失败", "en": "Unprocessable Content"},
    428: {"zh": "缺少前提条件", "en": "Precondition Required"},
    429: {"zh": "请求过多", "en": "Too Many Requests"},
    500: {"zh": "服务器错误", "en": "Internal Server Error"},
    503: {"zh": "服务不可用", "en": "Service Unavailable"},
}

# marshmallow and webargs speak English; these are their stock messages in Chinese.
_FIELD_MESSAGES = [
    (r"Missing data for required field\.", "缺少必填字段。"),
    (r"Field may not be null\.", "此字段不能为空值。"),
    (r"Unknown field\.", "未知字段。"),
    (r"Not a valid string\.", "不是合法的字符串。"),
    (r"Not a valid integer\.", "不是合法的整数。"),
    (r"Not a valid number\.", "不是合法的数字。"),
    (r"Not a valid boolean\.", "不是合法的布尔值。"),
    (r"Not a valid list\.", "不是合法的列表。"),
    (r"Not a valid mapping type\.", "不是合法的对象。"),
    (r"Invalid input type\.", "输入类型不正确。"),
    (r"Not a valid datetime\.", "不是合法的日期时间。"),
    (r"Not a valid date\.", "不是合法的日期。"),
    (r"Not a valid email address\.", "不是合法的电子邮箱地址。"),
    (r"Invalid value\.", "取值无效。"),
    (r"Invalid JSON body\.", "请求体不是合法的 JSON。"),
    (r"Must be one of: (.*)\.", r"必须是以下之一：\1。"),
    (r"Shorter than minimum length (\d+)\.", r"长度不能少于 \1。"),
    (r"Longer than maximum length (\d+)\.", r"长度不能超过 \1。"),
    (r"Length must be between (\d+) and (\d+)\.", r"长度须在 \1 到 \2 之间。"),
    (r"Must be greater than or equal to (\S+)\.", r"必须大于或等于 \1。"),
    (r"Must be less than or equal to (\S+)\.", r"必须小于或等于 \1。"),
    (
        r"Must be greater than or equal to (\S+) and less than or equal to (\S+)\.",
        r"须在 \1 到 \2 之间。",
    ),
    (r"String does not match expected pattern\.", "格式不正确。"),
]
_FIELD_PATTERNS = [(re.compile(f"^{en}$"), zh) for en, zh in _FIELD_MESSAGES]


# Field-level messages of our own validators, keyed; a validator raises ValidationError("@key").
FIELD_TEXTS: dict[str, dict[str, str]] = {}


def register_field_texts(texts: dict[str, dict[str, str]]) -> None:
    """Make keyed bilingual field messages available to every validator."""
    FIELD_TEXTS.update(texts)


def current_language() -> str:
    """zh or en: ?lang= first, then Accept-Language, Chinese by default."""
    if not has_request_context():
        return "zh"
    # Asked several times per request (body, problem, Content-Language): decided once.
    environ = request.environ
    if _LANGUAGE_KEY not in environ:
        environ[_LANGUAGE_KEY] = _requested_language()
    return environ[_LANGUAGE_KEY]


_LANGUAGE_KEY = "app.language"


def _requested_language() -> str:
    environ = request.environ
    if environ.get("QUERY_STRING"):
        asked = request.args.get("lang", "")[:2].lower()
        if asked in LANGUAGES:
            return asked
    if not environ.get("HTTP_ACCEPT_LANGUAGE"):
        return "zh"
    best = request.accept_languages.best_match(["zh", "zh-CN", "en", "en-US", "en-GB"])
    return "en" if best and best.startswith("en") else "zh"


def localise(text, lang: str | None = None) -> str:
    """Pick the language from a {zh, en} mapping, falling back to Chinese."""
    lang = lang or current_language()
    if isinstance(text, dict):
        return text.get(lang) or text.get("zh") or next(iter(text.values()), "")
    return text


def message(key: str, lang: str | None = None, **params) -> str:
    """One of our MESSAGES in the request's language."""
    return localise(MESSAGES[key], lang).format(**params)


def translate_field_message(text, lang: str | None = None) -> str:
    """A validation message in the request's language; ours are {zh, en}, marshmallow's English."""
    lang = lang or current_language()
    if isinstance(text, dict):
        return localise(text, lang)
    if text.startswith("@") and text[1:] in FIELD_TEXTS:
        return localise(FIELD_TEXTS[text[1:]], lang)
    if lang == "en":
        return text
    for pattern, zh in _FIELD_PATTERNS:
        if pattern.match(text):
            return pattern.sub(zh, text)
    return text


def _declare_language(response):
    """Say which language a response is in, so caches keep zh and en apart."""
    if request.path.startswith("/api/") and "Content-Language" not in response.headers:
        response.headers["Content-Language"] = current_language()
        response.vary.add("Accept-Language")
    return response


def init_app(app) -> None:
    """Declare the language of every API response."""
    app.after_request(_declare_language)
