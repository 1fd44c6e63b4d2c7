"""The aggregate report as a PDF: the same published figures, with charts, in Chinese or English.

Rendered with the report engine's pieces (app/reports): html_to_pdf (its prepared CJK fonts, its
fetcher that serves those fonts and nothing else) and its bar chart. The template gets the
plain dict GET /aggregates returns; autoescaping covers every text in it.
"""

from pathlib import Path

from flask import current_app
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from app.i18n import localise
from app.messages.aggregates import GROUP_BY_NAMES, REPORT_TEXTS
from app.reports.charts import bar_chart_svg
from app.scoring.maturity import LEVELS

TEMPLATES = Path(__file__).with_name("templates")


def _cell(value) -> str:
    return "—" if value is None else str(value)


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
_env.filters.update(cell=_cell, percent=_percent)


def render_html(body: dict, texts: dict, lang: str) -> str:
    """The report as one HTML document; texts: question id → its text and options' texts."""
    text = {key: localise(value, lang) for key, value in REPORT_TEXTS.items()}
    text["note"] = text["note"].format(k=body["min_cell"])
    total = body["total"]
    groups = [total, *body["groups"]]
    snapshot = body["snapshot"]
    meta = [
        text["filters"].format(
            year=body["filters"]["year"] or "—",
            group_by=localise(GROUP_BY_NAMES[body["filters"]["group_by"]], lang),
        )
    ]
    if snapshot:
        meta.append(text["live" if snapshot["live"] else "snapshot"].format(date=snapshot["date"]))
    chart = None
    if not total["suppressed"] and total["dimensions"]:
        labels = {"chart_score": text["mean"], "chart_peer": "", "not_applicable": "—"}
        if lang == "en":
            labels |= {"alt_colon": ": ", "alt_separator": "; "}
        dims = [{"title": d["title"], "score": d["mean"]} for d in total["dimensions"]]
        chart = bar_chart_svg(dims, labels)
    questions = []
    if not total["suppressed"]:
        for question, options in total["questions"].items():
            known = texts.get(question, {"text": question, "options": {}})
            questions.append(
                {
                    "text": known["text"],
                    "options": [
                        {"text": known["options"].get(o, o), "share": share}
                        for o, share in options.items()
                    ],
                }
            )
    visible = [g for g in groups if not g["suppressed"]]
    return _env.get_template("aggregates.html.j2").render(
        evidence=evidence_rows(visible),
        lang=lang,
        L=text,
        body=body,
        meta=meta,
        groups=groups,
        total_label=total["label"],
        chart=chart,
        dimension_keys=bool(visible and visible[0]["dimensions"]),
        dimension_titles=[d["title"] for d in visible[0]["dimensions"]] if visible else [],
        levels=[f"{n} {localise(LEVELS[n]['label'], lang)}" for n in sorted(LEVELS)],
        questions=questions,
        stylesheet=Markup((TEMPLATES / "aggregates.css").read_text(encoding="utf-8")),
    )


def evidence_rows(groups: list[dict]) -> list[dict]:
    """Per shown group with evidence figures, its dimensions' shares (as the association's
    screen shows them); hidden: every share withheld, said once for the group."""
    found = []
    for g in groups:
        shares = (g.get("evidence") or {}).get("dimensions") or {}
        if not shares:
            continue
        titles = {d["key"]: d["title"] for d in g["dimensions"]}
        rows = [
            {"title": titles.get(key, key), "attached": s["attached"], "verified": s["verified"]}
            for key, s in shares.items()
        ]
        hidden = all(r["attached"] is None and r["verified"] is None for r in rows)
        found.append({"label": g["label"], "hidden": hidden, "rows": rows})
    return found


def render_pdf(body: dict, texts: dict, lang: str) -> bytes:
    """The report as PDF bytes, with the report engine's fonts and safe fetcher."""
    from app.reports import html_to_pdf  # WeasyPrint: imported on the first PDF, not at start

    html = render_html(body, texts, lang)
    return html_to_pdf(html, font_dir=current_app.config.get("FONT_CACHE_DIR"))
