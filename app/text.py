"""Free text as users type it: trimmed, and free of characters that break storage or spoof.

Refused: C0 and C1 controls (NUL among them: PostgreSQL cannot store it; openpyxl refuses the
rest), format characters such as the bidi overrides and isolates (U+202A–E, U+2066–9), which make
a name display as other text, and lone surrogates (not encodable as UTF-8). Line breaks and tabs
are allowed where a field is multi-line. ZWJ/ZWNJ stay: some scripts and emoji need them.
"""

import unicodedata

from marshmallow import ValidationError, fields

from app.messages.common import UNSAFE_TEXT

ALLOWED_FORMAT = frozenset("\u200c\u200d")
LINE_CHARACTERS = frozenset("\n\r\t")


def refused(char: str, *, multiline: bool = False) -> bool:
    """Whether free text may not hold this one character."""
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):
        return not (multiline and char in LINE_CHARACTERS)
    return category == "Cf" and char not in ALLOWED_FORMAT


def unsafe_character(text: str, *, multiline: bool = False) -> str | None:
    """The first character free text may not hold, or None when all are acceptable."""
    if text.isprintable():  # the common case, in C: no Cc, Cf, Cs (nor Zl, Zp, Zs but space)
        return None
    return next((char for char in text if refused(char, multiline=multiline)), None)


def unsafe_text_message(char: str) -> dict[str, str]:
    """{zh, en}: which character is refused, as U+XXXX (it may not be visible)."""
    code = f"{ord(char):04X}"
    return {lang: text.format(code=code) for lang, text in UNSAFE_TEXT.items()}


def check_free_text(text: str, *, multiline: bool = False) -> None:
    """Raise a field ValidationError when text holds a refused character."""
    char = unsafe_character(text, multiline=multiline)
    if char is not None:
        raise ValidationError(unsafe_text_message(char))


class FreeText(fields.String):
    """Text a person typed: surrounding spaces removed, refused characters rejected (422)."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.multiline = multiline

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        check_free_text(text, multiline=self.multiline)
        return text
