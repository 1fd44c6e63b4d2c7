"""A synthetic Hebei population, drawn from a seed: enterprises and what each did in two years.

Pure: no Flask and no database. The same seed, size and date give the same population, so the
demo, the tests and the benchmarks share one model of the province (seed.py writes it).
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache

from faker import Faker

from app.reference.codes import divisions, industries, industry, region_name
from app.reference.uscc import CHARSET, complete_uscc, validate_uscc

CHINA = timedelta(hours=8)
SIZES = ("large", "medium", "small", "micro")
# Roughly the shape of a province's registered manufacturers: many small firms, few large ones.
SIZE_WEIGHTS = (0.07, 0.18, 0.40, 0.35)
# The 11 prefectures, weighted roughly by their industrial output.
CITY_WEIGHTS = {
    "130100": 16, "130200": 13, "130300": 5, "130400": 10, "130500": 8, "130600": 13,
    "130700": 4, "130800": 5, "130900": 10, "131000": 9, "131100": 7,
}  # fmt: skip
# Divisions (GB/T 4754) with Hebei weight; C17/C18 are the demo association's, C1772 is the
# demo enterprise's class. A class is drawn inside each division.
# Few divisions, so that most groups are large enough to show (and the snapshot stays quick).
DIVISION_WEIGHTS = {
    "C17": 24,
    "C18": 20,
    "C14": 8,
    "C26": 10,
    "C30": 8,
    "C31": 10,
    "C33": 12,
    "C34": 10,
}
# The demo enterprise's cohort (C1772, small) is planted so its peer figures are not suppressed.
COHORT = ("C1772", "small", 12)
OUTCOMES = ("approved", "returned", "waiting")


@dataclass(frozen=True)
class Filing:
    """One questionnaire filed in one year: when, how good, and how the review went."""

    questionnaire: str
    year: int
    submitted_at: datetime  # UTC
    quality: float  # 0..1, drives the answers drawn
    outcome: str  # approved | returned | waiting
    resubmitted: bool = False  # returned once, corrected and then approved
    decided_at: datetime | None = None


@dataclass
class Firm:
    uscc: str
    name: str
    region: str
    county: str
    industry: str
    size: str
    contact_name: str
    contact_phone: str
    contact_email: str
    filings: list[Filing] = field(default_factory=list)


@cache
def counties_of(city: str) -> tuple[str, ...]:
    """The current county-level codes that report to a prefecture."""
    return tuple(
        d["code"]
        for d in divisions()
        if d["unit"] == city and d["status"] == "current" and d["kind"] != "prefecture"
    )


@cache
def classes_of(division: str) -> tuple[str, ...]:
    return tuple(
        i["code"] for i in industries() if i["level"] == "class" and i["code"].startswith(division)
    )


def china_today() -> date:
    """Today's date in China, which decides what 'this year' is."""
    return (datetime.now(UTC) + CHINA).date()


def draw_province(
    *, seed: int, enterprises: int, questionnaires: list[str], today: date
) -> list[Firm]:
    """The population: enterprises with their filings last year and this year (China time)."""
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    taken: set[str] = set()
    firms = []
    for i in range(enterprises):
        planted = i < COHORT[2]
        industry_code = COHORT[0] if planted else _industry(rng)
        size = COHORT[1] if planted else rng.choices(SIZES, SIZE_WEIGHTS)[0]
        city = rng.choices(list(CITY_WEIGHTS), list(CITY_WEIGHTS.values()))[0]
        county = rng.choice(counties_of(city))
        uscc = _uscc(rng, county, taken)
        firm = Firm(
            uscc=uscc,
            name=_name(fake, city, industry_code),
            region=validate_uscc(uscc).region,
            county=county,
            industry=industry_code,
            size=size,
            contact_name=fake.name(),
            contact_phone=fake.phone_number(),
            contact_email=fake.company_email(),
        )
        firm.filings = draw_filings(rng, size=size, questionnaires=questionnaires, today=today)
        firms.append(firm)
    return firms


