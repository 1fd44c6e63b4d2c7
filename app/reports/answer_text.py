"""An answer as a reader of the report sees it: option texts, numbers with units, standards."""

from app.questionnaires.representation import localise_tree

WORDS = {
    "zh": {
        "sep": "；",
        "none_listed": "未列出任何标准",
        "disclosed": "已公开",
        "not_disclosed": "未公开",
        "unanswered": "未作答",
        "state": "（{}）",
        "and": "，",
        "no_indicators": "未公开功能和性能指标",
        "no_test_methods": "未写明检验方法",
        "undeclared_below": "指标低于推荐性标准而未声明",
    },
    "en": {
        "sep": "; ",
        "none_listed": "no standards listed",
        "disclosed": "disclosed",
        "not_disclosed": "not disclosed",
        "unanswered": "not answered",
        "state": " ({})",
        "and": ", ",
        "no_indicators": "indicators not disclosed",
        "no_test_methods": "test methods not stated",
        "undeclared_below": "below a recommended standard, not declared",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["zh"])


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
