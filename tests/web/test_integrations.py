"""The administrator's integrations screen in Chromium (axe-clean, screenshots at 390×844 and
1366×768): a webhook registered with its secret shown once, a refused address named under its
field, the delivery log with every attempt, disable; a service token issued once and revoked."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import ServiceToken
from app.db import db, utcnow
from app.webhooks.models import Webhook, WebhookAttempt, WebhookDelivery
from tests.web.test_association import DESKTOP, no_violations
from tests.web.test_screens import sign_in_staff

pytestmark = pytest.mark.browser
SIZES = {"phone": ({}, "390x844"), "desktop": (DESKTOP, "1366x768")}


def _logged_delivery(name: str) -> None:
    """A webhook whose one delivery failed twice (500, then no connection) and then arrived."""
    webhook = Webhook(
        name=name,
        url="https://data.hebei.example.cn/hooks/quality",
        events=["submission.submitted", "report.ready"],
        secret="whsec_test",
    )
    webhook.active = True
    db.session.add(webhook)
    db.session.flush()
    start = utcnow() - timedelta(minutes=5)
    delivery = WebhookDelivery(
        webhook_id=webhook.id,
        event="submission.submitted",
        event_key="submission.submitted:assessment:12:1",
        payload={"assessment_id": 12, "status": "submitted", "revision": 1},
        state="delivered",
        attempts=3,
        created_at=start,
        delivered_at=start + timedelta(minutes=3),
    )
    db.session.add(delivery)
    db.session.flush()
    for number, outcome, status, error in (
        (1, "http_error", 500, None),
        (2, "network_error", None, "ConnectionRefusedError: [Errno 111] Connection refused"),
        (3, "delivered", 200, None),
    ):
        db.session.add(
            WebhookAttempt(
                delivery_id=delivery.id,
                number=number,
                outcome=outcome,
                status=status,
                error=error,
                duration_ms=40 * number,
                started_at=start + timedelta(minutes=number),
            )
        )
    db.session.commit()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_admin_manages_webhooks_and_service_tokens(
    new_page, make_staff_account, artifacts, size
):
    options, width = SIZES[size]
    make_staff_account("admin", username="hooks-admin")
    _logged_delivery("省市场监管数据平台")
    page = new_page(**options)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in_staff(page, "hooks-admin")
    page.get_by_role("link", name="系统对接：Webhook 与服务令牌").tap()
    expect(page.get_by_role("heading", name="系统对接")).to_be_visible()

    hooks = page.locator("li.webhook")
    expect(hooks).to_have_count(1)
    expect(hooks).to_contain_text("已送达 1 · 待发送 0 · 失败 0")
    hooks.get_by_text("投递记录").tap()
    attempts = hooks.locator(".attempts li")
    expect(attempts).to_have_text(
        [
            "第 1 次：对方返回 500（40 毫秒）",
            "第 2 次：连接失败（80 毫秒）",
            "第 3 次：成功 200（120 毫秒）",
        ]
    )
    no_violations(page, f"integrations {width}")
    page.screenshot(path=str(artifacts / f"integrations-{width}.png"), full_page=True)

    # Rotating the secret: the new one shown once in the row, the old one's overlap stated.
    hooks.get_by_role("button", name="更换密钥 省市场监管数据平台").tap()
    rotated = hooks.locator(".note", has_text="已为「省市场监管数据平台」生成新的签名密钥")
    expect(rotated).to_be_visible()
    db.session.expire_all()
    stored_hook = db.session.scalar(select(Webhook).where(Webhook.name == "省市场监管数据平台"))
    assert stored_hook.previous_secret == "whsec_test" and stored_hook.secret != "whsec_test"
    expect(rotated.locator("code.secret")).to_have_text(stored_hook.secret)
    expect(hooks.locator(".overlap")).to_contain_text("旧密钥同时签名至")
    no_violations(page, f"integrations secret rotated {width}")
    page.screenshot(path=str(artifacts / f"integrations-rotated-{width}.png"), full_page=True)

    page.get_by_text("新建 Webhook").tap()
    form = page.get_by_role("form", name="新建 Webhook")
    form.get_by_label("名称").fill("唐山市平台")
    form.get_by_label("接收地址").fill("http://127.0.0.1:8080/hook")
    form.get_by_label("监管部门退回").check()
    form.get_by_role("button", name="创建").tap()
    expect(form.locator(".field-error:not([hidden])")).to_contain_text("不能向本机、内网")
    form.get_by_label("接收地址").fill("https://ts.example.cn/hook")
    form.get_by_role("button", name="创建").tap()
    shown = page.locator(".note", has_text="签名密钥只显示这一次")
    expect(shown).to_be_visible()
    secret = db.session.scalar(select(Webhook.secret).where(Webhook.name == "唐山市平台"))
    expect(shown.locator("code.secret")).to_have_text(secret)
    expect(hooks).to_have_count(2)
    no_violations(page, f"integrations webhook created {width}")
    page.screenshot(path=str(artifacts / f"integrations-created-{width}.png"), full_page=True)

    created = hooks.filter(has_text="唐山市平台")
    created.get_by_role("button", name="停用 唐山市平台").tap()
    expect(page.get_by_text("已停用 Webhook「唐山市平台」，新事件不再发送给它。")).to_be_visible()
    expect(hooks.filter(has_text="唐山市平台").locator(".badge")).to_have_text("已停用")

    page.get_by_text("签发服务令牌").tap()
    issue = page.get_by_role("form", name="签发服务令牌")
    issue.get_by_role("button", name="签发").tap()
    expect(issue.locator(".field-error:not([hidden])").first).to_be_visible()
    issue.get_by_label("持有方名称").fill("省数据平台")
    issue.get_by_label("汇总统计").check()
    issue.get_by_label("可读地区").select_option("130200")
    issue.get_by_role("button", name="签发").tap()
    token = page.locator(".note", has_text="令牌只显示这一次").locator("code.secret")
    expect(token).to_have_text(re.compile(r"^qst_\S{40,}$"))
    stored = db.session.scalar(select(ServiceToken).where(ServiceToken.name == "省数据平台"))
    assert (stored.scopes, stored.jurisdiction) == (["aggregates:read"], "130200")
    tokens = page.locator("li.service-token")
    expect(tokens).to_contain_text("汇总统计 · 唐山市")
    tokens.get_by_role("button", name="注销 省数据平台").tap()
    expect(tokens.locator(".badge")).to_have_text("已注销")
    no_violations(page, f"integrations token {width}")
    page.screenshot(path=str(artifacts / f"integrations-tokens-{width}.png"), full_page=True)
    db.session.expire_all()
    assert db.session.get(ServiceToken, stored.id).revoked_at is not None
