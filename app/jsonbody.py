"""Bounds on a JSON body, checked before any view reads it: depth and the length of numbers.

Python's parser recurses once per level (a body of 200 000 "[" raises RecursionError) and
refuses integers of more than 4300 digits with a ValueError: both would be a 500 with a
traceback for an anonymous client. No document this API takes nests beyond a handful of levels
or needs a number of more than a few dozen digits, so a body past either bound is answered
400 malformed-json, naming the bound. (The size is bounded by MAX_CONTENT_LENGTH: 413.)
"""

import json

from flask import Flask, request

from app.errors import ApiError

MAX_DEPTH = 32
MAX_NUMBER_LENGTH = 64  # characters of one number as written, sign and exponent included


class _NumberTooLong(ValueError):
    pass


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_LENGTH:
        raise _NumberTooLong(text[:20])
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_NUMBER_LENGTH:
        raise _NumberTooLong(text[:20])
    return float(text)


def _too_deep(value) -> bool:
    """Whether a parsed document nests more than MAX_DEPTH containers (iteratively)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node
        if not isinstance(node, dict | list):
            continue
        if depth > MAX_DEPTH:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def check_json(data: bytes) -> None:
    """Raise 400 malformed-json when data nests too deep or writes too long a number."""
    try:
        value = json.loads(data, parse_int=_int, parse_float=_float)
    except RecursionError as exc:
        raise _refused("json_too_deep") from exc
    except _NumberTooLong as exc:
        raise _refused("json_number_too_long") from exc
    except (ValueError, UnicodeDecodeError):
        return  # plainly malformed: the parser of the view says so (400 malformed-json)
    if _too_deep(value):
        raise _refused("json_too_deep")


def _refused(key: str) -> ApiError:
    return ApiError(400, key, problem="malformed-json", depth=MAX_DEPTH, length=MAX_NUMBER_LENGTH)


def _check_request_body():
    if request.path.startswith("/api/") and request.is_json and request.content_length != 0:
        data = request.get_data(cache=True)  # bounded by MAX_CONTENT_LENGTH (413 beyond)
        if data:
            check_json(data)


def init_app(app: Flask) -> None:
    """Check every JSON body sent to the API before a view parses it."""
    app.before_request(_check_request_body)
