"""marshmallow's and webargs' English messages come out in Chinese: made to say each of them.

A library upgrade that rewords a message we only know literally, or adds one our schemas meet,
fails here rather than showing English to a Chinese user.
"""

import re

import pytest
from marshmallow import Schema, ValidationError, fields, validate

from app.i18n import _LIBRARY_TEXTS, WEBARGS_INVALID, translate_field_message


class Inner(Schema):
    n = fields.Integer()


class Everything(Schema):
    required = fields.String(required=True)
    not_null = fields.String(allow_none=False)
    text = fields.String()
    whole = fields.Integer()
    real = fields.Float()
    flag = fields.Boolean()
    items = fields.List(fields.String())
    mapping = fields.Dict()
    when = fields.DateTime()
    day = fields.Date()
    email = fields.Email()
    code = fields.String(validate=validate.Regexp(r"^\d+$"))
    kind = fields.String(validate=validate.OneOf(["a", "b"]))
    short = fields.String(validate=validate.Length(min=3))
    long = fields.String(validate=validate.Length(max=2))
    sized = fields.String(validate=validate.Length(min=1, max=2))
    low = fields.Integer(validate=validate.Range(min=0))
    high = fields.Integer(validate=validate.Range(max=5))
    above = fields.Integer(validate=validate.Range(min=0, min_inclusive=False))
    below = fields.Integer(validate=validate.Range(max=5, max_inclusive=False))
    between = fields.Integer(validate=validate.Range(min=0, max=5))
    nested = fields.Nested(Inner)


BAD = {
    "not_null": None,
    "text": 5,
    "whole": "x",
    "real": "x",
    "flag": "x",
    "items": "x",
    "mapping": "x",
    "when": "x",
    "day": "x",
    "email": "x",
    "code": "x",
    "kind": "c",
    "short": "x",
    "long": "xyz",
    "sized": "xyz",
    "low": -1,
    "high": 6,
    "above": 0,
    "below": 5,
    "between": 6,
    "nested": 5,
    "surprise": 1,
}


def said() -> list[str]:
    """Every message marshmallow gives for BAD, and for a body that is not an object."""
    messages = []
    for data in (BAD, "not an object"):
        with pytest.raises(ValidationError) as raised:
            Everything().load(data)
        errors = raised.value.messages
        messages += [m for value in errors.values() for m in flatten(value)]
    return messages


def flatten(value) -> list[str]:
    if isinstance(value, dict):
        return [m for inner in value.values() for m in flatten(inner)]
    return list(value) if isinstance(value, list) else [value]


def test_every_message_marshmallow_gives_our_schemas_comes_out_in_chinese():
    messages = said()
    assert len(messages) >= len(BAD)
    english = [m for m in messages if re.search(r"[A-Za-z]{3}", translate_field_message(m, "zh"))]
    assert english == [], "translate these in app/i18n.py (_LIBRARY_TEXTS)"


def test_every_translation_is_one_the_libraries_still_say():
    translated = {translate_field_message(m, "zh") for m in said()}
    literal = {en for en in _LIBRARY_TEXTS if "{" not in en}
    templated = {zh.split("{")[0] for en, zh in _LIBRARY_TEXTS.items() if "{" in en}
    unused = [en for en in literal if _LIBRARY_TEXTS[en] not in translated]
    unused += [zh for zh in templated if not any(t.startswith(zh) for t in translated)]
    # webargs says these only over HTTP (below; tests/test_errors.py).
    assert sorted(unused) == sorted([WEBARGS_INVALID])


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("Must be one of: draft, submitted.", "必须是以下之一：draft, submitted。"),
        ("Must be greater than or equal to 0 and less than or equal to 9.", "须在 0 到 9 之间。"),
        ("Must be greater than or equal to 0.", "必须大于或等于 0。"),
        ("Length must be between 1 and 64.", "长度须在 1 到 64 之间。"),
    ],
)
def test_parameters_of_a_message_are_kept(english, chinese):
    assert translate_field_message(english, "zh") == chinese
    assert translate_field_message(english, "en") == english
