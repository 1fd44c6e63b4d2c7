"""How many enterprises of each cell chose each option: counted per finest cell, summed up."""

from collections.abc import Sequence

from sqlalchemy import Integer, Select, cast, func, literal, select, union_all

from app.aggregates.snapshot.sources import Source


def choice_counts(source: Source, groupings: Sequence[tuple]) -> Select:
    """Per group, question and option: how many enterprises chose it; option None: answered.

    groupings: (statistics.Grouping, labels) pairs. Counted once per finest cell, then summed
    up each grouping: an enterprise lies in one finest cell, so the sums are exact, and the
    large join is scanned once for all groupings.
    """
    rows, picks = source.rows, source.choices
    finest = [rows.c.region, rows.c.division, rows.c.section, rows.c.size]
    joined = select(*finest, picks.c.sid, picks.c.question, picks.c.option).join(
        picks, picks.c.sid == rows.c.sid
    )
    joined = joined.subquery("joined")
    cells = [joined.c[c.name] for c in finest]
    chosen = select(*cells, joined.c.question, joined.c.option, func.count().label("count"))
    chosen = chosen.group_by(*cells, joined.c.question, joined.c.option)
    answered = select(
        *cells,
        joined.c.question,
        literal(None).label("option"),
        func.count(joined.c.sid.distinct()).label("count"),
    ).group_by(*cells, joined.c.question)
    base = union_all(chosen, answered).cte("base").prefix_with("MATERIALIZED")
    parts = []
    for grouping, labels in groupings:
        region = base.c.region if grouping.region else literal(labels["region"])
        industry = base.c[grouping.industry] if grouping.industry else literal(labels["industry"])
        size = base.c.size if grouping.size else literal(labels["size"])
        group = [base.c.region] if grouping.region else []
        group += [base.c[grouping.industry]] if grouping.industry else []
        group += [base.c.size] if grouping.size else []
        parts.append(
            select(
                region.label("region"),
                industry.label("industry"),
                size.label("size"),
                base.c.question,
                base.c.option,
                cast(func.sum(base.c.count), Integer).label("count"),
            ).group_by(*group, base.c.question, base.c.option)
        )
    return union_all(*parts)
