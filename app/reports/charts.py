"""Inline SVG for the report: dimension score bars with peer medians, and the QR code."""

import unicodedata

import segno
from markupsafe import Markup, escape

from .i18n import format_score

WIDTH, LABEL_W, BAR_X, BAR_W = 640, 196, 204, 340
ROW_H, BAR_H, TOP, FONT = 44, 16, 34, 12
INK, MUTED, GRID, TRACK, BAR, PEER = (
    "#1f2a44",
    "#6b7280",
    "#d5dae3",
    "#eef1f6",
    "#2f5f9e",
    "#c2410c",
)
FONT_FAMILY = "ReportSans, ReportSansExtra"


def _text_width(text: str) -> float:
    """Rough advance width in ems: wide (CJK) characters are one em, others about half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.56 for c in text)


def wrap_label(text: str, max_em: float, max_lines: int = 2) -> list[str]:
    """Break a label into at most `max_lines` lines of `max_em` ems, ending with … if cut."""
    units = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    lines, current = [], ""
    for unit in units:
        candidate = f"{current}{joiner}{unit}" if current else unit
        if _text_width(candidate) <= max_em or not current:
            current = candidate
            continue
        lines.append(current)
        current = unit
    lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and _text_width(last + "…") > max_em:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


def _x(score: float) -> float:
    return BAR_X + BAR_W * max(0.0, min(100.0, float(score))) / 100


def _text(x, y, content, *, size=FONT, anchor="start", fill=INK, weight=400) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}" font-weight="{weight}" font-family="{FONT_FAMILY}">{escape(content)}</text>'
    )


def chart_alt(dimensions: list[dict], labels: dict[str, str]) -> str:
    """The figures the chart draws, as one sentence: its text alternative in a tagged PDF."""
    parts = []
    for dim in dimensions:
        score, peer = dim.get("score"), dim.get("peer_median")
        shown = format_score(score) if score is not None else labels["not_applicable"]
        if peer is not None:
            shown += f" / {labels['chart_peer']} {format_score(peer)}"
        parts.append(f"{dim['title']} {shown}")
    # Chinese punctuation unless the labels say otherwise (the English ones do).
    return f"{labels['chart_score']}{labels.get('alt_colon', '：')}" + labels.get(
        "alt_separator", "；"
    ).join(parts)


def bar_chart_svg(dimensions: list[dict], labels: dict[str, str]) -> Markup:
    """Horizontal bars of dimension scores (0–100), each with its peer median as a marker."""
    height = TOP + ROW_H * len(dimensions) + 22
    bottom = TOP + ROW_H * len(dimensions)
    # Without a benchmark (too few peers yet) the chart shows no peer marker, legend or text.
    with_peers = any(dim.get("peer_median") is not None for dim in dimensions)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg" '
        'role="img">',
        # WeasyPrint's tagged PDF takes a figure's /Alt from the SVG's <title>.
        f"<title>{escape(chart_alt(dimensions, labels))}</title>",
        f'<rect x="{BAR_X}" y="6" width="14" height="10" fill="{BAR}"/>',
        _text(BAR_X + 20, 15, labels["chart_score"], size=11, fill=MUTED),
    ]
    if with_peers:
        parts += [
            f'<rect x="{BAR_X + 140}" y="3" width="3" height="16" fill="{PEER}"/>',
            _text(BAR_X + 150, 15, labels["chart_peer"], size=11, fill=MUTED),
        ]
    for tick in range(0, 101, 20):
        x = _x(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP - 6}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}" '
            f'stroke-width="0.8" stroke-dasharray="{"none" if tick in (0, 100) else "3 3"}"/>'
        )
        parts.append(_text(x, bottom + 15, str(tick), size=10, anchor="middle", fill=MUTED))
    for i, dim in enumerate(dimensions):
        y = TOP + i * ROW_H + (ROW_H - BAR_H) / 2 - 4
        lines = wrap_label(dim["title"], (LABEL_W - 8) / FONT)
        first = y + BAR_H / 2 + 4 - (len(lines) - 1) * 7.5
        for n, line in enumerate(lines):
            parts.append(_text(0, first + n * 15, line))
        parts.append(
            f'<rect x="{BAR_X}" y="{y:.1f}" width="{BAR_W}" height="{BAR_H}" fill="{TRACK}"/>'
        )
        score, peer = dim.get("score"), dim.get("peer_median")
        if score is not None:
            width = _x(score) - BAR_X
            parts.append(
                f'<rect x="{BAR_X}" y="{y:.1f}" width="{width:.1f}" height="{BAR_H}" fill="{BAR}"/>'
            )
        if peer is not None:
            marker = f'x="{_x(peer) - 1.5:.1f}" y="{y - 4:.1f}" width="3" height="{BAR_H + 8}"'
            parts.append(f'<rect {marker} fill="{PEER}"/>')
        value_x = BAR_X + BAR_W + 14
        shown = format_score(score) if score is not None else labels["not_applicable"]
        if not with_peers:
            parts.append(_text(value_x, y + 17, shown, size=15, weight=700))
            continue
        parts.append(_text(value_x, y + 12, shown, size=15, weight=700))
        peer_text = f"{labels['chart_peer']} {format_score(peer)}"
        parts.append(_text(value_x, y + 27, peer_text, size=10, fill=MUTED))
    parts.append("</svg>")
    return Markup("".join(parts))


def qr_svg(url: str, *, alt: str = "", color: str = INK) -> Markup:
    """The verification URL as an inline SVG QR code (error correction M, no quiet zone)."""
    code = segno.make(url, error="m", micro=False)
    return Markup(
        code.svg_inline(
            scale=1,
            border=0,
            omitsize=True,
            dark=color,
            svgclass="qr",
            title=f"{alt}{url}",  # the figure's /Alt in the tagged PDF
        )
    )
