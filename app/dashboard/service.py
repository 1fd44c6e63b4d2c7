"""The dashboard's answer: a jurisdiction's campaign or year at a glance, with its units."""

from flask import current_app

from app.aggregates.read.query import Query, read_aggregates
from app.auth.models import REGULATOR
from app.auth.policy import forbidden
from app.campaigns import progress as campaign_progress
from app.campaigns.service import campaign_for
from app.dashboard import cache, population
from app.errors import ApiError
from app.i18n import localise
from app.messages.aggregates import OUTSIDE_JURISDICTION, REGION_UNKNOWN
from app.messages.common import UNKNOWN_QUESTIONNAIRE
from app.messages.dashboard import CAMPAIGN_OR_YEAR, NOT_IN_CAMPAIGN
from app.questionnaires.service import latest_version
from app.reference.codes import (
    PROVINCE_CODE,
    divisions,
    is_area_code,
    is_county_code,
    region_in_jurisdiction,
    region_name,
    regions,
)

RESPONDED = ("submitted", "returned", "approved")
NOT_COUNTIES = ("prefecture", "municipal_districts")


def dashboard(*, principal, args: dict, lang: str) -> dict:
    """The body of GET /dashboard for a regulator; 403 for every other role."""
    if principal.role != REGULATOR:
        raise forbidden()
    campaign = None
    if args.get("campaign") is not None:
        if args.get("year") is not None:
            raise ApiError(422, errors={"year": [CAMPAIGN_OR_YEAR]})
        campaign = campaign_for(principal, args["campaign"])
    elif args.get("year") is None:
        raise ApiError(422, errors={"year": [CAMPAIGN_OR_YEAR]})
    jurisdiction = campaign.jurisdiction if campaign else principal.jurisdiction
    region = _region(args.get("region"), jurisdiction)
    questionnaire = args.get("questionnaire") or (
        campaign.questionnaire_keys[0] if campaign else None
    )
    if campaign and questionnaire not in campaign.questionnaire_keys:
        raise ApiError(422, errors={"questionnaire": [NOT_IN_CAMPAIGN]})
    version = latest_version(key=questionnaire) if questionnaire else None
    if version is None:
        raise ApiError(422, errors={"questionnaire": [UNKNOWN_QUESTIONNAIRE]})
    year = campaign.year if campaign else args["year"]
    area = region or jurisdiction
    # Everything below depends on these alone, and the caller may see the area (checked above).
    period = ("campaign", campaign.id) if campaign else ("year", year)
    return cache.cached(
        (area, *period, questionnaire, lang),
        lambda: _compute(campaign, questionnaire, version.definition, year, area, lang),
    )


def _compute(campaign, questionnaire: str, definition: dict, year: int, area: str, lang: str):
    """The dashboard of the area, computed."""
    # A city shows its counties; a county has no units below it (unit_kind "none", no tiles).
    kind = "city" if area == PROVINCE_CODE else "none" if is_county_code(area) else "county"
    by_county = kind != "city"
    scope = population.Scope(questionnaire, campaign.id if campaign else None, year)
    found = population.collect(scope=scope, area=area, by_county=by_county)
    roll = _roll(scope, area, by_county) if campaign else None
    states = dict(found.states)
    if roll is not None:
        states = roll["by_state"]
    return {
        "jurisdiction": {"code": area, "name": region_name(area, lang)},
        "unit_kind": kind,
        "questionnaire": {"key": questionnaire, "title": localise(definition["title"], lang)},
        "campaign": _campaign(campaign),
        "year": year,
        "response": _response(roll),
        "states": {name: states.get(name, 0) for name in (*campaign_progress.STATES,)},
        "late": roll["late"] if roll else found.late,
        "scores": {
            "n": sum(found.bins),
            "bins": [
                {"from": i * 10, "to": (i + 1) * 10, "count": count}
                for i, count in enumerate(found.bins)
            ],
        },
        "maturity": {str(level): found.levels.get(level, 0) for level in range(1, 6)},
        "dimensions": _dimensions(questionnaire, year, area, definition, lang),
        "red_flags": [
            {**item, "text": localise(item["text"], lang) if item["text"] else None}
            for item in population.red_flags(scope=scope, area=area)
        ],
        "units": _units(area, by_county, found, roll, lang),
    }


