"""Free text: controls, bidi characters and NUL are refused in every field a person types."""

import pytest

from app.questionnaires.answers import check_answer
from app.questionnaires.standard_entries import validate_standard_entry
from app.text import unsafe_character
from tests.auth.test_register import REGISTER, body, field_errors

REFUSED = ["\x00", "\x07", "\x1b", "\x85", "\u202e", "\u2067", "\u200b", "\ufeff", "\ud800"]


@pytest.mark.parametrize("char", REFUSED)
def test_refused_characters_are_found_anywhere_in_the_text(char):
    assert unsafe_character(f"河北{char}公司") == char
    assert unsafe_character(f"河北{char}公司", multiline=True) == char


@pytest.mark.parametrize("text", ["河北冀华 毛巾（石家庄）有限公司", "👨‍👩‍👧 ZWJ", "A\u3000B", "é"])
def test_ordinary_text_passes(text):
    assert unsafe_character(text) is None


def test_line_breaks_pass_only_where_a_field_is_multi_line():
    assert unsafe_character("第一行\r\n第二行\t完") == "\r"
    assert unsafe_character("第一行\r\n第二行\t完", multiline=True) is None


@pytest.mark.parametrize("field", ["name", "contact_name"])
@pytest.mark.parametrize("char", ["\x07", "\u202e", "\x00"])
def test_registration_refuses_a_control_or_bidi_character_naming_the_field(client, field, char):
    zh, en = field_errors(client, body(**{field: f"控制字符{char}公司"}), field)
    code = f"U+{ord(char):04X}"
    assert code in zh[0] and "控制字符" in zh[0]
    assert code in en[0] and "not allowed" in en[0]


def test_registration_still_takes_a_plain_name(client):
    assert client.post(REGISTER, json=body(name=" 河北冀华毛巾有限公司 ")).status_code == 201


def test_a_text_answer_with_a_control_character_is_refused_with_lines_allowed():
    question = {"type": "text", "max_length": 2000}
    assert check_answer(question, "第一行\n第二行") is None
    error = check_answer(question, "答案\x00")
    assert error["code"] == "unsafe_character" and "U+0000" in error["zh"]


def test_a_declared_standard_name_with_a_bidi_isolate_is_refused():
    entry = {"code": "Q/SJZ 001-2024", "name": "毛巾\u2066标准", "disclosed": True}
    entry |= {"indicators_disclosed": True, "test_methods_disclosed": True}
    assert "U+2066" in validate_standard_entry(entry)["name"]["zh"]
