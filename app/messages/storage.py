"""What the file store says when it cannot be reached."""

STORAGE_UNAVAILABLE = {
    "zh": "文件存储暂时无法访问，请稍后重试。已提交的内容不受影响。",
    "en": "File storage cannot be reached just now; try again shortly. Submitted data is safe.",
}
