"""What identity checks say: verification, refusal, reassignment, a refused registration."""

# A USCC that is taken: the same answer whoever asks, so it tells nobody who takes part.
REGISTRATION_REFUSED = {
    "zh": "无法用这些信息完成注册。如果这是贵企业的统一社会信用代码，"
    "请联系企业所在地的市场监管部门核实身份。",
    "en": "Registration with these details is not possible. If this is your company's unified "
    "social credit code, contact the market regulator of your company's region to verify it.",
}
ENTERPRISE_RELEASED = {
    "zh": "该企业账户的统一社会信用代码已改配给核实的企业，不能再作核验。",
    "en": "This account's unified social credit code was reassigned to the verified company; "
    "it can no longer be verified.",
}
# The marks that go beside what an enterprise said about itself.
UNVERIFIED_NOTICE = {
    "zh": "企业自报，未经核验",
    "en": "Self-reported by the enterprise, not verified",
}
DECLARED_NAME = {"zh": "{name}（申报）", "en": "{name} (declared)"}
# Field-level messages (app/auth/identity_schemas.py registers them).
IDENTITY_FIELD_TEXTS = {
    "identity.text": {
        "zh": "不能包含控制字符或文字方向控制符。",
        "en": "May not contain control or text-direction characters.",
    },
}
