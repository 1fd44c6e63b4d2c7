"""USCC validation: normalisation, each failure code, region derivation, generation."""

import pytest
from stdnum.cn import uscc as stdnum_uscc

from app.reference.uscc import (
    MESSAGES,
    InvalidUscc,
    complete_uscc,
    org_check_character,
    validate_uscc,
)

KNOWN_VALID = "91110000600037341L"  # python-stdnum doctest example (Beijing)


def _with_char(code: str, index: int, char: str) -> str:
    return code[:index] + char + code[index + 1 :]


def _error(raw) -> str:
    with pytest.raises(InvalidUscc) as info:
        validate_uscc(raw)
    return info.value.code


def test_known_public_code_passes_both_checks():
    result = validate_uscc(KNOWN_VALID)
    assert result.code == KNOWN_VALID
    # Its organisation code 60003734-1 also satisfies GB 11714, so no special case is needed.
    assert org_check_character("60003734") == "1"
    assert result.division_code == "110000"
    assert result.in_hebei is False
    assert result.region is None


@pytest.mark.parametrize(
    "raw",
    [
        "91110000600037341l",
        " 9111 0000 6000 3734 1L ",
        "91-110000-600037341-L",
        "9111000060003734 1l",
    ],
)
def test_lower_case_spaces_and_hyphens_are_normalised(raw):
    assert validate_uscc(raw).code == KNOWN_VALID


@pytest.mark.parametrize(
    "raw", ["", "9111000060003734", "91110000600037341L0", "91110000600037341LL"]
)
def test_wrong_length_is_rejected(raw):
    assert _error(raw) == "length"


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_each_forbidden_letter_is_rejected_as_charset(letter):
    assert _error(_with_char(KNOWN_VALID, 10, letter)) == "charset"


@pytest.mark.parametrize("raw", ["91110000600037341*", "91110000600037\t41L", "911100006000373.1L"])
def test_symbols_and_inner_whitespace_are_rejected_as_charset(raw):
    assert _error(raw) == "charset"


def test_full_width_input_from_chinese_input_methods_is_normalised():
    assert validate_uscc("９１１１００００６０００３７３４１Ｌ").code == KNOWN_VALID
    assert validate_uscc("91110000　600037341ｌ").code == KNOWN_VALID


def test_wrong_check_character_is_rejected():
    assert _error(_with_char(KNOWN_VALID, 17, "M")) == "check_character"


def test_single_typo_in_the_body_is_caught_by_the_check_character():
    assert _error(_with_char(KNOWN_VALID, 12, "4")) == "check_character"


def test_wrong_organisation_check_character_is_rejected():
    # Position 17 changed and position 18 recomputed: only the GB 11714 check can notice.
    first17 = _with_char(KNOWN_VALID, 16, "2")[:17]
    code = first17 + stdnum_uscc.calc_check_digit(first17)
    assert stdnum_uscc.is_valid(code)
    assert _error(code) == "org_check_character"


def test_organisation_check_can_be_skipped_for_a_regulator_override():
    first17 = _with_char(KNOWN_VALID, 16, "2")[:17]
    code = first17 + stdnum_uscc.calc_check_digit(first17)
    assert validate_uscc(code, check_org_code=False).code == code


@pytest.mark.parametrize("raw", ["N2110000600037341L", "Y1110000600037341L", "9A110000600037341L"])
def test_non_numeric_registrar_or_region_is_a_format_error(raw):
    assert _error(raw) == "format"


@pytest.mark.parametrize("raw", [None, 91110000600037341, b"91110000600037341L"])
def test_non_string_input_is_a_format_error(raw):
    assert _error(raw) == "format"


def test_every_error_code_has_chinese_and_english_messages():
    assert set(MESSAGES) == {
        "length",
        "charset",
        "check_character",
        "org_check_character",
        "format",
    }
    for texts in MESSAGES.values():
        assert texts["zh"] and texts["en"]
    assert "第18位" in MESSAGES["check_character"]["zh"]


def test_exception_carries_code_and_localised_message():
    with pytest.raises(InvalidUscc) as info:
        validate_uscc(_with_char(KNOWN_VALID, 17, "M"))
    error = info.value
    assert (error.code, error.message_key) == ("check_character", "check_character")
    assert error.message("zh") == MESSAGES["check_character"]["zh"]
    assert error.message("en") == MESSAGES["check_character"]["en"]
    assert isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("body", "expected"),
    [("60003734", "1"), ("00000000", "0"), ("00000001", "9")],
)
def test_organisation_check_character_examples(body, expected):
    # 00000001: 1 x 2 = 2 -> 11 - 2 = 9. 00000000: 11 - 0 = 11, written 0.
    assert org_check_character(body) == expected


def test_organisation_check_character_uses_x_for_ten():
    # 6 x weight 2 = 12; 12 mod 11 = 1; 11 - 1 = 10, written X.
    assert org_check_character("00000006") == "X"


def test_complete_uscc_produces_codes_that_validate():
    code = complete_uscc("9113010070000000")
    assert len(code) == 18
    result = validate_uscc(code)
    assert (result.division_code, result.region, result.in_hebei) == ("130100", "130100", True)


def test_complete_uscc_rejects_bad_input():
    with pytest.raises(InvalidUscc):
        complete_uscc("911301007000000")
    with pytest.raises(InvalidUscc):
        complete_uscc("911301007000000O")


@pytest.mark.parametrize(
    ("division", "region"),
    [
        ("130181", "130181"),  # 辛集: its own unit, not 石家庄
        ("130682", "130682"),  # 定州: its own unit, not 保定
        ("130629", "133100"),  # 容城县 -> 雄安新区
        ("130632", "133100"),  # 安新县 -> 雄安新区
        ("130638", "133100"),  # 雄县 -> 雄安新区
        ("133100", "133100"),  # 雄安 pseudo-code seen in registrations
        ("130182", "130100"),  # 藁城市, historical
        ("130625", "130600"),  # 徐水县, historical
        ("130521", "130500"),  # 邢台县, historical
        ("130102", "130100"),
        ("131182", "131100"),
        ("130171", "130100"),  # unknown Hebei code rolls up by prefecture
    ],
)
def test_region_is_derived_from_positions_3_to_8(division, region):
    result = validate_uscc(complete_uscc(f"91{division}MA0CXY10"))
    assert result.division_code == division
    assert result.region == region
    assert result.in_hebei is True


def test_province_level_registration_is_in_hebei_without_a_unit():
    result = validate_uscc(complete_uscc("9113000070000000"))
    assert (result.in_hebei, result.region) == (True, None)


def test_other_province_is_not_hebei():
    result = validate_uscc(complete_uscc("9111010870000000"))
    assert (result.in_hebei, result.region) == (False, None)


def test_our_check_character_is_python_stdnums_for_any_17_characters():
    from hypothesis import given
    from hypothesis import strategies as st

    from app.reference.uscc import CHARSET, check_character

    @given(st.text(alphabet=CHARSET, min_size=17, max_size=17))
    def agrees(first17):
        assert check_character(first17) == stdnum_uscc.calc_check_digit(first17)

    agrees()
