"""An answer as a reader of the report sees it: option texts, numbers with units, standards."""

from app.messages.reports import ANSWER_WORDS
from app.questionnaires.representation import localise_tree


def words(lang: str) -> dict[str, str]:
    return ANSWER_WORDS.get(lang, ANSWER_WORDS["zh"])


def format_number(value) -> str:
    """12 → 12, 2.5 → 2.5, 1234567 → 1,234,567 (grouping helps with large counts)."""
    number = float(value)
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def answer_text(question: dict, value, lang: str) -> str:
    """The answer in words, in the report's language."""
    w = words(lang)
    kind = question["type"]
    if kind == "standard_list" and value == []:
        return w["none_listed"]  # an answer: the enterprise declares no standards
    if value is None or value == "" or value == []:
        return w["unanswered"]
    if kind in ("single", "multiple"):
        chosen = [value] if kind == "single" else list(value)
        texts = {o["id"]: localise_tree(o["text"], lang) for o in question["options"]}
        return w["sep"].join(texts.get(option, str(option)) for option in chosen)
    if kind == "number":
        unit = localise_tree(question.get("unit"), lang) if question.get("unit") else ""
        joiner = "" if lang == "zh" and unit in ("%", "％") else " "
        return f"{format_number(value)}{joiner}{unit}".strip()
    if kind == "standard_list":
        return w["sep"].join(_standard(entry, w) for entry in value)
    return str(value)


def _standard(entry: dict, w: dict) -> str:
    """GB/T 5656-2008 离心泵 技术条件（已公开）, naming each gap the entry has."""
    states = [w["disclosed"] if entry.get("disclosed") else w["not_disclosed"]]
    if str(entry.get("code", "")).startswith("Q/"):
        if not entry.get("indicators_disclosed"):
            states.append(w["no_indicators"])
        if not entry.get("test_methods_disclosed"):
            states.append(w["no_test_methods"])
    if entry.get("below_recommended") and not entry.get("below_recommended_declared"):
        states.append(w["undeclared_below"])
    state = w["and"].join(states)
    label = " ".join(part for part in (entry.get("code", ""), entry.get("name", "")) if part)
    return label + w["state"].format(state)
