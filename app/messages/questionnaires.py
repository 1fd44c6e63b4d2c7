"""What answer checks say about a value that does not fit its question (app/questionnaires)."""

# Keyed by what is wrong; {options}, {codes} are lists joined the way each language joins them.
ANSWER_ERRORS = {
    "not_an_option": {
        "zh": "须为以下选项之一：{options}",
        "en": "must be one of the options: {options}",
    },
    "not_option_ids": {"zh": "须为选项编号的列表", "en": "must be a list of option ids"},
    "unknown_options": {"zh": "没有选项 {options}", "en": "no such option: {options}"},
    "repeated_option": {"zh": "选项 {options} 重复", "en": "option listed twice: {options}"},
    "exclusive_option": {
        "zh": "选项 {option} 不能与其他选项同时选择",
        "en": "option {option} cannot be combined with another option",
    },
    "not_a_number": {"zh": "须为数字", "en": "must be a number"},
    "not_whole": {"zh": "须为整数", "en": "must be a whole number"},
    "below_min": {"zh": "不能小于 {min}", "en": "must be at least {min}"},
    "above_max": {"zh": "不能大于 {max}", "en": "must be at most {max}"},
    "not_text": {"zh": "须为文字", "en": "must be text"},
    "unsafe_character": {
        "zh": "含有不允许的字符 U+{point}（控制字符、方向控制符或其他不可见字符）",
        "en": "contains a character that is not allowed, U+{point} (a control, bidi or other "
        "invisible character)",
    },
    "too_long": {
        "zh": "不能超过 {limit} 字（现为 {length} 字）",
        "en": "must be at most {limit} characters, got {length}",
    },
    "not_standards": {"zh": "须为标准条目的列表", "en": "must be a list of standards"},
    "too_many": {"zh": "最多填写 {max} 项标准", "en": "at most {max} standards"},
    "bad_standard": {"zh": "第 {i} 项的 {field}：{message}", "en": "entry {i}, {field}: {message}"},
    "repeated_standard": {"zh": "标准 {codes} 重复", "en": "standard listed twice: {codes}"},
}
# How each language joins a list inside a message.
LIST_JOINERS = {"zh": "、", "en": ", "}

# What is wrong with one entry of a standard_list answer, field by field.
STANDARD_ENTRY_ERRORS = {
    "not_an_object": {
        "zh": "须为对象（包含 code、name 等字段）",
        "en": "must be an object with code, name, …",
    },
    "unknown_field": {"zh": "未知字段", "en": "unknown field"},
    "code_missing": {"zh": "缺少标准编号", "en": "the standard number is missing"},
    "code_malformed": {
        "zh": "“{code}”不是带年代号的标准编号，"
        "如 GB/T 19001-2016、DB13/T 1234-2020、T/CAS 290-2017、Q/SJZ 001-2024",
        "en": "“{code}” is not a standard number with its year, e.g. GB/T 19001-2016, "
        "DB13/T 1234-2020, T/CAS 290-2017, Q/SJZ 001-2024",
    },
    "name_missing": {"zh": "缺少标准名称", "en": "the standard's name is missing"},
    "name_too_long": {
        "zh": "标准名称不能超过 {max} 字",
        "en": "the name is longer than {max} characters",
    },
    "flag_missing": {"zh": "缺少此项（是/否）", "en": "missing (true or false)"},
    "flag_not_boolean": {"zh": "须为是或否", "en": "must be true or false"},
}

# The administrator's questionnaire versions (app/questionnaires/versions.py).
QUESTIONNAIRE_FILE_INVALID = {
    "zh": "问卷文件有 {count} 处问题，未保存。请按行号逐处修改后重新上传。",
    "en": "The questionnaire file has {count} problem(s) and was not saved. Fix each at the "
    "line given and upload it again.",
}
QUESTIONNAIRE_FILE_NOT_TEXT = {
    "zh": "问卷文件须为 UTF-8 编码的 YAML 文本。",
    "en": "The questionnaire file must be YAML text in UTF-8.",
}
VERSION_NOT_DRAFT = {
    "zh": "只能发布草稿版本；该版本当前状态为“{state}”。",
    "en": "Only a draft can be published; this version is {state}.",
}
VERSION_NOT_PUBLISHED = {
    "zh": "只能停用已发布的版本；该版本当前状态为“{state}”。",
    "en": "Only a published version can be retired; this version is {state}.",
}
NEWER_VERSION_PUBLISHED = {
    "zh": "已发布更新的第 {newer} 版，不能再发布较旧的草稿。请以当前文件重新上传为新草稿。",
    "en": "Version {newer} is published already, newer than this draft. Upload the file again "
    "as a new draft.",
}
VERSION_UPLOAD_RACE = {
    "zh": "另一次上传刚刚为该问卷保存了新版本，请刷新版本列表后重试。",
    "en": "Another upload stored a new version of this questionnaire a moment ago; reload the "
    "versions and try again.",
}
VERSION_STATES = {
    "draft": {"zh": "草稿", "en": "draft"},
    "published": {"zh": "已发布", "en": "published"},
    "retired": {"zh": "已停用", "en": "retired"},
}
