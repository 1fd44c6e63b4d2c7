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
from app.reports.charts import bar_chart_svg
from app.scoring.maturity import LEVELS

TEMPLATES = Path(__file__).with_name("templates")
TEXTS = {
    "title": {"zh": "质量自评汇总报告", "en": "Quality self-assessment: aggregate report"},
    "groups": {"zh": "分组概况", "en": "Groups"},
    "group": {"zh": "分组", "en": "Group"},
    "n": {"zh": "企业数", "en": "Enterprises"},
    "mean": {"zh": "平均分", "en": "Mean"},
    "median": {"zh": "中位数", "en": "Median"},
    "p25": {"zh": "下四分位", "en": "P25"},
    "p75": {"zh": "上四分位", "en": "P75"},
    "suppressed": {"zh": "企业数过少，不予显示", "en": "Too few enterprises to show"},
    "dimensions": {"zh": "各维度平均分", "en": "Mean score by dimension"},
    "maturity": {"zh": "成熟度等级分布", "en": "Maturity levels"},
    "questions": {"zh": "答题分布", "en": "Answers"},
    "option": {"zh": "选项", "en": "Option"},
    "share": {"zh": "占比", "en": "Share"},
    "note": {
        "zh": "为保护企业信息：少于 {k} 家企业的分组不显示任何数字，必要时相邻分组一并隐藏；"
        "中位数和四分位数仅在 10 家及以上时显示；平均分取整；不提供最高分和最低分；"
        "某一选项或等级的人数或其余人数少于 {k} 家时，该占比不显示（—）。",
        "en": "To protect enterprises: groups of fewer than {k} show no figures, and neighbours "
        "are hidden with them where needed; medians and quartiles need 10; means are whole "
        "points; no minimum or maximum is given; a share is shown (not —) only when at least "
        "{k} enterprises are on each side of it.",
    },
    "snapshot": {"zh": "数据快照：{date}", "en": "Snapshot of {date}"},
    "live": {"zh": "实时数据：{date}", "en": "Live figures of {date}"},
    "filters": {
        "zh": "年度 {year} · 分组方式：{group_by}",
        "en": "Year {year} · grouped by {group_by}",
    },
}
GROUP_BY = {
    "none": {"zh": "不分组", "en": "none"},
    "region": {"zh": "地区", "en": "region"},
    "industry": {"zh": "行业", "en": "industry"},
    "size": {"zh": "企业规模", "en": "size"},
}


def _cell(value) -> str:
    return "—" if value is None else str(value)


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined)
_env.filters.update(cell=_cell, percent=_percent)


def render_html(body: dict, texts: dict, lang: str) -> str:
    """The report as one HTML document; texts: question id → its text and options' texts."""
    text = {key: localise(value, lang) for key, value in TEXTS.items()}
    text["note"] = text["note"].format(k=body["min_cell"])
    total = body["total"]
    groups = [total, *body["groups"]]
    snapshot = body["snapshot"]
    meta = [
        text["filters"].format(
            year=body["filters"]["year"] or "—",
            group_by=localise(GROUP_BY[body["filters"]["group_by"]], lang),
        )
    ]
    if snapshot:
        meta.append(text["live" if snapshot["live"] else "snapshot"].format(date=snapshot["date"]))
    chart = None
    if not total["suppressed"] and total["dimensions"]:
        labels = {"chart_score": text["mean"], "chart_peer": "", "not_applicable": "—"}
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


def render_pdf(body: dict, texts: dict, lang: str) -> bytes:
    """The report as PDF bytes, with the report engine's fonts and safe fetcher."""
    from app.reports import html_to_pdf  # WeasyPrint: imported on the first PDF, not at start

    html = render_html(body, texts, lang)
    return html_to_pdf(html, font_dir=current_app.config.get("FONT_CACHE_DIR"))
