"""Log lines as JSON or text, each carrying the request id of the request it was written in."""

import logging
import sys

from flask import Flask, g, has_request_context
from pythonjsonlogger.json import JsonFormatter

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s"


class RequestIdFilter(logging.Filter):
    """Adds request_id to every record: the current request's, or None outside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = g.get("request_id") if has_request_context() else None
        return True


def _formatter(log_format: str) -> logging.Formatter:
    if log_format == "json":
        return JsonFormatter(
            JSON_FIELDS,
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            json_ensure_ascii=False,
        )
    return logging.Formatter(TEXT_FORMAT)


def configure_logging(app: Flask) -> None:
    """One handler on the root logger, formatted as LOG_FORMAT says (one, however many apps)."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, "quality_handler", False)), None)
    if handler is None:
        handler = logging.StreamHandler(sys.stderr)
        handler.quality_handler = True
        handler.addFilter(RequestIdFilter())
        root.addHandler(handler)
    handler.setFormatter(_formatter(app.config["LOG_FORMAT"]))
    root.setLevel(app.config["LOG_LEVEL"])
