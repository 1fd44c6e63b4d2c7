"""Enterprise self-registration: USCC checks, region derivation, field messages in zh and en."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select
from stdnum.cn import uscc as stdnum_uscc

from app.auth.models import Enterprise, User
from app.db import db
from tests.fixtures.data import PASSWORD, new_uscc

REGISTER = "/api/v1/auth/register"


def body(**overrides) -> dict:
    return {
        "uscc": new_uscc("130100"),
        "name": "河北冀华毛巾有限公司",
        "password": PASSWORD,
        "industry": "C1772",
        "size": "small",
        "contact_name": "王经理",
        "contact_phone": "13800138000",
        **overrides,
    }


def field_errors(client, payload, field):
    """The field's messages in Chinese (default) and in English, after asserting 422."""
    zh = client.post(REGISTER, json=payload)
    en = client.post(REGISTER, json=payload, headers={"Accept-Language": "en"})
    for response in (zh, en):
        assert response.status_code == 422, response.get_json()
        assert response.mimetype == "application/problem+json"
    return zh.get_json()["errors"][field], en.get_json()["errors"][field]


def with_check_character(first17: str) -> str:
    return first17 + stdnum_uscc.calc_check_digit(first17)


def test_register_creates_the_enterprise_and_returns_it_without_secrets(client):
    payload = body()
    response = client.post(REGISTER, json=payload)
    assert response.status_code == 201
    data = response.get_json()
    assert set(data) == {"id", "uscc", "name", "region", "industry", "size"}
    assert data["uscc"] == payload["uscc"]
    assert data["region"] == "130100"
    assert "hash" not in response.get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.username == payload["uscc"]))
    assert user.role == "enterprise" and user.enterprise_id == data["id"]
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    "spelling",
    [
        lambda code: code.lower(),
        lambda code: f"{code[:4]} {code[4:8]} {code[8:12]} {code[12:]}",
        lambda code: f"  {code[:9].lower()} {code[9:]}  ",
    ],
    ids=["lower-case", "spaces", "spaces-and-lower-case"],
)
def test_register_accepts_a_valid_code_with_spaces_or_lower_case(client, spelling):
    code = new_uscc("130100")
    response = client.post(REGISTER, json=body(uscc=spelling(code)))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["uscc"] == code


def test_register_rejects_a_wrong_check_character(client):
    code = new_uscc()
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    zh, en = field_errors(client, body(uscc=wrong), "uscc")
    assert zh == ["统一社会信用代码第18位校验码不正确，请核对是否输错"]
    assert "check character (18th)" in en[0]


def test_register_rejects_a_wrong_organisation_code_check_character(client):
    code = new_uscc()
    # Position 17 changed, position 18 recomputed: only the GB 11714 check fails.
    wrong = with_check_character(code[:16] + ("1" if code[16] != "1" else "2"))
    zh, en = field_errors(client, body(uscc=wrong), "uscc")
    assert zh == ["统一社会信用代码第17位（组织机构代码校验码）不正确，请核对是否输错"]
    assert "organisation code check character" in en[0]


@pytest.mark.parametrize("length", [17, 19])
def test_register_rejects_a_wrong_length(client, length):
    code = new_uscc()
    wrong = code[:length] if length < 18 else code + "0"
    zh, en = field_errors(client, body(uscc=wrong), "uscc")
    assert zh == ["统一社会信用代码应为18位"]
    assert en == ["The unified social credit code must be 18 characters long."]


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_register_rejects_forbidden_letters(client, letter):
    code = new_uscc()
    wrong = code[:10] + letter + code[11:]
    zh, en = field_errors(client, body(uscc=wrong), "uscc")
    assert "不使用I、O、S、V、Z" in zh[0]
    assert "I, O, S, V and Z are never used" in en[0]


@pytest.mark.parametrize("industry", ["C9999", "9999", "C17", "X1772", "C1872"])
def test_register_rejects_an_unknown_industry_code(client, industry):
    zh, en = field_errors(client, body(industry=industry), "industry")
    assert zh == ["不是 GB/T 4754-2017 的行业小类代码（如 C1772 或 1772）。"]
    assert en == ["Not a GB/T 4754-2017 class code (such as C1772 or 1772)."]


def test_register_accepts_the_bare_digits_of_a_class(client):
    response = client.post(REGISTER, json=body(industry="1772"))
    assert response.status_code == 201
    assert response.get_json()["industry"] == "C1772"


@pytest.mark.parametrize("phone", ["12345678901", "1380013800", "138001380001", "0311-86688888"])
def test_register_rejects_an_invalid_phone_number(client, phone):
    zh, en = field_errors(client, body(contact_phone=phone), "contact_phone")
    assert zh == ["请填写有效的中国大陆手机号码（11 位，以 1 开头）。"]
    assert en == ["Enter a valid mainland China mobile number (11 digits starting with 1)."]


