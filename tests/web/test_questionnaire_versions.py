"""The administrator's questionnaire versions in Chromium (axe-clean, screenshots at 390×844 and
1366×768): a bad file refused line by line, a good one stored as a draft, its changes and its
preview, publishing; an enterprise then starts on the new version; retiring."""

import uuid

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.assessments.models import Assessment
from app.db import db
from app.questionnaires import versions
from tests.fixtures.data import PASSWORD
from tests.questionnaires.test_publishing import example_yaml
from tests.web.phone import sign_in
from tests.web.test_association import DESKTOP, no_violations
from tests.web.test_screens import sign_in_staff

pytestmark = pytest.mark.browser
SIZES = {"phone": ({}, "390x844"), "desktop": (DESKTOP, "1366x768")}
CONDITION = "condition: {answer: sales_channels, contains_any: [online]}"


def yaml_file(text: str) -> dict:
    return {"name": "example.yaml", "mimeType": "text/yaml", "buffer": text.encode()}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_admin_uploads_checks_previews_publishes_and_retires_a_version(
    new_page, make_staff_account, make_enterprise_account, artifacts, size
):
    options, width = SIZES[size]
    key = f"web_{uuid.uuid4().hex[:8]}"
    title = f"示例问卷{key[-4:]}"
    first = example_yaml(key).replace("示例问卷", title)
    versions.store_draft(text=first, filename="example.yaml", by=versions.CLI)
    versions.publish_version(key=key, version=1, by=versions.CLI)
    db.session.commit()
    make_staff_account("admin", username=f"qv-admin-{size}")
    page = new_page(**options)
    sign_in_staff(page, f"qv-admin-{size}")
    page.get_by_role("link", name="问卷版本").tap()
    expect(page.get_by_role("heading", name="问卷版本", exact=True)).to_be_visible()
    expect(page.get_by_role("region", name=f"{title} {key}")).to_contain_text("已发布")

    broken = first.replace(CONDITION, "condition: {answer: sales_channel, contains_any: [online]}")
    broken = broken.replace("id: online_id", "id: cqo")
    line_of = {line: i for i, line in enumerate(broken.splitlines(), 1)}
    page.get_by_label("问卷文件（YAML）").set_input_files(yaml_file(broken))
    page.get_by_role("button", name="检查并保存为草稿").tap()
    problems = page.locator(".problems li")
    expect(problems).to_have_count(2)
    expect(page.get_by_role("alert")).to_contain_text("问卷文件有 2 处问题")
    condition_line = next(n for text, n in line_of.items() if "answer: sales_channel," in text)
    expect(problems.filter(has_text="sales_channel")).to_contain_text(f"第 {condition_line} 行")
    expect(problems.filter(has_text="题目编号 cqo 重复")).to_contain_text("cqo · id")
    no_violations(page, f"versions errors {width}")
    page.screenshot(path=str(artifacts / f"qversions-errors-{width}.png"), full_page=True)

    second = first.replace("是否设立首席质量官或质量安全总监？", "是否设立首席质量官？").replace(
        "{id: appointed, text: {zh: 已设立并经培训}, points: 4}",
        "{id: appointed, text: {zh: 已设立并经培训}, points: 3}",
    )
    page.get_by_label("问卷文件（YAML）").set_input_files(yaml_file(second))
    page.get_by_role("button", name="只检查").tap()
    expect(page.get_by_text(f"检查通过：{title}，共 3 题。尚未保存。")).to_be_visible()
    page.get_by_role("button", name="检查并保存为草稿").tap()
    expect(page.get_by_role("heading", name=f"{title} · 第 2 版")).to_be_visible()
    expect(page.get_by_text("已保存为草稿第 2 版")).to_be_visible()
    changes = page.get_by_role("region", name="与第 1 版相比的变更")
    expect(changes.locator(".qv-reworded")).to_contain_text("是否设立首席质量官？")
    expect(changes.locator(".qv-options")).to_contain_text("选项“已设立并经培训”分值 4 → 3")

    preview = page.get_by_role("region", name="以企业视角预览")
    online = preview.locator('[data-q="online_id"]')
    expect(online).to_be_hidden()
    expect(preview.get_by_role("status")).to_have_text("当前显示 2 题，共 3 题。")
    preview.get_by_text("电子商务平台").tap()
    expect(online).to_be_visible()
    no_violations(page, f"version draft {width}")
    page.screenshot(path=str(artifacts / f"qversion-draft-{width}.png"), full_page=True)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="发布第 2 版").tap()
    expect(page.get_by_text("第 2 版已发布，新开始的自评将使用此版。")).to_be_visible()
    expect(page.locator("h1 + p .badge")).to_have_text("已发布 · 新开始的自评使用此版")
    assert db.session.scalar(select(Assessment.id)) is None  # the preview saved nothing

    _, firm = make_enterprise_account()
    firm_page = new_page(**options)
    sign_in(firm_page, firm.username, PASSWORD)
    firm_page.get_by_role("listitem").filter(has_text=title).get_by_role(
        "button", name="开始自评"
    ).tap()
    expect(firm_page.get_by_text("是否设立首席质量官？")).to_be_visible()
    draft = db.session.scalar(select(Assessment).where(Assessment.questionnaire_key == key))
    assert draft.questionnaire_version.version == 2

    page.reload()  # the counts as they are now
    expect(page.get_by_text("填写中 1 份")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="停用第 2 版").tap()
    expect(page.get_by_text("第 2 版已停用。")).to_be_visible()
    page.get_by_role("link", name="‹ 问卷版本").first.tap()
    card = page.get_by_role("region", name=f"{title} {key}")
    expect(card.locator(".qv-version").first).to_contain_text("已停用")
    expect(card.locator(".qv-version").nth(1)).to_contain_text("新开始的自评使用此版")
    no_violations(page, f"versions list {width}")
    page.screenshot(path=str(artifacts / f"qversions-list-{width}.png"), full_page=True)
