"""Aggregates as the API sends them: published figures only, hidden groups without any figure."""

from datetime import timedelta

from app.aggregates.cube import ALL, CellKey
from app.aggregates.protect.figures import is_evidence
from app.aggregates.snapshot.sources import CHINA_OFFSET_HOURS
from app.i18n import localise
from app.messages.aggregates import EVERYTHING
from app.messages.common import SIZE_LABELS
from app.questionnaires.representation import localise_tree
from app.reference.codes import industry, region_name


def key_repr(key: CellKey) -> dict:
    return {dim: None if value == ALL else value for dim, value in key._asdict().items()}


def label(key: CellKey, lang: str) -> str:
    """A person's name for a cell: 石家庄市 · 纺织业 · 小型."""
    parts = []
    if key.region != ALL:
        parts.append(region_name(key.region, lang) or key.region)
    if key.industry != ALL:
        entry = industry(key.industry)
        parts.append(localise(entry["name"], lang) if entry else key.industry)
    if key.size != ALL:
        parts.append(localise(SIZE_LABELS[key.size], lang))
    return " · ".join(parts) if parts else localise(EVERYTHING, lang)


def group_repr(key: CellKey, figures: dict | None, definition: dict, lang: str) -> dict:
    """A group: its key and label, and either its figures or suppressed: true alone."""
    group = {"key": key_repr(key), "label": label(key, lang), "suppressed": figures is None}
    if figures is None:
        return group
    titles = {d["key"]: localise_tree(d["title"], lang) for d in definition["dimensions"]}
    group.update(
        n=figures["n"],
        overall=figures["overall"],
        dimensions=[
            {"key": d, "title": titles.get(d, d), **(value or _empty())}
            for d, value in figures["dimensions"].items()
        ],
        maturity=figures["maturity"],
        questions={q: v for q, v in figures["questions"].items() if not is_evidence(q)},
        evidence=evidence_repr(figures["questions"]),
    )
    return group


def evidence_repr(questions: dict) -> dict:
    """The evidence figures: per question and per dimension, the shares with a file and verified."""
    found: dict[str, dict] = {"questions": {}, "dimensions": {}}
    for name, shares in questions.items():
        if is_evidence(name):
            _, kind, key = name.split(":", 2)
            found["questions" if kind == "q" else "dimensions"][key] = shares
    return found


def _empty() -> dict:
    return {"mean": None, "median": None, "p25": None, "p75": None}


def snapshot_repr(snapshot, *, live: bool = False, now=None) -> dict | None:
    """Which publication the figures come from: its id, date (Beijing) and time."""
    moment = now if live else (snapshot.taken_at if snapshot else None)
    if moment is None:
        return None
    return {
        "id": None if live else snapshot.id,
        "date": (moment + timedelta(hours=CHINA_OFFSET_HOURS)).date().isoformat(),
        "taken_at": moment,
        "live": live,
    }


def question_texts(definition: dict, lang: str) -> dict[str, dict]:
    """Question id → {"text", "options": {option id → text}} (for exports): the questions
    whose answers or evidence aggregates count."""
    found = {}
    for section in definition["sections"]:
        for q in section["questions"]:
            if q["type"] in ("single", "multiple") or q.get("evidence"):
                found[q["id"]] = {
                    "text": localise_tree(q["text"], lang),
                    "options": {
                        o["id"]: localise_tree(o["text"], lang) for o in q.get("options", [])
                    },
                }
    return found
