"""Inline SVG for the report's year-over-year block: each dimension's score last year and now."""

from markupsafe import Markup, escape

from .charts import BAR_W, BAR_X, FONT, GRID, INK, LABEL_W, MUTED, TRACK, _text, _x, wrap_label
from .i18n import format_score

ROW_H, TOP = 34, 30
BEFORE, NOW = "#6b7280", "#2f5f9e"
UP, DOWN, SAME = "#2e7d5b", "#b42318", "#9aa3b2"


def signed(change: float | None) -> str:
    """+12.5, −3.0, 0.0; a dash when either year has no score."""
    if change is None:
        return "—"
    if change > 0:
        return f"+{format_score(change)}"
    if change < 0:
        return f"−{format_score(-change)}"
    return format_score(0)


def progress_alt(progress: dict, labels: dict[str, str]) -> str:
    """The figures the chart draws, as one sentence: its text alternative in a tagged PDF."""
    parts = [
        f"{d['title']} {format_score(d['previous'])} → {format_score(d['current'])}"
        f" ({signed(d['change'])})"
        for d in progress["dimensions"]
    ]
    head = labels["yoy_chart_alt"].format(a=progress["previous_year"], b=progress["year"])
    return head + labels.get("alt_colon", "：") + labels.get("alt_separator", "；").join(parts)


def progress_chart_svg(progress: dict, labels: dict[str, str]) -> Markup:
    """One line per dimension on 0–100: a hollow dot last year, a filled one now, joined."""
    dimensions = progress["dimensions"]
    bottom = TOP + ROW_H * len(dimensions)
    before = labels["yoy_legend"].format(year=progress["previous_year"])
    now = labels["yoy_legend"].format(year=progress["year"])
    parts = [
        f'<svg class="chart" viewBox="0 0 640 {bottom + 22}" xmlns="http://www.w3.org/2000/svg" '
        'role="img">',
        f"<title>{escape(progress_alt(progress, labels))}</title>",
        f'<circle cx="{BAR_X + 6}" cy="11" r="5" fill="#fff" stroke="{BEFORE}" stroke-width="2"/>',
        _text(BAR_X + 16, 15, before, size=11, fill=MUTED),
        f'<circle cx="{BAR_X + 106}" cy="11" r="5.5" fill="{NOW}"/>',
        _text(BAR_X + 116, 15, now, size=11, fill=MUTED),
    ]
    for tick in range(0, 101, 20):
        x = _x(tick)
        dash = "none" if tick in (0, 100) else "3 3"
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}" '
            f'stroke-width="0.8" stroke-dasharray="{dash}"/>'
        )
        parts.append(_text(x, bottom + 15, str(tick), size=10, anchor="middle", fill=MUTED))
    for i, d in enumerate(dimensions):
        y = TOP + i * ROW_H + ROW_H / 2
        lines = wrap_label(d["title"], (LABEL_W - 8) / FONT)
        first = y + 4 - (len(lines) - 1) * 7.5
        for n, line in enumerate(lines):
            parts.append(_text(0, first + n * 15, line))
        parts.append(
            f'<line x1="{BAR_X}" y1="{y:.1f}" x2="{BAR_X + BAR_W}" y2="{y:.1f}" '
            f'stroke="{TRACK}" stroke-width="4"/>'
        )
        old, new, change = d["previous"], d["current"], d["change"]
        if old is not None and new is not None:
            colour = UP if change > 0 else DOWN if change < 0 else SAME
            parts.append(
                f'<line x1="{_x(old):.1f}" y1="{y:.1f}" x2="{_x(new):.1f}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="4"/>'
            )
        if old is not None:
            parts.append(
                f'<circle cx="{_x(old):.1f}" cy="{y:.1f}" r="5" fill="#fff" '
                f'stroke="{BEFORE}" stroke-width="2"/>'
            )
        if new is not None:
            parts.append(f'<circle cx="{_x(new):.1f}" cy="{y:.1f}" r="5.5" fill="{NOW}"/>')
        colour = INK if change is None else UP if change > 0 else DOWN if change < 0 else MUTED
        parts.append(
            _text(BAR_X + BAR_W + 14, y + 5, signed(change), size=13, weight=700, fill=colour)
        )
    parts.append("</svg>")
    return Markup("".join(parts))
