"""The rows aggregates are computed from, as SQL: live (for regulators) or released (snapshots).

A source is three selectables with fixed column names:
- rows: one per enterprise — sid (its submission), region, division, section, size,
  overall_tenths (the score × 10, an integer), maturity_level;
- scores: sid, dimension, score;
- choices: sid, question, option (single and multiple choice answers only, never free text).
"""

from dataclasses import dataclass

from sqlalchemy import (
    Float,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    union,
    union_all,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql import FromClause

from app.aggregates.models import AggregateChoice, AggregateMember, AggregateScore
from app.assessments.models import Assessment, Submission
from app.auth.models import VERIFIED, Enterprise
from app.db import db
from app.evidence.models import VERIFIED as VERIFIED_FILE
from app.evidence.models import EvidenceFile

# Years are counted in China's time (UTC+8, no daylight saving since 1991).
CHINA_OFFSET_HOURS = 8


@dataclass(frozen=True)
class Source:
    rows: FromClause
    scores: FromClause
    choices: FromClause
    # (questionnaire, year) when rows are aggregate_members' (with their indexes); None: live.
    released: tuple[str, int] | None = None


def dialect() -> str:
    return db.session.get_bind().dialect.name


def year_of(timestamp):
    """The calendar year in China of a stored UTC timestamp, as SQL."""
    if dialect() == "postgresql":
        return cast(func.extract("year", func.timezone("Asia/Shanghai", timestamp)), Integer)
    return cast(func.strftime("%Y", timestamp, f"+{CHINA_OFFSET_HOURS} hours"), Integer)


def assessment_year():
    """An assessment's year as SQL: assessments.year (its campaign's, else the Chinese calendar
    year of its first submission: design.md "Year"), for every revision of it alike.

    Rows inserted without one (bulk seeds, which skip the services) fall back to the year of
    the revision at hand; the services and migration 0017 always set it.
    """
    return func.coalesce(Assessment.year, year_of(Submission.submitted_at))


def latest_submissions(questionnaire: str) -> Select:
    """The latest submitted revision of each verified enterprise per year, with its coordinates.

    The year is the assessment's (assessment_year): a campaign of 2025 filed, or returned and
    resubmitted, in 2026 counts in 2025. An unverified enterprise may be anyone using someone
    else's USCC (docs/identity.md): its submissions count in no aggregate and no peer figure
    until its regulator has verified it.
    """
    year = assessment_year()
    ranked = (
        select(
            Assessment.enterprise_id.label("enterprise_id"),
            year.label("year"),
            Submission.id.label("sid"),
            Enterprise.region.label("region"),
            func.substr(Enterprise.industry, 1, 3).label("division"),
            func.substr(Enterprise.industry, 1, 1).label("section"),
            Enterprise.size.label("size"),
            cast(func.round(Submission.overall * 10), Integer).label("overall_tenths"),
            Submission.maturity_level.label("maturity_level"),
            func.row_number()
            .over(
                partition_by=(Assessment.enterprise_id, year),
                order_by=(Submission.submitted_at.desc(), Submission.id.desc()),
            )
            .label("rank"),
        )
        .join(Assessment, Assessment.id == Submission.assessment_id)
        .join(Enterprise, Enterprise.id == Assessment.enterprise_id)
        .where(Assessment.questionnaire_key == questionnaire, Enterprise.verification == VERIFIED)
        .subquery("ranked")
    )
    return select(*(c for c in ranked.c if c.name != "rank")).where(ranked.c.rank == 1)


def score_rows(ids=None) -> Select:
    """sid, dimension, score of the submissions ids (a list or a subquery; None: all)."""
    if dialect() == "postgresql":
        item = func.jsonb_array_elements(Submission.result["dimensions"]).table_valued(
            column("value", JSONB)
        )
        item = item.lateral("item")
        key = func.jsonb_extract_path_text(item.c.value, "key")
        score = cast(func.jsonb_extract_path_text(item.c.value, "score"), Float)
    else:
        item = func.json_each(Submission.result, "$.dimensions").table_valued("value").alias("item")
        key = func.json_extract(item.c.value, "$.key")
        score = func.json_extract(item.c.value, "$.score")
    query = (
        select(Submission.id.label("sid"), key.label("dimension"), score.label("score"))
        .select_from(Submission)
        .join(item, literal(True))
        .where(score.is_not(None))
    )
    return query if ids is None else query.where(Submission.id.in_(ids))


def choice_rows(questions: list[str], ids=None) -> Select:
    """sid, question, option of each option chosen in the submissions ids (None: all).

    The filter sits inside each branch of the union, so that the database expands the JSON
    of those submissions only.
    """
    if dialect() == "postgresql":
        answer = func.jsonb_each(Submission.answers).table_valued("key", column("value", JSONB))
        answer = answer.lateral("answer")
        kind = func.jsonb_typeof(answer.c.value)
        as_list = case((kind == "array", answer.c.value), else_=cast(literal("[]"), JSONB))
        picked = func.jsonb_array_elements_text(as_list).table_valued("value").lateral("picked")
        single = answer.c.value.op("#>>")(literal_column("'{}'"))
        is_single, is_list = kind == "string", kind == "array"
    else:
        answer = func.json_each(Submission.answers).table_valued("key", "value", "type")
        answer = answer.alias("answer")
        as_list = case((answer.c.type == "array", answer.c.value), else_=literal("[]"))
        picked = func.json_each(as_list).table_valued("value", "type").alias("picked")
        single = answer.c.value
        is_single, is_list = answer.c.type == "text", answer.c.type == "array"
    base = select(Submission.id.label("sid"), answer.c.key.label("question")).select_from(
        Submission
    )
    if ids is not None:
        base = base.where(Submission.id.in_(ids))
    singles = base.add_columns(single.label("option")).join(answer, literal(True))
    singles = singles.where(answer.c.key.in_(questions), is_single)
    lists = base.add_columns(cast(picked.c.value, String).label("option"))
    lists = lists.join(answer, literal(True)).join(picked, literal(True))
    lists = lists.where(and_(answer.c.key.in_(questions), is_list))
    if dialect() != "postgresql":
        lists = lists.where(picked.c.type == "text")
    return singles.union(lists)


def evidence_rows(evidence: dict[str, str | None], ids=None):
    """sid, question, option of the evidence figures of the submissions ids (None: all).

    For each question taking files (evidence: question id → dimension key), "ev:q:<id>" and
    its dimension's "ev:d:<key>" with option "attached" when the submitted revision has a file
    there, and "verified" when one of them is verified (as of now: a snapshot stores it when it
    releases the submission). Never a file's name, size or bytes: only these marks.
    """
    f = EvidenceFile
    in_revision = and_(
        f.assessment_id == Submission.assessment_id,
        f.first_revision.is_not(None),
        f.first_revision <= Submission.revision,
        or_(f.removed_revision.is_(None), f.removed_revision > Submission.revision),
        f.question_id.in_(sorted(evidence)),
    )
    dimensions = {q: d for q, d in evidence.items() if d}
    parts = []
    for option, verified_only in (("attached", False), ("verified", True)):
        names = [literal("ev:q:") + f.question_id]
        if dimensions:
            names.append(literal("ev:d:") + case(dimensions, value=f.question_id))
        for name in names:
            query = select(
                Submission.id.label("sid"),
                name.label("question"),
                literal(option).label("option"),
            ).join(f, in_revision)
            if verified_only:
                query = query.where(f.verification == VERIFIED_FILE)
            if name is not names[0]:
                query = query.where(f.question_id.in_(sorted(dimensions)))
            if ids is not None:
                query = query.where(Submission.id.in_(ids))
            parts.append(query)
    return union(*parts)


def live_source(
    questionnaire: str,
    year: int,
    questions: list[str],
    filters: dict,
    evidence: dict[str, str | None] | None = None,
) -> Source:
    """Today's latest submissions, computed at query time; filters: column → value."""
    latest = latest_submissions(questionnaire).subquery("latest")
    where = [latest.c.year == year, *(latest.c[name] == value for name, value in filters.items())]
    rows = select(latest).where(*where).subquery("rows")
    ids = select(rows.c.sid).scalar_subquery()
    choices = choice_rows(questions, ids)
    if evidence:
        # Each side a subquery of its own: SQLite takes no compound select inside another.
        answered = choices.subquery("answered")
        marked = evidence_rows(evidence, ids).subquery("marked")
        choices = union_all(select(answered), select(marked))
    return Source(rows, score_rows(ids).subquery("scores"), choices.subquery("picks"))


def latest_year(questionnaire: str) -> int | None:
    """The most recent year of any submitted assessment of the questionnaire."""
    return db.session.scalar(
        select(func.max(assessment_year()))
        .select_from(Submission)
        .join(Assessment, Assessment.id == Submission.assessment_id)
        .where(Assessment.questionnaire_key == questionnaire)
    )


def released_source(questionnaire: str, year: int) -> Source:
    """The population as the snapshot released it."""
    m = AggregateMember
    rows = (
        select(
            m.submission_id.label("sid"),
            m.region,
            m.division,
            m.section,
            m.size,
            m.overall_tenths,
            m.maturity_level,
        )
        .where(m.questionnaire_key == questionnaire, m.year == year)
        .subquery("rows")
    )
    scores = select(
        AggregateScore.submission_id.label("sid"), AggregateScore.dimension, AggregateScore.score
    ).subquery("scores")
    choices = select(
        AggregateChoice.submission_id.label("sid"), AggregateChoice.question, AggregateChoice.option
    ).subquery("picks")
    return Source(rows, scores, choices, released=(questionnaire, year))
