"""统一社会信用代码 (GB 32100-2015): validation, region derivation, generation of valid codes."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from stdnum.cn import uscc as stdnum_uscc

from app.messages.reference import USCC_MESSAGES as MESSAGES
from app.reference.codes import unit_for_division_code

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_VALUES = {ch: i for i, ch in enumerate(CHARSET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # GB 32100-2015: 3^(i-1) mod 31
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


class InvalidUscc(ValueError):
    """A USCC failed validation; `code` names the rule, `MESSAGES[code]` says it to the user."""

    def __init__(self, code: str, message_key: str | None = None) -> None:
        self.code = code
        self.message_key = message_key or code
        super().__init__(MESSAGES[self.message_key]["en"])

    def message(self, lang: str = "zh") -> str:
        """The user-facing text in Chinese (default) or English."""
        return MESSAGES[self.message_key]["en" if lang == "en" else "zh"]


@dataclass(frozen=True)
class Uscc:
    """A valid USCC and what its characters 3–8 say about where it was registered."""

    code: str
    division_code: str
    region: str | None
    in_hebei: bool


def org_check_character(body: str) -> str:
    """GB 11714 check character for the 8-character organisation code body (positions 9–16)."""
    total = sum(_ORG_ALPHABET.index(ch) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def check_character(first17: str) -> str:
    """The GB 32100 check character (position 18) of 17 valid characters, as python-stdnum's."""
    total = sum(_VALUES[ch] * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def _compact(raw: str) -> str:
    if raw.isascii() and raw.isalnum():  # the common case, without stdnum's per-character pass
        return raw.upper()
    # NFKC first: Chinese input methods in full-width mode type "９１Ｌ" and "　" (U+3000).
    return stdnum_uscc.compact(unicodedata.normalize("NFKC", raw))


def _check_shape(code: str, length: int) -> None:
    if len(code) != length:
        raise InvalidUscc("length")
    if any(ch not in CHARSET for ch in code):
        raise InvalidUscc("charset")
    # Only registrars with numeric codes (market regulation "9" etc.) are in scope; python-stdnum
    # rejects the rest too.
    if not code[:8].isdigit():
        raise InvalidUscc("format")


def validate_uscc(raw: str, *, check_org_code: bool = True) -> Uscc:
    """Normalise and validate a USCC; raise InvalidUscc naming the first rule it breaks."""
    if not isinstance(raw, str):
        raise InvalidUscc("format")
    code = _compact(raw)
    _check_shape(code, 18)
    # Computed here rather than by stdnum_uscc.validate, which would compact the code four more
    # times: a 50,000-row roll spent most of its checking there. The rules are the same
    # (tests/reference/test_uscc.py compares the two).
    if check_character(code[:17]) != code[17]:
        raise InvalidUscc("check_character")
    # The regulator may accept a code that only fails this older check (seen in the wild).
    if check_org_code and org_check_character(code[8:16]) != code[16]:
        raise InvalidUscc("org_check_character")
    division = code[2:8]
    return Uscc(
        code=code,
        division_code=division,
        region=unit_for_division_code(division),
        in_hebei=division.startswith("13"),
    )


def complete_uscc(first16: str) -> str:
    """Append the position-17 and position-18 check characters to 16 characters."""
    body = _compact(first16)
    _check_shape(body, 16)
    first17 = body + org_check_character(body[8:16])
    return first17 + check_character(first17)
