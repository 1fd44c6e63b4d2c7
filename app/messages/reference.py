"""What the reference data (the unified social credit code) says about bad input."""

# Keyed by the rule a code breaks (app/reference/uscc.py).
USCC_MESSAGES: dict[str, dict[str, str]] = {
    "format": {
        "zh": "统一社会信用代码格式不正确：前8位应为登记管理部门、机构类别和行政区划数字代码",
        "en": "The unified social credit code is malformed: "
        "its first 8 characters must be digits (registrar, category, region).",
    },
    "length": {
        "zh": "统一社会信用代码应为18位",
        "en": "The unified social credit code must be 18 characters long.",
    },
    "charset": {
        "zh": "统一社会信用代码含有无效字符（只能使用数字和大写字母，不使用I、O、S、V、Z）",
        "en": "The unified social credit code contains an invalid character "
        "(digits and capital letters only; I, O, S, V and Z are never used).",
    },
    "check_character": {
        "zh": "统一社会信用代码第18位校验码不正确，请核对是否输错",
        "en": "The check character (18th) of the unified social credit code is wrong; "
        "please check for a typing error.",
    },
    "org_check_character": {
        "zh": "统一社会信用代码第17位（组织机构代码校验码）不正确，请核对是否输错",
        "en": "The 17th character (the organisation code check character) of the unified "
        "social credit code is wrong; please check for a typing error.",
    },
}

PROVINCE_NAME = {"zh": "河北省", "en": "Hebei"}
