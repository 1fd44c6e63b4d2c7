"""Answering an aggregate query: the caller's scope, then published cells (or live figures).

A query names a total (its filters) and, grouped by one dimension, the cells under it. Every
such cell is a cell of the published cube, so any two queries are answered from one published
table, already protected as a whole: differencing two queries gives nothing that differencing
the table itself would not, and secondary suppression has made that safe.
"""

from dataclasses import dataclass

from app.aggregates.cube import ALL, CellKey, groups_of
from app.aggregates.protect.figures import build_figures
from app.aggregates.protect.rules import Count, protect
from app.aggregates.read.representation import group_repr, snapshot_repr
from app.aggregates.snapshot.lease import refresh_if_due
from app.aggregates.snapshot.population import layout_of
from app.aggregates.snapshot.sources import latest_year, live_source
from app.aggregates.snapshot.statistics import Grouping, collect_stats
from app.aggregates.snapshot.take import cells_at, latest_snapshot, years_at
from app.auth.policy import aggregate_scope, association_covers
from app.db import utcnow
from app.errors import ApiError
from app.i18n import current_language
from app.messages.aggregates import (
    INDUSTRY_CHOICE,
    INDUSTRY_LEVEL,
    LIVE_FORBIDDEN,
    OUTSIDE_INDUSTRIES,
    OUTSIDE_JURISDICTION,
    REGION_UNKNOWN,
)
from app.messages.common import UNKNOWN_QUESTIONNAIRE
from app.questionnaires.representation import localise_tree
from app.reference.codes import PROVINCE_CODE, is_area_code, normalise_industry

GROUPINGS = {
    None: Grouping(False, None, False),
    "region": Grouping(True, None, False),
    "industry": Grouping(False, "division", False),
    "size": Grouping(False, None, True),
}


@dataclass(frozen=True)
class Query:
    questionnaire: str
    industry: str | None
    region: str | None
    size: str | None
    year: int | None
    group_by: str | None
    live: bool

    @property
    def total(self) -> CellKey:
        return CellKey(self.region or ALL, self.industry or ALL, self.size or ALL)

    def filters(self, year: int | None) -> dict:
        return {
            "industry": self.industry,
            "region": self.region,
            "size": self.size,
            "year": year,
            "group_by": self.group_by or "none",
            "live": self.live,
        }


def resolve_query(*, principal, args: dict) -> Query:
    """The query the caller may ask: 403 outside their scope, 422 for what is not published."""
    scope = aggregate_scope(principal)
    if args.get("live") and not scope.live:
        raise ApiError(403, LIVE_FORBIDDEN)
    industry = _industry(args.get("industry"), scope.industries, principal)
    region = args.get("region")
    if region is not None and not is_area_code(region):
        raise ApiError(422, errors={"region": [REGION_UNKNOWN]})
    region = None if region == PROVINCE_CODE else region
    if scope.jurisdiction not in (None, PROVINCE_CODE):
        if region not in (None, scope.jurisdiction):
            raise ApiError(403, OUTSIDE_JURISDICTION)
        region = scope.jurisdiction
    group_by = args.get("group_by")
    return Query(
        questionnaire=args["questionnaire"],
        industry=industry,
        region=region,
        size=args.get("size"),
        year=args.get("year"),
        group_by=None if group_by in (None, "none") else group_by,
        live=bool(args.get("live")),
    )


def _industry(value: str | None, allowed: tuple[str, ...] | None, principal) -> str | None:
    if value is not None:
        code = normalise_industry(value)
        if code is None or len(code) not in (1, 3):
            raise ApiError(422, errors={"industry": [INDUSTRY_LEVEL]})
        if allowed is not None and not association_covers(code, principal):
            raise ApiError(403, OUTSIDE_INDUSTRIES)
        return code
    if allowed is None:
        return None
    codes = [normalise_industry(c) for c in allowed]
    if len(codes) == 1 and codes[0] and len(codes[0]) in (1, 3):
        return codes[0]
    if not any(c and len(c) in (1, 3) for c in codes):
        raise ApiError(403, OUTSIDE_INDUSTRIES)
    listed = ", ".join(allowed)
    choice = {lang: text.format(codes=listed) for lang, text in INDUSTRY_CHOICE.items()}
    raise ApiError(422, errors={"industry": [choice]})


def read_aggregates(*, query: Query, min_cell: int) -> dict:
    """The response body: published figures of the total and of each group."""
    found = layout_of(query.questionnaire)
    if found is None:
        raise ApiError(422, errors={"questionnaire": [UNKNOWN_QUESTIONNAIRE]})
    layout, definition = found
    lang = current_language()
    if query.live:
        year, figures, keys, snapshot = _live(query, layout, min_cell)
    else:
        refresh_if_due()
        year, figures, keys, snapshot, min_cell = _published(query, min_cell)
    groups = [] if query.group_by is None else keys
    return {
        "questionnaire": {
            "key": query.questionnaire,
            "title": localise_tree(definition["title"], lang),
        },
        "filters": query.filters(year),
        "min_cell": min_cell,
        "snapshot": snapshot,
        "total": group_repr(query.total, figures.get(query.total), definition, lang),
        "groups": [group_repr(key, figures.get(key), definition, lang) for key in groups],
    }


def definition(body: dict) -> dict:
    """The latest definition of the questionnaire a response is about."""
    return layout_of(body["questionnaire"]["key"])[1]


def _published(query: Query, min_cell: int):
    snapshot = latest_snapshot()
    if snapshot is None:
        return query.year, {}, [], None, min_cell
    year = query.year
    if year is None:
        years = years_at(snapshot_id=snapshot.id, questionnaire=query.questionnaire)
        year = years[-1] if years else None
    cells = {}
    if year is not None:
        # The total and the groups under it differ from the total in group_by's coordinate only.
        fixed = {name: value for name, value in query.total._asdict().items()}
        fixed.pop(query.group_by, None)
        cells = cells_at(
            snapshot_id=snapshot.id, questionnaire=query.questionnaire, year=year, fixed=fixed
        )
    figures = {key: cell.figures for key, cell in cells.items() if not cell.suppressed}
    keys = groups_of(query.total, query.group_by, cells)
    return year, figures, keys, snapshot_repr(snapshot), snapshot.min_cell


def _live(query: Query, layout, k: int):
    year = query.year or latest_year(query.questionnaire)
    now = snapshot_repr(None, live=True, now=utcnow())
    if year is None:
        return None, {}, [], now
    filters = {"region": query.region, "size": query.size}
    if query.industry:
        filters["division" if len(query.industry) == 3 else "section"] = query.industry
    questions = sorted({**layout.single, **layout.multiple})
    source = live_source(
        query.questionnaire,
        year,
        questions,
        {c: v for c, v in filters.items() if v},
        evidence=layout.evidence,
    )
    labels = query.total._asdict()
    stats = collect_stats(source, [(GROUPINGS[None], labels), (GROUPINGS[query.group_by], labels)])
    total = query.total
    keys = groups_of(total, query.group_by, stats)
    relations = [(total, keys)] if keys and keys != [total] else []
    hidden = protect(
        {key: Count(s.overall.n) for key, s in stats.items()},
        relations,
        k=k,
        primary=[key for key, s in stats.items() if s.overall.n < k],
    )
    visible = set(stats) - hidden
    figures = build_figures(
        stats, layout, relations, k=k, visible=visible, fresh=set(stats), previous={}
    )
    return year, figures, keys, now
