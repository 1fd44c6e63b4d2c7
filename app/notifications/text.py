"""A notification's title and text in a language, from the message catalog and its params."""

from app.i18n import localise
from app.messages.notifications import NOTICE_TEXTS, NOTICE_TITLES


class _Params(dict):
    """Parameters for str.format; a missing one reads as empty rather than failing the list."""

    def __missing__(self, key):
        return ""


def render_notice(kind: str, params: dict, lang: str) -> dict:
    """{title, text} of a notice: names given in both languages are picked by lang."""
    values = _Params(
        {k: localise(v, lang) if isinstance(v, dict) else v for k, v in params.items()}
    )
    if values.get("comment") is None:
        values["comment"] = ""
    return {
        "title": localise(NOTICE_TITLES[kind], lang),
        "text": localise(NOTICE_TEXTS[kind], lang).format_map(values),
    }