def _region(value: str | None, jurisdiction: str) -> str | None:
    """A reporting unit inside the jurisdiction to look at; None: the whole jurisdiction."""
    if value is None or value == jurisdiction:
        return None
    if not is_area_code(value):
        raise ApiError(422, errors={"region": [REGION_UNKNOWN]})
    if jurisdiction != PROVINCE_CODE or value == PROVINCE_CODE:
        raise ApiError(403, OUTSIDE_JURISDICTION)
    return value


def _campaign(campaign) -> dict | None:
    if campaign is None:
        return None
    return {
        "id": campaign.id,
        "name": campaign.name,
        "opens_on": campaign.opens_on,
        "closes_on": campaign.closes_on,
    }


def _roll(scope, area: str, by_county: bool) -> dict:
    """The roll's filings by state, per unit of the area (the campaign's progress, regrouped)."""
    units: dict[str, dict] = {}
    total = {"total": 0, "by_state": dict.fromkeys(campaign_progress.STATES, 0), "late": 0}
    for division, state, count, late in population.roll_states(scope):
        unit = population.unit_of(division)
        if area != PROVINCE_CODE and not region_in_jurisdiction(division, area):
            continue
        # Tiles are keyed as the population keys them: the stored county, or the unit.
        code = population.county_of(division) if by_county else unit
        bucket = units.setdefault(
            code, {"total": 0, "by_state": dict.fromkeys(campaign_progress.STATES, 0)}
        )
        for target in (bucket, total):
            target["total"] += count
            target["by_state"][state] += count
        total["late"] += late or 0
    return {**total, "units": units}


def _response(roll: dict | None) -> dict | None:
    if roll is None:
        return None
    responded = sum(roll["by_state"][state] for state in RESPONDED)
    rate = responded / roll["total"] if roll["total"] else None
    return {"expected": roll["total"], "responded": responded, "rate": rate}


def _dimensions(questionnaire: str, year: int, area: str, definition: dict, lang: str) -> dict:
    """Dimension means of the area and of the province, both from the published snapshot.

    The province's figures pass the disclosure control the associations' do; the area's come
    from the same publication so that the two compare like with like (same day, same rules).
    """
    # One read: the province's total and, grouped by region, the area's cell beside it.
    grouped = None if area == PROVINCE_CODE else "region"
    query = Query(questionnaire, None, None, None, year, grouped, False)
    province = read_aggregates(query=query, min_cell=current_app.config["MIN_CELL"])
    area_cell = province["total"]
    if grouped:
        found = [g for g in province["groups"] if g["key"]["region"] == area]
        area_cell = found[0] if found else {"suppressed": True}
    sides = {"province": province["total"], "area": area_cell}
    titles = {d["key"]: localise(d["title"], lang) for d in definition["dimensions"]}
    means = {
        side: {d["key"]: d["mean"] for d in cell.get("dimensions", [])}
        for side, cell in sides.items()
    }
    return {
        "snapshot": province["snapshot"],
        "min_cell": province["min_cell"],
        "area_suppressed": sides["area"]["suppressed"],
        "province_suppressed": sides["province"]["suppressed"],
        "items": [
            {
                "key": key,
                "title": title,
                "area": means["area"].get(key),
                "province": means["province"].get(key),
            }
            for key, title in titles.items()
        ],
    }


def _units(area: str, by_county: bool, found, roll: dict | None, lang: str) -> list[dict]:
    """Every unit of the area, in code order, with its figures (zeros where nothing was filed);
    a county's one row is the county itself."""
    if is_county_code(area):
        codes = [area]  # the county itself: its figures, with no units below it to show
    elif by_county:
        codes = [
            d["code"]
            for d in divisions()
            if d["unit"] == area and d["status"] == "current" and d["kind"] not in NOT_COUNTIES
        ]
    else:
        codes = [unit["code"] for unit in regions()]
    codes = sorted(set(codes) | set(found.units) | set((roll or {}).get("units", {})))
    items = []
    for code in codes:
        unit = found.units.get(code) or population.Unit()
        expected = (roll or {}).get("units", {}).get(code)
        responded = sum(expected["by_state"][s] for s in RESPONDED) if expected else None
        items.append(
            {
                "code": code,
                "name": region_name(code, lang) or code,
                "expected": expected["total"] if expected else None,
                "responded": responded,
                "rate": responded / expected["total"] if expected and expected["total"] else None,
                "filed": sum(unit.states.values()),
                "scored": unit.scored,
                "mean": round(unit.score_sum / unit.scored, 1) if unit.scored else None,
                "flagged": unit.flagged,
                "late": unit.late,
            }
        )
    return items
