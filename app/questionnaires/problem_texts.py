"""A questionnaire file's problem in the reader's language (app/messages/questionnaire_files.py)."""

import re

from app.messages.questionnaire_files import FILE_PROBLEMS_ZH

_PATTERNS = tuple((re.compile(english), zh) for english, zh in FILE_PROBLEMS_ZH)


def problem_text(message: str, lang: str) -> str:
    """The loader's English message, or its Chinese text when lang is zh and a pattern fits."""
    if lang != "zh":
        return message
    for pattern, zh in _PATTERNS:
        found = pattern.fullmatch(message)
        if found:
            return zh.format(**found.groupdict())
    return message
