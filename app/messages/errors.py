"""Problem details and titles that any route may answer (app/errors.py, app/i18n.py)."""

MESSAGES = {
    "bad_request": {"zh": "请求无法解析。", "en": "The request could not be understood."},
    "malformed_json": {
        "zh": "请求体不是合法的 JSON。",
        "en": "The request body is not valid JSON.",
    },
    "json_too_deep": {
        "zh": "请求体的 JSON 嵌套超过 {depth} 层。",
        "en": "The JSON body nests more than {depth} levels deep.",
    },
    "json_number_too_long": {
        "zh": "请求体的 JSON 中有超过 {length} 个字符的数字。",
        "en": "The JSON body holds a number longer than {length} characters.",
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
    "not_ready": {
        "zh": "服务暂不可用：{unavailable} 无响应。",
        "en": "The service is not ready: {unavailable} does not answer.",
    },
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
# The title of a status that has none of its own above.
ERROR_TITLE = {"zh": "错误", "en": "Error"}
