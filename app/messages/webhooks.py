"""What the webhooks console says: refusals of a URL, a name taken, a delivery not finished."""

WEBHOOK_NAME_TAKEN = {
    "zh": "已有同名的 Webhook，请换一个名称。",
    "en": "A webhook of this name exists already; choose another name.",
}
WEBHOOK_URL_PRIVATE = {
    "zh": "不能向本机、内网、链路本地或保留地址发送 Webhook，请填写接收方的公网地址。",
    "en": "Webhooks are not sent to loopback, private, link-local or reserved addresses; give the "
    "receiver's public address.",
}
WEBHOOK_DISABLED = {
    "zh": "该 Webhook 已停用，启用后才能重新投递。",
    "en": "This webhook is disabled; enable it before redelivering.",
}
# Field messages of the webhook schemas (app/i18n.py FIELD_TEXTS: ValidationError("@key")).
WEBHOOK_FIELD_TEXTS = {
    "webhooks.url_invalid": {
        "zh": "请填写以 https:// 或 http:// 开头、含主机名的网址，网址中不能带用户名或密码。",
        "en": "Give an address starting with https:// or http:// with a host name, and no user "
        "name or password in it.",
    },
}
