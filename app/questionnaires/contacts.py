"""Whom an enterprise contacts about a recommendation: its local bureau, then bodies by function.

The 2016 plan names departments by their 2016 names (`departments` on a recommendation keeps
them, as the trace). Where a task has since moved, renaming the 2016 body sends a firm to the
wrong door (trademarks were with 工商 in 2016 and are with the IP office today), so contacts
are chosen by the function the recommendation concerns: question → function → bodies, by the
table in contact_table.py. Sources and the names still to verify: docs/coverage.md, "Contacts".
"""

import hashlib
import json
from functools import cache

from app.messages import contacts as texts
from app.messages.contacts import (
    BODY_NAMES,
    CITY_WHY,
    LOCAL_BUREAU,
    LOCAL_WHY,
    REMIT_SEPARATOR,
    REMITS,
    SUPPORT_WHY,
)
from app.questionnaires.contact_table import (
    BODIES,
    DEFAULT_FUNCTION,
    FALLBACK_FUNCTION,
    FUNCTIONS,
    QUESTIONS,
)
from app.reference.codes import (
    COUNTY_KINDS,
    county_place,
    divisions,
    regions,
    unit_for_division_code,
)

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
    if entry is not None and entry["kind"] in COUNTY_KINDS:
        # A county's name is the same in both languages: the reference data has no English.
        place = county_place(entry["code"])
        return _local("county", (place, place), LOCAL_WHY)
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
