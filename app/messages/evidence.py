"""What evidence uploads say: refused files, limits, questions that take none, verification."""

TYPE_REFUSED = {
    "zh": "只能上传 PDF、JPEG 或 PNG 文件（按文件内容判断，不看文件名）。",
    "en": "Only PDF, JPEG or PNG files can be uploaded (judged from the content, not the name).",
}
TOO_LARGE = {
    "zh": "文件超过 {size} 的上限。",
    "en": "The file is larger than the limit of {size}.",
}
EMPTY_FILE = {"zh": "文件是空的。", "en": "The file is empty."}
IMAGE_UNREADABLE = {
    "zh": "图片无法读取，可能已损坏，请重新拍摄或导出后上传。",
    "en": "The image cannot be read; it may be damaged. Take or export it again and upload.",
}
IMAGE_TOO_BIG = {
    "zh": "图片像素过多（{megapixels} 百万像素，上限 {limit} 百万像素），请缩小后上传。",
    "en": "The image has too many pixels ({megapixels} megapixels; at most {limit}); "
    "reduce it and upload again.",
}
QUESTION_FULL = {
    "zh": "这道题已有 {limit} 个证明材料，请先删除不需要的再上传。",
    "en": "This question already holds {limit} evidence files; remove one before adding another.",
}
ASSESSMENT_FULL = {
    "zh": "这份自评已有 {limit} 个证明材料，达到上限。",
    "en": "This assessment already holds {limit} evidence files, the most it may hold.",
}
NO_EVIDENCE = {
    "zh": "这道题不收证明材料。",
    "en": "This question takes no evidence files.",
}
QUESTION_MISSING = {
    "zh": "请用 question 参数指明材料所属的题目。",
    "en": "Say which question the file belongs to (the question parameter).",
}
EVIDENCE_LOCKED = {
    "zh": "当前状态为“{status}”，不能增删证明材料；退回后可以修改。",
    "en": "The assessment is {status}; its evidence cannot be changed unless it is returned.",
}
REASON_REQUIRED = {
    "zh": "驳回证明材料时须说明理由。",
    "en": "Rejecting an evidence file needs a reason.",
}
NOT_IN_REVISION = {
    "zh": "该材料不属于最近一次提交，不能核验。",
    "en": "This file is not part of the latest submitted revision, so it cannot be verified.",
}
