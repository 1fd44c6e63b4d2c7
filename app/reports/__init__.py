"""The enterprise report: plain-data context in, PDF out (render.py); storage, queue, routes.

The renderer is imported on first use: WeasyPrint takes a second to import, and a web process
that only serves stored reports, plans and verifications never needs it.
"""

import importlib

_EXPORTS = {
    "ReportRenderError": ".render",
    "html_to_pdf": ".render",
    "layout_report": ".render",
    "render_html": ".render",
    "render_report_pdf": ".render",
    "prepare_report_font": ".fonts",
    "sample_context": ".context",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name], __name__), name)
