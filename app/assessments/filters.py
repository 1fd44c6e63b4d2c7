"""The regulator's queue filters as SQL, shared by the list endpoint and the exports.

The same filter applies to an assessment (its latest revision, as the queue shows it) or to each
submitted revision (as the exports list them): `Columns` says where each figure lives.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlalchemy import ColumnElement, and_, case, extract, func, or_

from app.assessments.models import Assessment, Submission
from app.auth.models import VERIFIED, Enterprise

# Dates in filters are calendar days in Hebei (UTC+8 all year), as the regulator means them.
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


# The USCC alphabet (GB 32100) is digits and capitals, I O S V Z aside: no code sorts above this.
USCC_CEILING = "Z" * 18
# Searched as a code: two or more of its characters with a digit among them (a name may hold
# Latin letters, as in "ABC科技", but no company name is a run of digits and capitals alone).
USCC_START = re.compile(r"(?=.*[0-9])[0-9A-Z]{2,18}")


@dataclass(frozen=True)
class Columns:
    """Where the filtered figures live: on the assessment, or on each submitted revision."""

    status: ColumnElement
    overall: ColumnElement
    maturity: ColumnElement
    has_red_flags: ColumnElement
    submitted_at: ColumnElement
    decided_at: ColumnElement
    # A row has changed since t when any of these is at or after t.
    changed_at: tuple[ColumnElement, ...]


ASSESSMENT = Columns(
    status=Assessment.status,
    overall=Assessment.overall,
    maturity=Assessment.maturity_level,
    has_red_flags=Assessment.red_flag_count > 0,
    submitted_at=Assessment.submitted_at,
    decided_at=Assessment.decided_at,
    changed_at=(Assessment.updated_at,),  # set by every save, submission and decision
)
# A revision's own status: undecided, approved or returned (a later one may exist).
REVISION_STATUS = case(
    (Submission.decision == "approve", "approved"),
    (Submission.decision == "return", "returned"),
    else_="submitted",
)
REVISION = Columns(
    status=REVISION_STATUS,
    overall=Submission.overall,
    maturity=Submission.maturity_level,
    has_red_flags=Submission.has_red_flags,
    submitted_at=Submission.submitted_at,
    decided_at=Submission.decided_at,
    changed_at=(Submission.submitted_at, Submission.decided_at),  # a revision is otherwise frozen
)


def day_start(day: date) -> datetime:
    """The first instant of a Hebei calendar day, in UTC."""
    return datetime.combine(day, time.min, tzinfo=CHINA).astimezone(UTC)


def filter_clauses(
    args: dict, columns: Columns = ASSESSMENT, *, with_status: bool = True
) -> list[ColumnElement[bool]]:
    """WHERE clauses for the filters given in args (the query needs Enterprise joined)."""
    clauses: list[ColumnElement[bool]] = []
    if with_status and args.get("status"):
        clauses.append(columns.status == args["status"])
    if args.get("questionnaire"):
        clauses.append(Assessment.questionnaire_key == args["questionnaire"])
    if args.get("year"):
        # The year an assessment was filed for (its campaign's, or its first submission's);
        # a draft never submitted has none yet and counts in the year it was started.
        when = func.coalesce(Assessment.submitted_at, Assessment.created_at)
        clauses.append(func.coalesce(Assessment.year, extract("year", when)) == args["year"])
    if args.get("region"):
        clauses.append(Enterprise.region == args["region"])
    if args.get("industry"):
        # Stored codes are classes with their letter (C1772): a code at any level is a prefix.
        clauses.append(Enterprise.industry.startswith(args["industry"], autoescape=True))
    if args.get("size"):
        clauses.append(Enterprise.size == args["size"])
    if args.get("min_score") is not None:
        clauses.append(columns.overall >= args["min_score"])
    if args.get("max_score") is not None:
        clauses.append(columns.overall <= args["max_score"])
    if args.get("maturity"):
        clauses.append(columns.maturity == args["maturity"])
    if args.get("red_flags") is not None:
        clauses.append(columns.has_red_flags if args["red_flags"] else ~columns.has_red_flags)
    if args.get("verified") is not None:
        verified = Enterprise.verification == VERIFIED
        clauses.append(verified if args["verified"] else ~verified)
    if args.get("submitted_from"):
        clauses.append(columns.submitted_at >= day_start(args["submitted_from"]))
    if args.get("submitted_to"):
        clauses.append(columns.submitted_at < day_start(args["submitted_to"] + timedelta(days=1)))
    if args.get("updated_since"):
        clauses.append(or_(*(column >= args["updated_since"] for column in columns.changed_at)))
    if args.get("decided_from"):
        clauses.append(columns.decided_at >= args["decided_from"])
    if args.get("county"):
        # The stored county (design.md "Jurisdictions"), as the policy and the dashboard read it.
        clauses.append(Enterprise.county == args["county"])
    if args.get("campaign"):
        clauses.append(Assessment.campaign_id == args["campaign"])
    if args.get("late") is not None:
        clauses.append(Assessment.late.is_(args["late"]))
    if args.get("q"):
        clauses.append(search_clause(args["q"]))
    return clauses


def search_clause(text: str) -> ColumnElement[bool]:
    """Part of a name (declared or checked), or the start of a USCC (the whole code: exact)."""
    code = text.upper()
    if USCC_START.fullmatch(code):
        # A range rather than LIKE 'P%': the unique index serves it under any collation
        # and on SQLite, whose LIKE ignores case and so skips the index.
        return and_(Enterprise.uscc >= code, Enterprise.uscc <= code + USCC_CEILING[len(code) :])
    return or_(
        Enterprise.name.icontains(text, autoescape=True),
        Enterprise.verified_name.icontains(text, autoescape=True),
    )
