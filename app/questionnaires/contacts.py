"""Whom an enterprise contacts about a recommendation: its local bureau, then bodies by function.

The 2016 plan names departments by their 2016 names (`departments` on a recommendation keeps
them, as the trace). Where a task has since moved, renaming the 2016 body sends a firm to the
wrong door (trademarks were with 工商 in 2016 and are with the IP office today), so contacts
are chosen by the function the recommendation concerns: question → function → bodies. The
table lives here, not in the questionnaire files, so that a correction reaches every version.
Sources and the names still to verify: docs/coverage.md, "Contacts".
"""

import hashlib
import json
from functools import cache

from app.messages import contacts as texts
from app.messages.contacts import (
    BODY_NAMES,
    CITY_WHY,
    DISTRICT_PLACE,
    LOCAL_BUREAU,
    LOCAL_WHY,
    REMIT_SEPARATOR,
    REMITS,
    SUPPORT_WHY,
)
from app.reference.codes import divisions, regions, unit_for_division_code

# Body → its level. Support bodies are explained by their own SUPPORT_WHY text.
BODIES: dict[str, str] = {
    "amr": "province",
    "ipa": "province",
    "drc": "province",
    "miit": "province",
    "commerce": "province",
    "agri": "province",
    "eco": "province",
    "hrss": "province",
    "sci": "province",
    "sasac": "province",
    "transport": "province",
    "customs": "province",
    "cnipa_tm": "national",
    "quality_assoc": "support",
    "std_institute": "support",
    "metrology_institute": "support",
    "product_institute": "support",
    "se_institute": "support",
    "one_stop": "support",
    "ip_centre": "support",
    "tm_station": "support",
}

# Function → (body, remit) in the order to contact them; remit None for support bodies.
FUNCTIONS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "quality_management": (
        ("amr", "quality_development"),
        ("quality_assoc", None),
        ("one_stop", None),
    ),
    "quality_safety": (("amr", "quality_safety"), ("one_stop", None)),
    "spot_checks": (("amr", "spot_checks"), ("product_institute", None)),
    "testing": (("amr", "testing"), ("product_institute", None), ("one_stop", None)),
    "metrology": (("amr", "metrology"), ("metrology_institute", None)),
    "energy_monitoring": (
        ("amr", "metrology"),
        ("drc", "energy_monitoring"),
        ("metrology_institute", None),
    ),
    "energy_saving": (("drc", "energy_monitoring"), ("miit", "industrial_energy")),
    "energy_limits": (("miit", "industrial_energy"), ("drc", "energy_monitoring")),
    "standards": (("amr", "standardisation"), ("std_institute", None), ("one_stop", None)),
    "online_identity": (("amr", "online_trade"),),
    "online_standards": (("amr", "online_trade"), ("amr", "standardisation")),
    "same_line": (("amr", "certification"), ("customs", "export_quality")),
    "export": (("customs", "export_quality"), ("commerce", "trade_promotion")),
    "trademarks": (
        ("ipa", "trademarks"),
        ("cnipa_tm", "trademark_registration"),
        ("tm_station", None),
    ),
    "ip_protection": (("ipa", "trademarks"), ("amr", "enforcement"), ("ip_centre", None)),
    "online_ip": (("ipa", "trademarks"), ("amr", "online_trade"), ("ip_centre", None)),
    "geographical_indications": (
        ("ipa", "geographical_indications"),
        ("agri", "agri_brands"),
        ("amr", "certification"),
    ),
    "industrial_brands": (("miit", "industrial_brands"), ("amr", "quality_brands")),
    "quality_brands": (("amr", "quality_brands"), ("miit", "industrial_brands")),
    "brand_promotion": (("commerce", "trade_promotion"), ("amr", "quality_brands")),
    "soe": (("sasac", "soe_appraisal"),),
    "skills": (("hrss", "skills"),),
    "quality_training": (("amr", "quality_development"), ("quality_assoc", None)),
    "succession": (("miit", "sme_support"),),
    "innovation": (("miit", "industrial_quality"), ("sci", "technology"), ("one_stop", None)),
    "renovation": (("miit", "sme_support"),),
    "special_equipment": (("amr", "special_equipment"), ("se_institute", None)),
    "food_safety": (("amr", "food_safety"),),
    "credit": (("amr", "credit"), ("drc", "credit_platform")),
    "consumers": (("amr", "consumer_protection"),),
    "green": (("miit", "green_manufacturing"), ("eco", "environment"), ("amr", "certification")),
    "coatings": (("eco", "environment"), ("amr", "spot_checks"), ("miit", "industrial_brands")),
    "retail_logistics": (
        ("commerce", "retail_logistics"),
        ("transport", "transport_logistics"),
    ),
    "tic": (("amr", "testing"), ("amr", "quality_brands")),
}

