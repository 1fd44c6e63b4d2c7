"""The regulator's exports: one row per submitted revision in scope, streamed as CSV or XLSX.

Memory stays flat however many rows: the query streams (yield_per, a server-side cursor on
PostgreSQL), rows are formatted one at a time, CSV goes out in chunks, and XLSX is written by
XlsxWriter's constant_memory mode (rows to a temporary file, strings inline) before being sent in
chunks: on the same rows it took 34 s where openpyxl's write-only mode took 57 (docs/exports.md).

Dimension columns: with a questionnaire filter, that questionnaire's dimensions; without one, the
union over every published questionnaire, ordered by questionnaire key, then dimension order of
the latest version (dimensions only older versions had come after). A row fills the columns of
its own questionnaire and leaves the others empty.
"""

import csv
import io
import tempfile
from collections.abc import Iterator

from sqlalchemy import func, select

from app.assessments.filters import CHINA, REVISION, REVISION_STATUS, filter_clauses
from app.assessments.models import Assessment, Submission
from app.auth import policy
from app.auth.models import Enterprise
from app.db import db
from app.i18n import localise
from app.messages.common import SIZE_LABELS
from app.messages.review import STATUS_LABELS
from app.questionnaires.models import DRAFT, QuestionnaireVersion
from app.questionnaires.representation import localise_tree
from app.reference.codes import industry, region_name
from app.review import columns
from app.review.verified import verified_shares
from app.spreadsheets import csv_row, xlsx_write_row

# Rows fetched at a time (each holds its parsed dimension scores, ~4 KB) and rows per CSV chunk.
FETCH, CHUNK = 250, 1000


def dimension_columns(*, questionnaire: str | None, lang: str) -> list[tuple[str, str, str]]:
    """(questionnaire key, dimension key, header) of every dimension column, in a stable order."""
    query = (
        select(QuestionnaireVersion.key, QuestionnaireVersion.definition)
        .where(QuestionnaireVersion.state != DRAFT)  # no assessment is on a draft
        .order_by(QuestionnaireVersion.key, QuestionnaireVersion.version.desc())
    )
    if questionnaire:
        query = query.where(QuestionnaireVersion.key == questionnaire)
    found: dict[tuple[str, str], str] = {}
    for key, definition in db.session.execute(query):
        title = localise_tree(definition["title"], lang)
        for dimension in definition["dimensions"]:
            name = localise_tree(dimension["title"], lang)
            found.setdefault((key, dimension["key"]), name if questionnaire else f"{title}·{name}")
    return [(key, dim, header) for (key, dim), header in found.items()]


def version_titles(lang: str) -> dict[int, tuple[int, str]]:
    """Every questionnaire version's id → (its number, its title in lang): one small query."""
    title = QuestionnaireVersion.definition["title"]
    query = select(QuestionnaireVersion.id, QuestionnaireVersion.version, title)
    return {row[0]: (row[1], localise_tree(row[2], lang)) for row in db.session.execute(query)}


def _array_length(element):
    """json_array_length on SQLite; results are JSONB on PostgreSQL, whose function differs."""
    if db.engine.dialect.name == "postgresql":
        return func.jsonb_array_length(element)
    return func.json_array_length(element)


def export_query(*, principal, filters: dict):
    """Every submitted revision in the principal's scope that matches the queue's filters."""
    return (
        select(
            Enterprise.name,
            Enterprise.uscc,
            Enterprise.region,
            Enterprise.industry,
            Enterprise.size,
            Assessment.questionnaire_key,
            # The version's id, not its definition's title: extracting a JSON member of a large
            # definition on every row made the server's own work the export's bottleneck.
            Submission.questionnaire_version_id,
            Submission.revision,
            REVISION_STATUS.label("status"),
            Submission.overall,
            Submission.maturity_level,
            Submission.result["dimensions"].label("dimensions"),
            # Counted by the database: decoding the list only to take its length cost as much
            # as decoding the dimensions.
            func.coalesce(_array_length(Submission.result["red_flags"]), 0).label("red_flag_count"),
            Submission.submitted_at,
            Submission.decided_at,
            Submission.decision_comment,
            Submission.id.label("submission_id"),
        )
        .join(Assessment, Assessment.id == Submission.assessment_id)
        .join(Enterprise, Enterprise.id == Assessment.enterprise_id)
        .where(*policy.assessment_scope(principal), *filter_clauses(filters, REVISION))
        .order_by(Submission.id)
        .execution_options(yield_per=FETCH)
    )


def count_rows(*, principal, filters: dict) -> int:
    """How many rows export_table would give (one count query, no rows fetched)."""
    query = export_query(principal=principal, filters=filters).order_by(None)
    return db.session.scalar(select(func.count()).select_from(query.subquery()))


def _local(moment):
    """A timestamp as naive Beijing time: spreadsheets have no time zones."""
    return moment.astimezone(CHINA).replace(tzinfo=None, microsecond=0) if moment else None


def export_table(*, principal, filters: dict, lang: str) -> tuple[list[str], Iterator[list]]:
    """The header and a lazy iterator over the rows (plain values, numbers as numbers)."""
    dims = dimension_columns(questionnaire=filters.get("questionnaire"), lang=lang)
    header = columns.headers(lang, [h for _, _, h in dims])
    versions = version_titles(lang)
    query = export_query(principal=principal, filters=filters)
    verified = verified_shares(query)

    def rows() -> Iterator[list]:
        # Core rows, not the ORM's: the columns are plain values, and the ORM's row loading
        # cost a third of the export's time.
        connection = db.session.connection()
        for row in connection.execute(query):
            scores = {d["key"]: d.get("score") for d in row.dimensions or ()}
            overall_share, shares = verified.get(row.submission_id, (0.0, {}))
            entry = industry(row.industry)
            version, title = versions[row.questionnaire_version_id]
            yield [
                row.name,
                row.uscc,
                region_name(row.region, lang) or row.region,
                row.industry,
                localise(entry["name"], lang) if entry else "",
                localise(SIZE_LABELS.get(row.size, row.size), lang),
                title or row.questionnaire_key,
                version,
                row.revision,
                localise(STATUS_LABELS.get(row.status, row.status), lang),
                row.overall,
                row.maturity_level,
                *(
                    scores.get(dim) if key == row.questionnaire_key else None
                    for key, dim, _ in dims
                ),
                overall_share,
                *(
                    shares.get(dim, 0.0)
                    if key == row.questionnaire_key and scores.get(dim) is not None
                    else None
                    for key, dim, _ in dims
                ),
                row.red_flag_count,
                _local(row.submitted_at),
                _local(row.decided_at),
                row.decision_comment or "",
            ]

    return header, rows()


def csv_chunks(header: list[str], rows: Iterator[list]) -> Iterator[bytes]:
    """UTF-8 with a BOM (so Excel reads the Chinese), a chunk every CHUNK rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(header)
    for count, row in enumerate(rows, 1):
        writer.writerow(csv_row(row))
        if count % CHUNK == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def xlsx_chunks(header: list[str], rows: Iterator[list], *, title: str) -> Iterator[bytes]:
    """A workbook with a frozen bold header, written row by row to a temporary file, then sent."""
    with tempfile.TemporaryFile() as handle:
        workbook = columns.new_workbook(handle, header, title=title)
        sheet = workbook.worksheets()[0]
        when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        for number, row in enumerate(rows, 1):
            xlsx_write_row(sheet, number, row, date_format=when)
        workbook.close()
        handle.seek(0)
        while chunk := handle.read(64 * 1024):
            yield chunk
