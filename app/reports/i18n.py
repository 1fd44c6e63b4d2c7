"""Fixed wording of the report in Chinese and English: headings, table heads, notes."""

from datetime import date

from app.messages.contacts import CONTACT_LEVELS
from app.messages.reports import LABELS

# Level code → its name, by language, for the template's contact lines.
CONTACT_LEVELS_BY_LANG = {
    lang: {level: names[lang] for level, names in CONTACT_LEVELS.items()} for lang in ("zh", "en")
}
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def labels(lang: str) -> dict[str, str]:
    """The label table for a language; unknown languages get Chinese."""
    return LABELS.get(lang, LABELS["zh"])


def format_date(value: str | None, lang: str) -> str:
    """An ISO date or datetime string as 2026年11月20日 or 20 Nov 2026."""
    if not value:
        return ""
    day = date.fromisoformat(str(value)[:10])
    if lang == "en":
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def format_points(value: float | None) -> str:
    """Question points: whole numbers without decimals (3), others with one (2.5)."""
    if value is None:
        return "—"
    return f"{float(value):g}" if float(value).is_integer() else f"{float(value):.1f}"


def format_score(value: float | None) -> str:
    """A 0–100 score with one decimal, or a dash when there is none."""
    return "—" if value is None else f"{float(value):.1f}"
