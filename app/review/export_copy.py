"""The submissions CSV on PostgreSQL through the server's COPY: the same bytes, without Python rows.

export_table + csv_chunks (app/review/exports.py) fetch every row into Python and format it
there; at 200k rows that took 22 s where the server's own `COPY (…) TO STDOUT` of the same rows
took 6. Here the server formats the cells itself, in one COPY of a SELECT that gives each cell
exactly as csv_cell would write it:

- labels (region, industry, size, status, questionnaire title) are looked up in small JSON maps
  built in Python with the same functions export_table uses, and defused there with csv_cell;
- stored text (name, USCC, industry code, comment) is cleaned by a regular expression built from
  app/text.py's own rule (every character it refuses becomes U+FFFD), then given a leading
  apostrophe when it starts with = + - @ tab or CR;
- numbers and times are written as Python writes them (72.0, not 72; Beijing time to the second);
- "" becomes NULL, because COPY quotes an empty string (`""`) where csv.writer writes nothing;
- the row ends \\n become \\r\\n outside quoted fields, as csv.writer ends its rows.

tests/review/test_export_copy.py checks byte equality with the portable path on awkward data.
"""

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from functools import cache

from sqlalchemy import select

from app.assessments.models import Submission
from app.auth.models import Enterprise
from app.db import db
from app.i18n import localise
from app.messages.common import SIZE_LABELS
from app.messages.review import STATUS_LABELS
from app.questionnaires.models import QuestionnaireVersion
from app.reference.codes import industry, region_name
from app.review import columns
from app.review.exports import dimension_columns, export_query, version_titles
from app.review.verified import verified_shares
from app.spreadsheets import FORMULA_START, REPLACEMENT, csv_cell
from app.text import refused

BOM = "\ufeff".encode()
# The characters that make a cell a formula, as a bracket expression (- first: not a range).
STARTS = "[" + "".join(sorted(FORMULA_START, key=lambda c: c != "-")) + "]"
FORMULA = "^(" + STARTS.replace("\t", "\\t").replace("\r", "\\r") + ")"
DEFUSED = "'\\1"  # the apostrophe, then the character matched


@cache
def refused_class() -> str:
    """A regex bracket expression of every character app/text.py refuses in multi-line text."""
    ranges: list[list[int]] = []
    for code in range(1, sys.maxunicode + 1):  # NUL never reaches text PostgreSQL stores
        if 0xD800 <= code <= 0xDFFF or not refused(chr(code), multiline=True):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])

    def escape(code: int) -> str:
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"

    return "[" + "".join(escape(a) + ("-" + escape(b) if b > a else "") for a, b in ranges) + "]"


class _Params(dict):
    """Values bound client-side into the COPY statement (COPY takes no server parameters)."""

    def __call__(self, value) -> str:
        name = f"copy_{len(self)}"
        self[name] = value
        return f"%({name})s"

    def map(self, mapping: dict) -> str:
        return f"({self(json.dumps(mapping, ensure_ascii=False))}::jsonb)"


def _text(column: str, p: _Params) -> str:
    """Stored text as csv_cell writes it: refused characters replaced, formulas defused, "" NULL."""
    cleaned = f"regexp_replace({column}, {p(refused_class())}, {p(REPLACEMENT)}, 'g')"
    return f"NULLIF(regexp_replace({cleaned}, {p(FORMULA)}, {p(DEFUSED)}), '')"


def _local_time(column: str) -> str:
    return f"to_char({column} AT TIME ZONE INTERVAL '8 hours', 'YYYY-MM-DD HH24:MI:SS')"


def _float(column: str) -> str:
    # float8's text is Python's repr (shortest round trip) but for whole numbers: 72, not 72.0.
    return (
        f"CASE WHEN {column} = trunc({column}) AND abs({column}) < 1e15 "
        f"THEN {column}::text || '.0' ELSE {column}::text END"
    )


def _labels(lang: str) -> dict[str, dict]:
    """code → the cell export_table would write, for each looked-up column."""
    regions = db.session.scalars(select(Enterprise.region).distinct())
    industries = db.session.scalars(select(Enterprise.industry).distinct())

    def industry_name(code):
        entry = industry(code)
        return localise(entry["name"], lang) if entry else ""

    def cells(pairs) -> dict:
        return {code: cell for code, cell in ((c, csv_cell(t)) for c, t in pairs) if cell != ""}

    return {
        "region": cells((c, region_name(c, lang) or c) for c in regions if c is not None),
        "industry": cells((c, industry_name(c)) for c in industries if c is not None),
        "size": cells((k, localise(v, lang)) for k, v in SIZE_LABELS.items()),
        "status": cells((k, localise(v, lang)) for k, v in STATUS_LABELS.items()),
        "title": cells((str(i), t) for i, (_, t) in version_titles(lang).items() if t),
    }