def test_register_normalises_the_phone_number(client):
    response = client.post(REGISTER, json=body(contact_phone="+86 138-0013-8000"))
    assert response.status_code == 201
    enterprise = db.session.get(Enterprise, response.get_json()["id"])
    assert enterprise.contact_phone == "13800138000"


@pytest.mark.parametrize(
    ("password", "zh", "en"),
    [
        (
            "short-1",
            "密码规则「长度」：密码至少需要 10 个字符（可以是一句好记的拼音或短语）。",
            'Password rule "length": at least 10 characters',
        ),
        (
            "Woaini1314",
            "密码规则「常用密码」：这是最常被使用的密码之一，很容易被猜中，请换一个。",
            'Password rule "common password"',
        ),
        (
            "1212121212",
            "密码规则「简单规律」：不能是重复的字符、连续的数字字母或键盘上的一行。",
            'Password rule "pattern"',
        ),
        (
            "wo de 13800138000",
            "密码规则「个人信息」：密码不能包含联系电话。",
            'Password rule "personal details"',
        ),
        (None, "密码规则「用户名」：密码不能包含用户名（统一社会信用代码）。", "credit code"),
    ],
    ids=["too-short", "common", "pattern", "contact-phone", "the-uscc"],
)
def test_register_rejects_a_weak_password(client, password, zh, en):
    code = new_uscc()
    payload = body(uscc=code, password=password or code.lower())
    zh_messages, en_messages = field_errors(client, payload, "password")
    assert zh_messages == [zh]
    assert en in en_messages[0]


def test_register_answers_a_generic_409_that_sends_the_real_company_to_its_regulator(client):
    # Security review #1/#11: the answer neither says "registered" nor leaves the real company
    # without a way; the regulator verifies it and reassigns the code (docs/identity.md).
    payload = body()
    assert client.post(REGISTER, json=payload).status_code == 201
    again = client.post(REGISTER, json={**payload, "uscc": payload["uscc"].lower()})
    assert again.status_code == 409
    assert again.mimetype == "application/problem+json"
    problem = again.get_json()
    assert problem["type"].endswith(":registration-refused")
    assert "已注册" not in problem["detail"]
    assert "市场监管部门" in problem["detail"]
    english = client.post(REGISTER, json=payload, headers={"Accept-Language": "en"})
    assert "regulator" in english.get_json()["detail"]


@pytest.mark.parametrize(
    ("division", "region"),
    [
        ("130102", "130100"),  # a 石家庄 district rolls up to the city
        ("130182", "130100"),  # 藁城市, a historical code, now 藁城区 of 石家庄
        ("130181", "130181"),  # 辛集 is its own unit
        ("130682", "130682"),  # 定州 is its own unit
        ("133100", "133100"),  # 雄安新区
    ],
)
def test_register_derives_the_reporting_unit_from_the_code(client, division, region):
    response = client.post(REGISTER, json=body(uscc=new_uscc(division)))
    assert response.status_code == 201
    assert response.get_json()["region"] == region
    assert db.session.get(Enterprise, response.get_json()["id"]).needs_attention is False


def test_register_prefers_the_derived_region_over_a_different_given_one(client):
    response = client.post(REGISTER, json=body(uscc=new_uscc("130200"), region="130100"))
    assert response.status_code == 201
    assert response.get_json()["region"] == "130200"


def test_register_needs_a_region_when_the_code_is_not_from_hebei(client):
    zh, en = field_errors(client, body(uscc=new_uscc("110105")), "region")
    assert "不在河北省" in zh[0]
    assert "not registered in Hebei" in en[0]


def test_register_takes_the_given_region_for_a_code_from_elsewhere_and_flags_it(client):
    response = client.post(REGISTER, json=body(uscc=new_uscc("110105"), region="130104"))
    assert response.status_code == 201
    assert response.get_json()["region"] == "130100"
    assert db.session.get(Enterprise, response.get_json()["id"]).needs_attention is True


def test_register_rejects_a_given_region_outside_hebei(client):
    zh, en = field_errors(client, body(uscc=new_uscc("110105"), region="110000"), "region")
    assert zh == ["不是河北省的地区代码（如 130100）。"]
    assert en == ["Not a Hebei region code (such as 130100)."]


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"uscc": 91130100, "name": ["x"], "password": None},
        body(size="huge", contact_email="not-an-email"),
        body(name="x" * 101),
    ],
)
def test_register_answers_422_not_500_for_malformed_fields(client, payload):
    response = client.post(REGISTER, json=payload)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["errors"]


def test_two_registrations_of_one_code_at_once_give_201_and_409(app):
    payload = body()
    barrier = threading.Barrier(2)

    def register(_):
        client = app.test_client()
        barrier.wait()
        return client.post(REGISTER, json=payload).status_code

    with ThreadPoolExecutor(max_workers=2) as pool:
        assert sorted(pool.map(register, range(2))) == [201, 409]
