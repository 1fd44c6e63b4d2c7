"""The password rules alone: length, not composition; common passwords and patterns refused."""

import pytest

from app.auth.password_rules import common_passwords, password_rule_broken


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("short", "short"),
        ("x" * 129, "long"),
        ("1234567890", "common"),
        ("WoAiNi1314", "common"),
        ("１２３４５６７８９０", "common"),  # typed full-width on a Chinese keyboard
        ("qwertyuiop", "common"),
        ("aaaaaaaaaaaa", "pattern"),
        ("abcabcabcabc", "pattern"),
        ("2345678900", None),  # not a run: 9 → 0 breaks it
        ("9876543210", "common"),
        ("zyxwvutsrqp", "pattern"),
        ("lkjhgfdsaz", None),  # a keyboard row walked back, then off it
    ],
)
def test_each_password_breaks_the_rule_named(password, rule):
    assert password_rule_broken(password) == rule


def test_a_long_password_of_any_composition_is_accepted():
    # No classes of characters demanded: digits only, lower case only, or a Chinese phrase.
    for password in ("7302958146", "correct horse battery staple", "我家门前有两棵枣树啊"):
        assert password_rule_broken(password) is None, password


def test_the_username_or_contact_phone_inside_the_password_is_refused():
    uscc = "91130100MA0000001X"
    assert password_rule_broken(f"x{uscc.lower()}", username=uscc) == "username"
    assert password_rule_broken("9113 0100 MA00 0000 1X!", username=uscc) == "username"
    assert password_rule_broken("call 13912345678", personal=("13912345678",)) == "personal"
    assert password_rule_broken("call 13912345678", personal=(None,)) is None


def test_the_list_is_short_and_holds_the_commonest_chinese_passwords():
    listed = common_passwords()
    assert 100 <= len(listed) <= 1000
    assert {"123456", "5201314", "woaini1314", "1qaz2wsx", "a123456789"} <= listed
    assert all(entry == entry.strip().lower() for entry in listed)
