"""What makes a password acceptable: length, not composition (NIST SP 800-63B §3.1.1.2).

A password is refused when it is too short or too long, on the list of China's commonest
passwords (data/common-passwords.txt), a run or repetition of one short pattern, or holds the
username or the enterprise's contact phone. Letters, digits and symbols are never demanded: a
long phrase in pinyin is a good password. Pure: no Flask, no database.
"""

import itertools
import re
import unicodedata
from functools import cache
from pathlib import Path

MIN_LENGTH, MAX_LENGTH = 10, 128
# Each rule's code, as the 422's message names it (app/messages/auth.py "auth.password_<rule>").
RULES = ("short", "long", "common", "pattern", "username", "personal")
_LIST = Path(__file__).parent / "data" / "common-passwords.txt"
_KEYBOARD_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm")


@cache
def common_passwords() -> frozenset[str]:
    """The list, lower-cased; lines starting with # are comments."""
    lines = _LIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


def _normalise(text: str) -> str:
    # Full-width characters (a Chinese keyboard's) fold to their ASCII twins: １２３ is 123.
    return unicodedata.normalize("NFKC", text).strip().lower()


def _is_pattern(password: str) -> bool:
    """One short unit repeated (aaaa…, 1212…, abcabc…) or one run up or down (0123…, 9876…)."""
    if re.fullmatch(r"(.{1,4})\1+", password):
        return True
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(password)}
    if steps in ({1}, {-1}):
        return True
    # A walk along one keyboard row, either way: qwertyuiop, lkjhgfdsa.
    return any(password in row or password in row[::-1] for row in _KEYBOARD_ROWS)


def password_rule_broken(
    password: str, *, username: str | None = None, personal: tuple[str, ...] = ()
) -> str | None:
    """The code of the first rule the password breaks (RULES), or None when it is acceptable.

    personal: what is known about the account holder and easy to guess (its contact phone).
    """
    if len(password) < MIN_LENGTH:
        return "short"
    if len(password) > MAX_LENGTH:
        return "long"
    folded = _normalise(password)
    if folded in common_passwords():
        return "common"
    if _is_pattern(folded):
        return "pattern"
    name = re.sub(r"[\s-]", "", _normalise(username or ""))
    if len(name) >= 4 and name in re.sub(r"[\s-]", "", folded):
        return "username"
    if any(len(item) >= 6 and _normalise(item) in folded for item in personal if item):
        return "personal"
    return None
