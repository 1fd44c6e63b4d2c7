"""The language of the request, and our texts (app/messages) and the libraries' in it."""

import re

from flask import has_request_context, request
from marshmallow import fields, validate
from webargs.core import Parser

from app.messages.errors import MESSAGES

LANGUAGES = ("zh", "en")


# marshmallow and webargs speak English; their messages in Chinese. Keyed by the library's own
# public templates where it publishes them (fields' default_error_messages, the validators'
# message attributes), so a reworded message is still recognised; {name} is a parameter.
# The rest are literal. tests/test_i18n.py makes the libraries say every one of them and fails
# loudly when one comes out in English.
_Range = validate.Range
# webargs says this itself, for a validator of its own that returns False. (Its broken-body
# message never gets here: app/errors.py answers that with malformed_json.)
WEBARGS_INVALID = Parser.DEFAULT_VALIDATION_MESSAGE
_LIBRARY_TEXTS = {
    fields.Field.default_error_messages["required"]: "缺少必填字段。",
    fields.Field.default_error_messages["null"]: "此字段不能为空值。",
    fields.String.default_error_messages["invalid"]: "不是合法的字符串。",
    fields.Integer.default_error_messages["invalid"]: "不是合法的整数。",
    fields.Number.default_error_messages["invalid"]: "不是合法的数字。",
    fields.Boolean.default_error_messages["invalid"]: "不是合法的布尔值。",
    fields.List.default_error_messages["invalid"]: "不是合法的列表。",
    fields.Mapping.default_error_messages["invalid"]: "不是合法的对象。",
    fields.DateTime.default_error_messages["invalid"].format(obj_type=fields.DateTime.OBJ_TYPE): (
        "不是合法的日期时间。"
    ),
    fields.Date.default_error_messages["invalid"]: "不是合法的日期。",
    fields.Email.default_error_messages["invalid"]: "不是合法的电子邮箱地址。",
    validate.Regexp.default_message: "格式不正确。",
    validate.OneOf.default_message: "必须是以下之一：{choices}。",
    validate.Length.message_min: "长度不能少于 {min}。",
    validate.Length.message_max: "长度不能超过 {max}。",
    validate.Length.message_all: "长度须在 {min} 到 {max} 之间。",
    _Range.message_min.format(min_op=_Range.message_gte): "必须大于或等于 {min}。",
    _Range.message_max.format(max_op=_Range.message_lte): "必须小于或等于 {max}。",
    _Range.message_min.format(min_op=_Range.message_gt): "必须大于 {min}。",
    _Range.message_max.format(max_op=_Range.message_lt): "必须小于 {max}。",
    _Range.message_all.format(min_op=_Range.message_gte, max_op=_Range.message_lte): (
        "须在 {min} 到 {max} 之间。"
    ),
    WEBARGS_INVALID: "取值无效。",
    # No public template: a Schema's own messages.
    "Unknown field.": "未知字段。",
    "Invalid input type.": "输入类型不正确。",
}
_PARAMETER = re.compile(r"\{(\w+)\}")


def _template_pattern(template: str) -> re.Pattern:
    """'Longer than maximum length {max}.' → a pattern capturing max."""
    parts = _PARAMETER.split(template)  # literal, name, literal, name, ..., literal
    return re.compile(
        "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+)" for i, p in enumerate(parts)) + "$"
    )


_EXACT_TEXTS = {en: zh for en, zh in _LIBRARY_TEXTS.items() if not _PARAMETER.search(en)}
# The most specific first: "Must be ≥ {min} and ≤ {max}." before "Must be ≥ {min}.".
_TEMPLATE_TEXTS = [
    (_template_pattern(en), zh)
    for en, zh in sorted(_LIBRARY_TEXTS.items(), key=lambda t: -len(_PARAMETER.sub("", t[0])))
    if _PARAMETER.search(en)
]


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
    if text in _EXACT_TEXTS:
        return _EXACT_TEXTS[text]
    for pattern, zh in _TEMPLATE_TEXTS:
        if found := pattern.match(text):
            return zh.format(**found.groupdict())
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
