"""The account screens in Chromium (axe-clean, screenshots at 390×844 and 1366×768): the
administrator's console, a temporary password changed at first sign-in, and the password
reset end to end as the regulator and as the enterprise."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.auth.models import User
from app.db import db
from tests.accounts.test_reset_by_email import smtp  # noqa: F401  (fixture)
from tests.web.test_association import DESKTOP, no_violations
from tests.web.test_screens import sign_in_staff

pytestmark = pytest.mark.browser
SIZES = {"phone": ({}, "390x844"), "desktop": (DESKTOP, "1366x768")}
NEW = "我家门前有两棵枣树"  # nine characters: one short of the rule
GOOD = "我家门前有两棵枣树，一棵是枣树"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_admin_finds_creates_and_disables_accounts(
    new_page, make_staff_account, make_enterprise_account, artifacts, size
):
    options, width = SIZES[size]
    make_staff_account("admin", username="console-admin")
    make_enterprise_account(name="冀华毛巾有限公司")
    make_staff_account(
        "regulator", username="reg-ts", jurisdiction="130200", display_name="唐山市局"
    )
    page = new_page(**options)
    sign_in_staff(page, "console-admin")
    expect(page.get_by_role("heading", name="账号管理")).to_be_visible()
    expect(page.get_by_text("冀华毛巾有限公司")).to_be_visible()
    no_violations(page, f"accounts {width}")
    page.screenshot(path=str(artifacts / f"accounts-{width}.png"), full_page=True)

    search = page.get_by_role("search")
    search.get_by_label("地区").select_option("130200")  # 唐山: its regulator only
    rows = page.locator("li.account")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text("唐山市局")
    search.get_by_label("地区").select_option("")
    search.get_by_label("最近登录").select_option("never")
    expect(rows).to_have_count(2)  # the admin signed in; the firm and 唐山 never did
    search.get_by_label("最近登录").select_option("")
    page.get_by_label("用户名、名称或信用代码").fill("唐山")
    search.get_by_role("button", name="查找").tap()
    expect(rows).to_have_count(1)
    rows.get_by_text("最近登录记录").tap()
    expect(rows.locator(".sign-ins")).to_contain_text("从未登录")
    rows.get_by_role("button", name="停用 唐山市局").tap()
    expect(rows.locator(".badge")).to_have_text("已停用")
    expect(page.get_by_text("已停用 唐山市局，其登录立即失效。")).to_be_visible()

    page.get_by_text("新建账号").tap()
    form = page.get_by_role("form", name="新建账号")
    form.get_by_label("用户名").fill("shijiazhuang.li")
    form.get_by_label("显示名称").fill("石家庄市局李")
    form.get_by_label("辖区").select_option("130100")
    form.get_by_role("button", name="创建").tap()
    created = page.locator(".note", has_text="临时密码")
    expect(created).to_contain_text("已创建 石家庄市局李")
    no_violations(page, f"accounts create {width}")
    page.screenshot(path=str(artifacts / f"accounts-created-{width}.png"), full_page=True)
    user = db.session.scalar(select(User).where(User.username == "shijiazhuang.li"))
    assert (user.jurisdiction, user.must_change_password) == ("130100", True)

    form.get_by_label("用户名").fill("shijiazhuang.li")
    form.get_by_role("button", name="创建").tap()
    expect(form.locator(".field-error:not([hidden])")).to_contain_text("该用户名已被使用")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_admin_picks_a_county_jurisdiction_from_the_region_tree(
    new_page, make_staff_account, artifacts, size
):
    options, width = SIZES[size]
    make_staff_account("admin", username="tree-admin")
    page = new_page(**options)
    sign_in_staff(page, "tree-admin")
    page.get_by_text("新建账号").tap()
    form = page.get_by_role("form", name="新建账号")
    county = form.get_by_label("区县")
    expect(county).to_be_hidden()  # the province: nothing below it to pick
    form.get_by_label("辖区").select_option("130181")  # 辛集: a county itself, no second step
    expect(county).to_be_hidden()
    form.get_by_label("辖区").select_option("130100")
    expect(county).to_be_visible()
    expect(county.locator("option")).to_contain_text(
        ["不限区县（整个市级单位）", "长安区", "桥西区"]
    )
    county.select_option("130102")
    form.get_by_label("用户名").fill("changan.zhang")
    form.get_by_label("显示名称").fill("长安区局张")
    no_violations(page, f"accounts county {width}")
    page.screenshot(path=str(artifacts / f"accounts-county-{width}.png"), full_page=True)
    form.get_by_role("button", name="创建").tap()
    expect(page.locator(".note", has_text="临时密码")).to_contain_text("已创建 长安区局张")
    user = db.session.scalar(select(User).where(User.username == "changan.zhang"))
    assert user.jurisdiction == "130102"
    expect(page.locator("li.account", has_text="长安区局张")).to_contain_text("长安区")
    # Another city's list replaces the first's; 雄安 lists the counties it administers.
    form.get_by_label("辖区").select_option("133100")
    expect(county.locator("option")).to_contain_text(
        ["不限区县（整个市级单位）", "容城县", "安新县", "雄县"]
    )
    county.select_option("")
    form.get_by_label("用户名").fill("xiongan.wang")
    form.get_by_role("button", name="创建").tap()
    expect(page.locator(".note", has_text="临时密码")).to_contain_text("xiongan.wang")
    user = db.session.scalar(select(User).where(User.username == "xiongan.wang"))
    assert user.jurisdiction == "133100"


def test_a_temporary_password_is_changed_at_the_first_sign_in(
    new_page, client, make_staff_account, auth_headers, artifacts
):
    admin = auth_headers(make_staff_account("admin"))
    body = {"role": "regulator", "username": "first-day", "jurisdiction": "130100"}
    temporary = client.post("/api/v1/accounts", json=body, headers=admin).get_json()[
        "temporary_password"
    ]
    page = new_page()
    page.goto("/")
    page.get_by_label("用户名").fill("first-day")
    page.get_by_label("密码").fill(temporary)
    page.get_by_role("button", name="登录").tap()
    expect(page.get_by_role("heading", name="修改密码")).to_be_visible()
    expect(page.get_by_text("这是管理员设置的临时密码")).to_be_visible()
    page.goto("/#/enterprises")  # nothing else opens until it is changed
    expect(page.get_by_role("heading", name="修改密码")).to_be_visible()
    page.get_by_label("当前密码").fill(temporary)
    page.get_by_label("新密码").fill("1234567890")
    page.get_by_role("button", name="保存新密码").tap()
    expect(page.locator(".field-error:not([hidden])")).to_contain_text("密码规则「常用密码」")
    no_violations(page, "password rule")
    page.screenshot(path=str(artifacts / "password-rule-390x844.png"), full_page=True)
    page.get_by_label("新密码").fill(GOOD)
    page.get_by_role("button", name="保存新密码").tap()
    expect(page.get_by_role("heading", name="待审核的自评")).to_be_visible()
    expect(page.get_by_text("密码已修改")).to_be_visible()


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_forgotten_password_is_reset_through_the_regulator(
    new_page, make_enterprise_account, make_staff_account, artifacts, size
):
    options, width = SIZES[size]
    enterprise, user = make_enterprise_account(name="忘记密码有限公司", contact_phone="13912345678")
    make_staff_account("regulator", username="sjz-desk", jurisdiction="130100")
    firm = new_page(**options)
    firm.goto("/")
    firm.get_by_role("link", name="忘记密码？").tap()
    step1 = firm.get_by_role("form", name="第一步：申请重置")
    step1.get_by_label("统一社会信用代码").fill(enterprise.uscc)
    step1.get_by_role("button", name="提交申请").tap()
    expect(step1.get_by_role("status")).to_contain_text("市场监管部门")
    no_violations(firm, f"forgot {width}")
    firm.screenshot(path=str(artifacts / f"forgot-{width}.png"), full_page=True)

    desk = new_page(**options)
    sign_in_staff(desk, "sjz-desk")
    desk.get_by_role("link", name="密码重置申请").tap()
    expect(desk.get_by_text("忘记密码有限公司")).to_be_visible()
    expect(desk.get_by_role("link", name="13912345678")).to_have_attribute(
        "href", "tel:13912345678"
    )
    desk.get_by_role("button", name="已核实，生成验证码").tap()
    told = desk.locator(".note", has_text="验证码")
    expect(told).to_be_visible()
    code = re.search(r"(\d{4} \d{4})", told.inner_text()).group(1)
    no_violations(desk, f"resets {width}")
    desk.screenshot(path=str(artifacts / f"resets-{width}.png"), full_page=True)

    step2 = firm.get_by_role("form", name="第二步：用验证码设置新密码")
    expect(step2.get_by_label("统一社会信用代码")).to_have_value(enterprise.uscc)
    step2.get_by_label("一次性验证码").fill("0000 0000" if code != "0000 0000" else "1111 1111")
    step2.get_by_label("新密码").fill(GOOD)
    step2.get_by_role("button", name="设置新密码").tap()
    expect(step2.locator(".form-error")).to_contain_text("不匹配")
    step2.get_by_label("一次性验证码").fill(code)
    step2.get_by_label("新密码").fill(NEW)
    step2.get_by_role("button", name="设置新密码").tap()
    expect(step2.locator(".field-error:not([hidden])")).to_contain_text("至少需要 10 个字符")
    firm.screenshot(path=str(artifacts / f"forgot-errors-{width}.png"), full_page=True)
    step2.get_by_label("新密码").fill(GOOD)
    step2.get_by_role("button", name="设置新密码").tap()
    expect(firm.get_by_text("密码已重置，请用新密码登录。")).to_be_visible()
    firm.get_by_label("用户名").fill(user.username)
    firm.get_by_label("密码").fill(GOOD)
    firm.get_by_role("button", name="登录").tap()
    expect(firm.get_by_role("heading", name="我的自评")).to_be_visible()


def test_the_regulator_closes_a_request_it_could_not_confirm_and_its_code_stops_working(
    new_page, client, make_enterprise_account, make_staff_account
):
    enterprise, _ = make_enterprise_account(name="冒名申请有限公司", contact_phone="13912345670")
    make_staff_account("regulator", username="sjz-close", jurisdiction="130100")
    assert client.post("/api/v1/password-resets", json={"uscc": enterprise.uscc}).status_code == 202
    desk = new_page(**SIZES["phone"][0])
    sign_in_staff(desk, "sjz-close")
    desk.get_by_role("link", name="密码重置申请").tap()
    desk.get_by_role("button", name="已核实，生成验证码").tap()
    code = re.search(r"(\d{4} \d{4})", desk.locator(".note", has_text="验证码").inner_text())
    asked = []
    desk.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    desk.get_by_role("button", name="关闭申请").tap()
    expect(desk.get_by_text("没有待处理的申请。")).to_be_visible()
    expect(desk.get_by_role("status").filter(has_text="已关闭")).to_contain_text("冒名申请有限公司")
    assert "验证码将随即失效" in asked[0]
    no_violations(desk, "resets closed")
    body = {"uscc": enterprise.uscc, "code": code.group(1), "new_password": GOOD}
    assert client.post("/api/v1/password-resets/redeem", json=body).status_code == 422


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_admin_gives_a_staff_account_a_temporary_password_shown_once(
    new_page, client, make_staff_account, make_enterprise_account, artifacts, size
):
    options, width = SIZES[size]
    make_staff_account("admin", username="console-admin")
    make_enterprise_account(name="冀华毛巾有限公司")
    make_staff_account(
        "regulator", username="bd-desk", jurisdiction="130600", display_name="保定市局"
    )
    page = new_page(**options)
    sign_in_staff(page, "console-admin")
    rows = page.locator("li.account")
    firm = rows.filter(has_text="冀华毛巾有限公司")
    expect(firm.get_by_role("button", name="停用 冀华毛巾有限公司")).to_be_visible()
    expect(firm.get_by_role("button", name=re.compile("临时密码"))).to_have_count(0)  # reset codes
    own = rows.filter(has_text="console-admin")
    expect(own.get_by_role("button")).to_have_count(0)

    desk = rows.filter(has_text="保定市局")
    page.once("dialog", lambda dialog: dialog.accept())
    desk.get_by_role("button", name="设置临时密码 保定市局").tap()
    shown = desk.locator(".note")
    expect(shown).to_contain_text("保定市局 的临时密码")
    expect(shown).to_contain_text("只显示这一次")
    expect(desk.locator(".badge")).to_have_text("待改临时密码")
    temporary = shown.locator("code").inner_text()
    no_violations(page, f"temporary password {width}")
    page.screenshot(path=str(artifacts / f"accounts-temporary-{width}.png"), full_page=True)

    db.session.expire_all()
    user = db.session.scalar(select(User).where(User.username == "bd-desk"))
    assert user.must_change_password is True
    login = {"username": "bd-desk", "password": temporary}
    assert client.post("/api/v1/auth/login", json=login).get_json()["must_change_password"] is True


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_admin_creates_offices_from_a_file_after_fixing_the_rows_it_names(
    new_page, make_staff_account, artifacts, tmp_path, size
):
    options, width = SIZES[size]
    make_staff_account("admin", username="console-admin")
    page = new_page(**options, accept_downloads=True)
    sign_in_staff(page, "console-admin")
    page.get_by_text("批量创建工作人员账号").tap()  # folded, like 新建账号
    header = "用户名,角色,名称,辖区代码,行业代码"
    good = [
        "ts.desk,监管部门,唐山市市场监督管理局,130200,",
        "steel.assoc,行业协会,河北省钢铁行业协会,,C31",
    ]
    path = tmp_path / "offices.csv"
    path.write_text("\n".join([header, *good, "bj.desk,监管部门,北京,110100,"]), encoding="utf-8")
    form = page.get_by_role("form", name="批量创建工作人员账号")
    form.get_by_label("账号文件").set_input_files(str(path))
    form.get_by_role("button", name="导入", exact=True).tap()
    report = page.get_by_role("region", name="导入报告")
    expect(report).to_contain_text("有误 1 行，已导入 0 行")
    expect(report).to_contain_text("第 4 行 · 辖区代码")
    no_violations(page, f"staff import errors {width}")
    page.screenshot(path=str(artifacts / f"staff-import-errors-{width}.png"), full_page=True)

    path.write_text("\n".join([header, *good]), encoding="utf-8")
    form.get_by_label("账号文件").set_input_files(str(path))
    form.get_by_role("button", name="导入", exact=True).tap()
    made = page.get_by_role("region", name="已创建 2 个账号")
    expect(made).to_contain_text("ts.desk")
    expect(made.locator("code.secret")).to_have_count(2)
    with page.expect_download() as downloaded:
        made.get_by_role("button", name="下载账号清单（CSV）").tap()
    listing = downloaded.value.path().read_text(encoding="utf-8-sig")
    assert listing.splitlines()[0] == '"用户名","名称","角色","临时密码"'
    assert "steel.assoc" in listing and made.locator("code.secret").first.inner_text() in listing
    expect(page.locator(".rows")).to_contain_text("唐山市市场监督管理局")
    no_violations(page, f"staff import done {width}")
    page.screenshot(path=str(artifacts / f"staff-import-{width}.png"), full_page=True)


def test_the_regulator_emails_the_code_to_the_registered_address_instead(
    new_page,
    client,
    smtp,  # noqa: F811  (the fixture imported above)
    make_enterprise_account,
    make_staff_account,
):
    from sqlalchemy import update

    from app.auth.models import Enterprise

    enterprise, _ = make_enterprise_account(name="邮件找回有限公司")
    db.session.execute(
        update(Enterprise)
        .where(Enterprise.id == enterprise.id)
        .values(contact_email="li@example.cn")
    )
    db.session.commit()
    make_staff_account("regulator", username="sjz-mail", jurisdiction="130100")
    assert client.post("/api/v1/password-resets", json={"uscc": enterprise.uscc}).status_code == 202
    desk = new_page(**SIZES["phone"][0])
    sign_in_staff(desk, "sjz-mail")
    desk.get_by_role("link", name="密码重置申请").tap()
    desk.get_by_role("button", name="核实后，发送验证码到注册邮箱").tap()
    expect(desk.locator(".note", has_text="验证码已发送至")).to_contain_text("l***@example.cn")
    expect(desk.locator(".note")).not_to_contain_text(re.compile(r"\d{4} \d{4}"))
    no_violations(desk, "resets emailed")
    assert len(smtp.messages) == 1 and smtp.messages[0]["To"] == "li@example.cn"
