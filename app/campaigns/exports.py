"""The non-responders of a campaign as CSV: one row per enterprise with what it has not filed."""

import csv
import io
from collections.abc import Iterator
from itertools import groupby

from app.campaigns.models import Campaign
from app.campaigns.progress import NOT_RESPONDED, filing_rows
from app.db import db
from app.i18n import localise
from app.messages.campaigns import NON_RESPONDER_HEADS, STATE_LABELS, YES_NO
from app.messages.common import SIZE_LABELS
from app.reference.codes import region_name
from app.spreadsheets import csv_row

COLUMNS = (
    "uscc",
    "name",
    "division",
    "county",
    "industry",
    "size",
    "contact_name",
    "contact_phone",
    "registered",
    "missing",
    "state",
)
CHUNK = 1000


def non_responder_chunks(
    *, campaign: Campaign, args: dict, lang: str, part: str | None = None
) -> Iterator[bytes]:
    """UTF-8 CSV (with a BOM, so that Excel reads Chinese right) in chunks of rows."""
    wanted = {**args, "state": list(NOT_RESPONDED)}
    query = filing_rows(campaign=campaign, args=wanted, part=part)
    rows = db.session.execute(query.execution_options(yield_per=500))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([localise(NON_RESPONDER_HEADS[c], lang) for c in COLUMNS])
    yield ("\ufeff" + _take(buffer)).encode()
    for written, (_, group) in enumerate(groupby(rows, key=lambda row: row.entry_id), start=1):
        filings = list(group)
        entry = filings[0]
        states = {row.state for row in filings}
        values = (
            entry.uscc,
            entry.name,
            entry.division,
            region_name(entry.division, lang) or "",
            entry.industry,
            localise(SIZE_LABELS[entry.size], lang) if entry.size else "",
            entry.contact_name,
            entry.contact_phone,
            localise(YES_NO[entry.enterprise_id is not None], lang),
            " ".join(row.questionnaire for row in filings),
            localise(STATE_LABELS["draft" if "draft" in states else "not_started"], lang),
        )
        writer.writerow(csv_row(values))
        if written % CHUNK == 0:
            yield _take(buffer).encode()
    yield _take(buffer).encode()


def _take(buffer: io.StringIO) -> str:
    """What the buffer holds, emptying it."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
