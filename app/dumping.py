"""Marshmallow schemas compiled into plain functions, for the responses every phone repeats.

flask-smorest dumps a view's result through its response schema, and for a draft that costs more
than reading it from the database. compile_dump(schema) returns a function that gives exactly
what schema.dump gives: the common field types become direct conversions, and any other field or
value is serialised by marshmallow itself. tests/test_dumping.py compares the two. The OpenAPI
document still comes from the schema, so it does not change.

It reads two things marshmallow does not publish: a schema's registered hooks (Schema._hooks) and
DateTime's format functions (SERIALIZATION_FUNCS); tests/test_dumping.py fails loudly if an
upgrade moves them. Everything else goes through marshmallow's public API.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from flask import Response, current_app
from marshmallow import Schema, fields, missing
from marshmallow.decorators import POST_DUMP, PRE_DUMP
from marshmallow.utils import get_value

Dump = Callable[[Any], Any]

# Field class → the type whose values it dumps unchanged (int for Integer, ...).
_UNCHANGED = {fields.Integer: int, fields.Float: float, fields.String: str, fields.Boolean: bool}


def _itself(value, attr, default):
    return value


def _serializer(field: fields.Field) -> Dump:
    """value → what the field makes of it, through its public serialize."""
    return lambda value: field.serialize("value", value, accessor=_itself)


def _values(field: fields.Field) -> Dump | None:
    """value → the field's serialisation of it, or None when it needs attr/obj or is unusual."""
    kind = type(field)
    if kind is fields.Raw:
        return lambda value: value
    if kind in _UNCHANGED and not getattr(field, "as_string", False):
        same, slow = _UNCHANGED[kind], _serializer(field)

        def scalar(value):
            return value if value is None or type(value) is same else slow(value)

        return scalar
    if kind is fields.DateTime:
        slow = _serializer(field)
        # As DateTime._serialize picks it: no format given means DEFAULT_FORMAT (ISO 8601).
        chosen = field.format or field.DEFAULT_FORMAT
        if field.SERIALIZATION_FUNCS.get(chosen) is not datetime.isoformat:
            return None
        return lambda value: value.isoformat() if type(value) is datetime else slow(value)
    if kind is fields.Nested:
        if field.many or field.only is not None or field.exclude:
            return None
        nested = compile_dump(field.schema)
        return lambda value: None if value is None else nested(value)
    if kind is fields.List:
        inner = _values(field.inner)
        return (
            None
            if inner is None
            else lambda value: None if value is None else list(map(inner, value))
        )
    if kind is fields.Dict:
        return _mapping(field)
    return None


def _mapping(field: fields.Dict) -> Dump | None:
    if field.key_field is None and field.value_field is None:
        return lambda value: None if value is None else dict(value)
    key = _values(field.key_field) if field.key_field is not None else (lambda k: k)
    item = _values(field.value_field) if field.value_field is not None else (lambda v: v)
    if key is None or item is None:
        return None
    return lambda value: None if value is None else {key(k): item(v) for k, v in value.items()}


def compile_dump(schema: Schema) -> Dump:
    """A function equal to schema.dump, faster for the field types it knows."""
    if schema.many or schema._hooks[PRE_DUMP] or schema._hooks[POST_DUMP]:
        return schema.dump
    if type(schema).get_attribute is not Schema.get_attribute:
        return schema.dump
    steps = []
    for name, field in schema.dump_fields.items():
        key = field.data_key if field.data_key is not None else name
        values = _values(field)
        plain = type(field).get_value is fields.Field.get_value and field.dump_default is missing
        if values is None or not plain:
            steps.append((key, None, _whole(field, name, schema)))
        else:
            steps.append((key, field.attribute or name, values))

    def dump(obj):
        result = {}
        for key, source, values in steps:
            value = get_value(obj, source, missing) if source is not None else values(obj)
            if value is not missing:
                result[key] = values(value) if source is not None else value
        return result

    return dump


def _whole(field: fields.Field, name: str, schema: Schema) -> Dump:
    return lambda obj: field.serialize(name, obj, accessor=schema.get_attribute)


def json_response(dump: Dump, data) -> Response:
    """What flask-smorest's @blp.response would send for data (Flask's jsonify of the dump)."""
    return current_app.json.response(dump(data))