def copy_statement(*, principal, filters: dict, lang: str) -> tuple[list[str], str, dict]:
    """The header, and the COPY statement with its parameters, for the principal's rows."""
    dims = dimension_columns(questionnaire=filters.get("questionnaire"), lang=lang)
    header = columns.headers(lang, [h for _, _, h in dims])
    inner = (
        export_query(principal=principal, filters=filters)
        .order_by(None)
        .add_columns(Submission.id.label("row_id"), QuestionnaireVersion.version.label("number"))
        .join(QuestionnaireVersion, QuestionnaireVersion.id == Submission.questionnaire_version_id)
    )
    verified = verified_shares(export_query(principal=principal, filters=filters))
    compiled = inner.compile(dialect=db.engine.dialect)
    p = _Params(compiled.params)
    labels = {name: p.map(mapping) for name, mapping in _labels(lang).items()}
    scores = [
        f"CASE WHEN e.questionnaire_key = {p(key)} THEN scores.s ->> {p(dim)} END"
        for key, dim, _ in dims
    ]
    # The few verified rows' shares, as the cells export_table writes; every other row's are 0.
    shares = p.map(
        {
            str(row_id): {
                "all": str(csv_cell(total)),
                **{k: str(v) for k, v in per.items() if v is not None},
            }
            for row_id, (total, per) in verified.items()
        }
    )
    zero = p(str(csv_cell(0.0)))
    verified_cells = [
        f"COALESCE({shares} -> e.row_id::text ->> 'all', {zero})",
        *(
            f"CASE WHEN e.questionnaire_key = {p(key)} AND scores.s ->> {p(dim)} IS NOT NULL "
            f"THEN COALESCE({shares} -> e.row_id::text ->> {p(dim)}, {zero}) END"
            for key, dim, _ in dims
        ),
    ]
    cells = [
        _text("e.name", p),
        _text("e.uscc", p),
        f"COALESCE({labels['region']} ->> e.region, {_text('e.region', p)})",
        _text("e.industry", p),
        f"{labels['industry']} ->> e.industry",
        f"COALESCE({labels['size']} ->> e.size, {_text('e.size', p)})",
        f"COALESCE({labels['title']} ->> e.questionnaire_version_id::text, "
        f"{_text('e.questionnaire_key', p)})",
        "e.number",
        "e.revision",
        f"COALESCE({labels['status']} ->> e.status, {_text('e.status', p)})",
        _float("e.overall"),
        "e.maturity_level",
        *scores,
        *verified_cells,
        "e.red_flag_count",
        _local_time("e.submitted_at"),
        _local_time("e.decided_at"),
        _text("e.decision_comment", p),
    ]
    # One pass over a row's dimensions, however many columns read them; the last of a key wins,
    # as in export_table's dict.
    sql = (
        f"COPY (SELECT {', '.join(cells)} FROM ({compiled}) AS e "
        "LEFT JOIN LATERAL (SELECT jsonb_object_agg(d ->> 'key', d -> 'score') AS s "
        "FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.dimensions) = 'array' "
        "THEN e.dimensions END) AS d) AS scores ON true "
        "ORDER BY e.row_id) TO STDOUT (FORMAT csv)"
    )
    return header, sql, p


def copy_csv(
    *,
    principal,
    filters: dict,
    lang: str,
    write: Callable[[bytes], object],
    every: int = 0,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the export's CSV through COPY; returns the rows written, reporting every `every`."""
    header, sql, params = copy_statement(principal=principal, filters=filters, lang=lang)
    buffer = io.StringIO()
    csv.writer(buffer).writerow(header)
    write(BOM + buffer.getvalue().encode())
    connection = db.session.connection()
    connection.exec_driver_sql("SET LOCAL extra_float_digits = 1")  # shortest round-trip floats
    raw = connection.connection.driver_connection
    rows, quoted, reported = 0, False, 0
    with raw.cursor() as cursor, cursor.copy(sql, params) as copy:
        # COPY hands over one row at a time: they are ended CRLF a batch at a time.
        for batch in _batches(copy):
            batch, count, quoted = _crlf(batch, quoted)
            write(batch)
            rows += count
            if progress and every and rows - reported >= every:
                reported = rows - rows % every
                progress(reported)
    return rows


def _batches(copy, size: int = 256 * 1024) -> Iterator[bytes]:
    pending, length = [], 0
    for chunk in copy:
        pending.append(chunk)
        length += len(chunk)
        if length >= size:
            yield b"".join(pending)
            pending, length = [], 0
    yield b"".join(pending)


def _crlf(data: bytes, quoted: bool) -> tuple[bytes, int, bool]:
    """data with each row's \\n made \\r\\n, the rows ended, and whether a quote is left open.

    A '"' toggles quoting (a doubled one twice); only a \\n outside quotes ends a row. UTF-8
    never puts the bytes of '"' or \\n inside another character.
    """
    parts, rows = data.split(b'"'), 0
    for index, part in enumerate(parts):
        if index:
            quoted = not quoted
        if not quoted and b"\n" in part:
            rows += part.count(b"\n")
            parts[index] = part.replace(b"\n", b"\r\n")
    return b'"'.join(parts), rows, quoted
