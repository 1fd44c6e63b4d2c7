"""What the enterprise profile says: invalid answers, and submitting without a complete profile."""

PROFILE_INCOMPLETE = {
    "zh": "企业基本情况尚未填写完整，请先补全后再提交问卷。",
    "en": "The enterprise profile is not complete; complete it before submitting.",
}
FIELD_REQUIRED = {"zh": "企业基本情况中的必填项尚未填写。", "en": "This profile field is required."}
UNKNOWN_FIELD = {"zh": "企业基本情况中没有这一项。", "en": "The profile has no such field."}
HIDDEN_FIELD = {
    "zh": "根据已填写的内容，这一项不适用，不能填写。",
    "en": "This field does not apply given the other answers, so it cannot be answered.",
}
NOT_AN_OPTION = {"zh": "须为该项的选项之一。", "en": "Must be one of this field's options."}
NOT_OPTIONS = {
    "zh": "须为该项选项的列表，不重复；“以上均不涉及”不能与其他选项同选。",
    "en": "Must be a list of this field's options, without repeats; "
    "'none of the above' cannot be combined with others.",
}
NOT_IN_RANGE = {
    "zh": "须为 {min} 到 {max} 之间的整数。",
    "en": "Must be a whole number from {min} to {max}.",
}