def draw_unregistered(*, seed: str, city: str, count: int, taken: set[str]) -> list[Firm]:
    """Firms of a city that have not signed up yet (no filings): names on a campaign's roll."""
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    firms = []
    for _ in range(count):
        industry_code = _industry(rng)
        county = rng.choice(counties_of(city))
        uscc = _uscc(rng, county, taken)
        firms.append(
            Firm(
                uscc=uscc,
                name=_name(fake, city, industry_code),
                region=city,
                county=county,
                industry=industry_code,
                size=rng.choices(SIZES, SIZE_WEIGHTS)[0],
                contact_name=fake.name(),
                contact_phone=fake.phone_number(),
                contact_email=fake.company_email(),
            )
        )
    return firms


def draw_filings(
    rng: random.Random, *, size: str, questionnaires: list[str], today: date
) -> list[Filing]:
    """Last year's filings (all decided) and this year's (approved, returned or waiting)."""
    # A firm's standing: larger firms tend to run better quality systems; most are middling.
    base = rng.betavariate(2.6, 2.4) + {"large": 0.12, "medium": 0.06}.get(size, 0.0)
    filings = []
    for key in questionnaires:
        last = rng.random() < 0.7
        this = rng.random() < (0.85 if last else 0.6)
        quality = min(1.0, max(0.0, base + rng.gauss(0, 0.08)))
        if last:
            at = _moment(rng, date(today.year - 1, 3, 1), date(today.year - 1, 11, 30))
            filings.append(
                Filing(
                    questionnaire=key,
                    year=today.year - 1,
                    submitted_at=at,
                    quality=quality,
                    outcome="approved",
                    resubmitted=rng.random() < 0.15,
                    decided_at=at + timedelta(days=rng.randint(2, 20)),
                )
            )
        if this:
            # A year on, most firms have improved a little (year over year has a story).
            quality = min(1.0, max(0.0, quality + rng.gauss(0.05, 0.06)))
            start = date(today.year, 1, 1)
            outcome = rng.choices(OUTCOMES, (0.55, 0.15, 0.30))[0]
            if outcome == "waiting":  # a queue of the last weeks, not of the whole year
                start = max(start, today - timedelta(days=45))
            at = _moment(rng, start, max(start, today - timedelta(days=1)))
            decided = at + timedelta(days=rng.randint(1, 2)) if outcome != "waiting" else None
            filings.append(
                Filing(
                    questionnaire=key,
                    year=today.year,
                    submitted_at=at,
                    quality=quality,
                    outcome=outcome,
                    decided_at=decided,
                )
            )
    return filings


def _industry(rng: random.Random) -> str:
    division = rng.choices(list(DIVISION_WEIGHTS), list(DIVISION_WEIGHTS.values()))[0]
    return rng.choice(classes_of(division))


def _uscc(rng: random.Random, county: str, taken: set[str]) -> str:
    """A valid code registered in the county: 91 (a company), the county, MA + 6, checks."""
    while True:
        body = "MA" + "".join(rng.choice(CHARSET) for _ in range(6))
        code = complete_uscc(f"91{county}{body}")
        if code not in taken:
            taken.add(code)
            return code


def _name(fake: Faker, city: str, industry_code: str) -> str:
    """A plausible registered name: city, a trade name, the trade, 有限公司."""
    place = region_name(city).removesuffix("市")
    trade = industry(industry_code)["name"].removeprefix("其他").replace("未列明", "")
    trade = trade.split("、")[0].split("及")[0].removesuffix("制造").removesuffix("加工")
    return f"{place}{fake.company_prefix()}{trade[:6] or '制品'}有限公司"


def _moment(rng: random.Random, first: date, last: date) -> datetime:
    """A working-hours moment (China time) on a day between first and last, as UTC."""
    day = first + timedelta(days=rng.randint(0, (last - first).days))
    local = datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59))
    return (local - CHINA).replace(tzinfo=UTC)
