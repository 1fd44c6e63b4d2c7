"""The enterprise report: plain-data context in, PDF out. No Flask and no database here."""

from .context import sample_context
from .fonts import prepare_report_font
from .render import ReportRenderError, layout_report, render_html, render_report_pdf

__all__ = [
    "ReportRenderError",
    "layout_report",
    "prepare_report_font",
    "render_html",
    "render_report_pdf",
    "sample_context",
]
