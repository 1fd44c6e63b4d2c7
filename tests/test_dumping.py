"""A compiled schema dumps exactly what marshmallow dumps, down to the bytes of the response."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from marshmallow import Schema, fields, pre_dump

from app.assessments.records import load_record
from app.assessments.representation import assessment_repr, result_repr
from app.assessments.schemas import AssessmentSchema
from app.assessments.submissions import get_submission
from app.db import db
from app.dumping import compile_dump
from tests.fixtures.answering import complete_answers


class Inner(Schema):
    n = fields.Integer()
    when = fields.DateTime(allow_none=True)


class Odd(Schema):
    whole = fields.Integer(allow_none=True)
    real = fields.Float(allow_none=True)
    text = fields.String(allow_none=True)
    flag = fields.Boolean(allow_none=True)
    when = fields.DateTime(allow_none=True)
    day = fields.Date(allow_none=True)
    stamp = fields.DateTime(format="timestamp", allow_none=True)
    raw = fields.Raw(allow_none=True)
    plain = fields.Dict(allow_none=True)
    typed = fields.Dict(keys=fields.String(), values=fields.Float(), allow_none=True)
    nested = fields.Nested(Inner, allow_none=True)
    many = fields.List(fields.Nested(Inner), allow_none=True)
    some = fields.Nested(Inner, only=("n",), allow_none=True)
    renamed = fields.Integer(data_key="renamedKey")
    moved = fields.String(attribute="elsewhere")
    defaulted = fields.String(dump_default="d")
    method = fields.Method("twice")
    decimal = fields.Decimal(allow_none=True)

    def twice(self, obj):
        return 2 * (obj.get("whole") or 0)


class Hooked(Schema):
    n = fields.Integer()

    @pre_dump
    def add_one(self, data, **kwargs):
        return {"n": data["n"] + 1}


AWARE = datetime(2026, 11, 26, 8, 30, 1, 250, tzinfo=UTC)
VALUES = [
    {},
    {
        "whole": 3,
        "real": 2.5,
        "text": "文字",
        "flag": True,
        "when": AWARE,
        "day": date(2026, 1, 2),
        "stamp": AWARE,
        "raw": {"a": [1, None]},
        "plain": {"x": 1},
        "typed": {"k": 1},
        "nested": {"n": 1, "when": datetime(2026, 1, 1, 12)},
        "many": [{"n": 1}, {"n": 2, "when": None}],
        "some": {"n": 5, "when": AWARE},
        "renamed": 7,
        "elsewhere": "moved",
        "method": "ignored",
        "decimal": Decimal("1.50"),
    },
    {
        "whole": 3.0,
        "real": 80,
        "text": 12,
        "flag": 1,
        "when": None,
        "raw": None,
        "plain": None,
        "typed": None,
        "nested": None,
        "many": None,
        "some": None,
        "renamed": True,
        "decimal": None,
    },
    {"whole": True, "real": Decimal("2.25"), "text": b"bytes", "flag": "yes", "extra": 1},
]


@pytest.mark.parametrize("value", VALUES)
def test_odd_values_dump_as_marshmallow_dumps_them(value):
    schema = Odd()
    assert compile_dump(schema)(value) == schema.dump(value)


def test_a_key_missing_from_a_dict_falls_back_to_its_attribute_as_in_marshmallow():
    class Shadow(Schema):
        items = fields.Raw()
        n = fields.Integer()

    schema, value = Shadow(), {"n": 1}
    assert compile_dump(schema)(value) == schema.dump(value)


def test_schemas_with_hooks_are_left_to_marshmallow():
    schema = Hooked()
    assert compile_dump(schema)({"n": 1}) == {"n": 2}


def test_every_state_of_an_assessment_is_sent_as_marshmallow_would_send_it(
    app, client, make_enterprise, make_staff, definition
):
    company = make_enterprise()
    answers = complete_answers(definition("quality"), company.facts)
    draft = company.create("quality")
    saved = company.save(draft, dict(list(answers.items())[:3]))
    submitted = company.submit(company.fill("quality", answers))
    regulator = make_staff("regulator", jurisdiction="130000")
    decided = client.post(
        f"/api/v1/assessments/{draft['id']}/review",
        json={"decision": "return", "comment": "请补充", "question_comments": {"cqo": "缺文件"}},
        headers=regulator.headers,
    )
    assert decided.status_code == 200, decided.get_json()
    schema = AssessmentSchema()
    dump = compile_dump(schema)
    with app.test_request_context():
        record = load_record(draft["id"])
        result = result_repr(record, get_submission(assessment=record))
        for extra in ({}, {"dropped": ["q1"]}, {"result": result}):
            body = {**assessment_repr(record), **extra}
            assert dump(body) == schema.dump(body)
        db.session.rollback()
    assert submitted["revision"] == 1
    # What the endpoint sends is what flask-smorest's jsonify of marshmallow's dump would send.
    response = client.get(f"/api/v1/assessments/{draft['id']}", headers=company.headers)
    with app.test_request_context():
        expected = app.json.response(schema.dump(assessment_repr(load_record(draft["id"]))))
        db.session.rollback()
    assert response.get_data() == expected.get_data()
    assert response.mimetype == "application/json"
    assert saved["version"] < response.get_json()["version"]


def test_the_marshmallow_internals_compile_dump_reads_are_where_it_reads_them():
    """No public API tells these; a marshmallow upgrade that moves them must fail here, loudly."""
    from marshmallow.decorators import POST_DUMP, PRE_DUMP

    assert Hooked()._hooks[PRE_DUMP], "Schema._hooks moved: update app/dumping.py compile_dump"
    assert not Inner()._hooks[PRE_DUMP] and not Inner()._hooks[POST_DUMP]
    iso = fields.DateTime.SERIALIZATION_FUNCS[fields.DateTime.DEFAULT_FORMAT]
    assert iso is datetime.isoformat, "DateTime's ISO format function changed: see app/dumping.py"


def test_a_datetime_without_a_format_is_dumped_by_the_direct_conversion():
    moment = datetime(2026, 12, 6, 3, 30, tzinfo=UTC)

    class Stamped(Schema):
        when = fields.DateTime()
        other = fields.DateTime(format="%Y")

    dump = compile_dump(Stamped())
    assert dump({"when": moment, "other": moment}) == Stamped().dump(
        {"when": moment, "other": moment}
    )
    # The fast path serialises without asking the field: a field that cannot serialise shows it.
    broken = Stamped()
    broken.fields["when"]._serialize = None
    assert compile_dump(broken)({"when": moment})["when"] == moment.isoformat()