# `questionnaire.question` (or `.option`, which wins) → function. Keep in step with the
# questionnaire files: tests/questionnaires/test_contacts.py fails when an id here is gone.
QUESTIONS: dict[str, str] = {
    "brand.brand_strategy": "quality_brands",
    "brand.brand_system": "quality_brands",
    "brand.brand_valuation": "quality_brands",
    "brand.soe_appraisal": "soe",
    "brand.own_brand_share": "industrial_brands",
    "brand.trademark_coverage": "trademarks",
    "brand.trademark_management": "trademarks",
    "brand.gi_certification": "geographical_indications",
    "brand.consumer_upgrade": "industrial_brands",
    "brand.tic_brand": "tic",
    "brand.brand_sales_trend": "industrial_brands",
    "brand.anti_counterfeit": "ip_protection",
    "brand.online_ip": "online_ip",
    "brand.ip_record": "ip_protection",
    "brand.brand_awareness": "quality_brands",
    "brand.reputation_risk": "consumers",
    "brand.reputation_trend": "quality_brands",
    "brand.quality_month": "quality_brands",
    "brand.hebei_brand_promotion": "brand_promotion",
    "brand.export_image": "export",
    "brand.brand_reach_trend": "brand_promotion",
    # The supplier's path (OEM, B2B): a company's name and standing with its customers.
    "brand.company_brand_strategy": "quality_brands",
    "brand.supplier_rating": "quality_management",
    "brand.quality_benchmark": "quality_management",
    "brand.customer_recognition": "quality_brands",
    "brand.customer_reach_trend": "brand_promotion",
    "quality.cqo": "quality_safety",
    "quality.safety_routine": "quality_safety",
    "quality.succession": "succession",
    "quality.quality_kpi_trend": "quality_management",
    "quality.qms": "quality_management",
    "quality.excellence": "quality_management",
    "quality.qc_groups": "quality_management",
    "quality.qc_projects": "quality_management",
    "quality.trusted_team": "quality_management",
    "quality.diagnosis_benchmark": "quality_management",
    "quality.reliability": "innovation",
    "quality.key_problem": "innovation",
    "quality.tech_renovation": "renovation",
    "quality.field_failure_trend": "quality_management",
    "quality.traceability": "quality_safety",
    "quality.spot_check": "spot_checks",
    "quality.accidents": "quality_safety",
    "quality.special_equipment": "special_equipment",
    "quality.food_safety": "food_safety",
    "quality.credit_record": "credit",
    "quality.integrity_mgmt": "consumers",
    "quality.online_shop": "online_identity",
    "quality.after_sales": "consumers",
    "quality.skills": "skills",
    "quality.quality_training": "quality_training",
    "quality.green": "green",
    "quality.energy_metering": "metrology",
    # The step that asks for the online link: today's 能耗在线监测 is 发展改革's (节能).
    "quality.energy_metering.compliant": "energy_monitoring",
    "standards.self_declaration": "standards",
    "standards.declared_standards": "standards",
    "standards.q_standard_process": "standards",
    "standards.declaration_update": "standards",
    "standards.declared_share": "standards",
    "standards.inspection_capability": "testing",
    "standards.ecommerce_display": "online_standards",
    "standards.conformity_result": "spot_checks",
    "standards.association_standards": "standards",
    "standards.standard_drafting": "standards",
    "standards.forerunner": "standards",
    "standards.drafted_count": "standards",
    "standards.one_standard_two_markets": "same_line",
    "standards.low_voc_coatings": "coatings",
    "standards.energy_standards": "energy_saving",
    "standards.energy_result": "energy_saving",
    # Above the mandatory limit is the exit trigger of 二（一）: industry's energy inspectors.
    "standards.energy_result.above_limit": "energy_limits",
    "standards.commerce_service_standards": "retail_logistics",
    "standards.service_standards": "standards",
}

# A question not in the table (one added after it) still gets a sensible door.
DEFAULT_FUNCTION: dict[str, str] = {
    "brand": "quality_brands",
    "quality": "quality_management",
    "standards": "standards",
}
FALLBACK_FUNCTION = "quality_management"

