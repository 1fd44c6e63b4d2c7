"""What export jobs say: states, refusals, failures."""

EXPORT_NOT_READY = {
    "zh": "导出文件尚未生成（当前状态：{state}），请稍后再下载。",
    "en": "The export file is not ready yet (state: {state}); download it when it is done.",
}
EXPORT_FILE_MISSING = {
    "zh": "导出文件已过期或已删除，请重新导出。",
    "en": "The export file has expired or was removed; create the export again.",
}
EXPORT_KIND_FORBIDDEN = {
    "zh": "您的角色不能导出这类数据。",
    "en": "Your role cannot export this kind of data.",
}
EXPORT_TOO_LARGE = {
    "zh": "符合条件的记录有 {rows} 条，超过直接下载的上限 {limit} 条。"
    "请改用后台导出（POST /api/v1/exports），完成后下载。",
    "en": "{rows} rows match, more than the {limit} a direct download allows. Create a background "
    "export (POST /api/v1/exports) and download it when it is done.",
}
ACCOUNT_CHANGED = {
    "zh": "账号已停用或角色已变更，导出未执行。",
    "en": "The account was disabled or its role changed; the export did not run.",
}
QUEUE_UNAVAILABLE = {
    "zh": "后台任务队列暂时无法访问，导出未创建，请稍后重试。",
    "en": "The background queue cannot be reached just now; the export was not created. Try again "
    "shortly.",
}