# Changes whenever the table or its texts do: caches of files that show contacts key on it.
CONTACTS_DIGEST = hashlib.sha256(
    json.dumps(
        [BODIES, FUNCTIONS, QUESTIONS, DEFAULT_FUNCTION, FALLBACK_FUNCTION]
        + [getattr(texts, name) for name in sorted(dir(texts)) if name.isupper()],
        ensure_ascii=False,
        sort_keys=True,
    ).encode()
).hexdigest()[:12]

LANGS = ("zh", "en")

# Division kinds whose bureau is a county-level one.
_COUNTY_KINDS = frozenset({"county", "county_city", "autonomous_county", "district"})


def function_of(questionnaire: str, question: str, source: str | None = None) -> str:
    """The function a recommendation concerns: the option's entry, the question's, a default."""
    if source is not None:
        found = QUESTIONS.get(f"{questionnaire}.{question}.{source}")
        if found is not None:
            return found
    found = QUESTIONS.get(f"{questionnaire}.{question}")
    return found or DEFAULT_FUNCTION.get(questionnaire, FALLBACK_FUNCTION)


def local_bureau(*, uscc: str | None, region: str | None) -> dict | None:
    """The enterprise's own market-regulation bureau: its county's (USCC), else its city's."""
    entry = _current_division(uscc[2:8] if isinstance(uscc, str) and len(uscc) == 18 else None)
    if entry is not None and entry["kind"] in _COUNTY_KINDS:
        # A county's name is the same in both languages: the reference data has no English.
        place = (entry["name"], entry["name"])
        if entry["kind"] == "district":
            city = _division(entry["unit"])
            city_name = city["name"] if city else ""
            place = tuple(
                DISTRICT_PLACE[lang].format(city=city_name, district=entry["name"])
                for lang in LANGS
            )
        return _local("county", place, LOCAL_WHY)
    unit_code = entry["unit"] if entry is not None else region
    unit = _units().get(unit_code or "")
    if unit is None:
        return None
    place = (unit["name"], unit["name_en"])
    # 辛集 and 定州 are county-level cities whose bureau is the county-level contact itself.
    if unit["kind"] == "direct_county":
        return _local("county", place, LOCAL_WHY)
    return _local("city", place, CITY_WHY)


def contacts_for(
    *, questionnaire: str, question: str, source: str | None, uscc: str | None, region: str | None
) -> list[dict]:
    """[{level, name: {zh, en}, why: {zh, en}}]: the local bureau first, then by function."""
    found = []
    local = local_bureau(uscc=uscc, region=region)
    if local is not None:
        found.append(local)
    named: dict[str, dict] = {}
    for body, remit in FUNCTIONS[function_of(questionnaire, question, source)]:
        why = SUPPORT_WHY[body] if remit is None else REMITS[remit]
        if body in named:  # one body for two remits: named once, both said
            entry = named[body]["why"]
            for lang in LANGS:
                entry[lang] = REMIT_SEPARATOR[lang].join((entry[lang], why[lang]))
            continue
        named[body] = {"level": BODIES[body], "name": dict(BODY_NAMES[body]), "why": dict(why)}
        found.append(named[body])
    return found


def with_contacts(recommendations: list[dict], *, questionnaire: str, enterprise) -> list[dict]:
    """The recommendations of a stored result, each with its contacts added (not localised)."""
    return [
        {
            **rec,
            "contacts": contacts_for(
                questionnaire=questionnaire,
                question=rec["question"],
                source=rec.get("source"),
                uscc=enterprise.uscc,
                region=enterprise.region,
            ),
        }
        for rec in recommendations
    ]


def _local(level: str, place: tuple[str, str], why: dict) -> dict:
    """A local bureau's entry; place: its (zh, en) name."""
    name = {lang: LOCAL_BUREAU[lang].format(place=p) for lang, p in zip(LANGS, place, strict=True)}
    return {"level": level, "name": name, "why": dict(why)}


def _division(code: str | None) -> dict | None:
    return _divisions().get(code) if code else None


def _current_division(code: str | None) -> dict | None:
    """The division of a code, following a renamed or merged county to its successor."""
    entry = _division(code)
    if entry is None:
        # A Hebei code newer than our list still rolls up to its city.
        unit = unit_for_division_code(code) if code else None
        return _division(unit) if unit else None
    if entry["status"] == "historical":
        successor = entry.get("replaced_by")
        # Split between several districts: only the city is certain.
        return _division(successor) if successor else _division(entry["unit"])
    return entry


@cache
def _divisions() -> dict[str, dict]:
    return {entry["code"]: entry for entry in divisions()}


@cache
def _units() -> dict[str, dict]:
    return {unit["code"]: unit for unit in regions()}
